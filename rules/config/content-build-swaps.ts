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
};
