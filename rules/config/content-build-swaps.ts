/**
 * Modules the content script's build replaces with a reader of `content-scripts/rules-data.js`
 * (wxt.config.ts): data, not code, so the browser caches it as one file and content.js stays under
 * its size budget (scripts/bench.mjs, tests/content-bundle.test.ts). Each replacement exports the
 * same names with the same types; extension pages, Node and the tests use the originals.
 * Paths are from the repository root.
 */
export const CONTENT_BUILD_SWAPS: Readonly<Record<string, string>> = {
  'rules/bundled/data.ts': 'rules/bundled/from-data-script.ts',
  'rules/engine/known-medicines.ts': 'rules/bundled/known-medicines-from-data-script.ts',
  'rules/engine/stop-words.ts': 'rules/bundled/stop-words-from-data-script.ts',
  // Read at the engine's first use, not at load (issue 22, start-up per frame).
  'rules/engine/word-lists.ts': 'rules/bundled/word-lists-from-data-script.ts',
};

/**
 * Package modules the content build replaces (by import specifier) with a file of this
 * repository: WXT's content-script context, which the generated entry makes in every frame and
 * the script does not use (entrypoints/content/page/script-context.ts says why).
 */
export const CONTENT_BUILD_PACKAGE_SWAPS: Readonly<Record<string, string>> = {
  'wxt/utils/content-script-context': 'entrypoints/content/page/script-context.ts',
  '@wxt-dev/webextension-polyfill/browser': 'entrypoints/content/page/browser.ts',
};
