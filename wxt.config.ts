import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { TEST_HOST_MATCHES } from './rules/config/hosts';
import { CONTENT_SCRIPT_FILES, RULES_DATA_SCRIPT } from './rules/config/content-script-files';
import {
  CONTENT_BUILD_PACKAGE_SWAPS,
  CONTENT_BUILD_SWAPS,
} from './rules/config/content-build-swaps';

const fromRoot = (file: string) => fileURLToPath(new URL(`./${file}`, import.meta.url));
/**
 * The extension's version, fixed in the bundles at build time (`BUILD_VERSION`, rules/config/
 * build.ts) so a frame need not copy the whole manifest (`runtime.getManifest`) to learn it; the
 * manifest hook below fails the build if the manifest's version were ever another.
 */
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** Absolute path of each swapped module → its replacement's. */
const SWAPS = new Map(
  Object.entries(CONTENT_BUILD_SWAPS).map(([from, to]) => [fromRoot(from), fromRoot(to)]),
);
/** Base names that can name a swapped module: './data', '../engine/stop-words', … */
const SWAP_SPECIFIER = new RegExp(
  `(?:^|/)(?:${Object.keys(CONTENT_BUILD_SWAPS)
    .map((f) => (f.split('/').pop() ?? '').replace(/\.ts$/, ''))
    .join('|')})(?:\\.ts)?$`,
);

/**
 * The content script reads the bundled data (and the engine's word lists) from rules-data.js
 * instead of compiling them into itself, and does without WXT's content-script context
 * (rules/config/content-build-swaps.ts).
 */
function bundledDataFromScript(): Plugin {
  return {
    name: 'plens-bundled-data-from-script',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const packageSwap = CONTENT_BUILD_PACKAGE_SWAPS[source];
      if (packageSwap) return fromRoot(packageSwap);
      if (!SWAP_SPECIFIER.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return (resolved && SWAPS.get(resolved.id)) ?? null;
    },
  };
}

// `--mode e2e` (used by `npm start` and the tests) also runs on the local demo/test server; the
// store build only ever runs on the documented clinical hosts.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  // Profiling aids (not used by CI): an unminified build in a separate output folder.
  outDir: process.env.PLENS_OUT_DIR ?? '.output',
  vite: () => ({
    plugins: [preact()],
    build: process.env.PLENS_NO_MINIFY ? { minify: false } : {},
    define: { 'import.meta.env.PLENS_VERSION': JSON.stringify(PACKAGE_VERSION) },
  }),
  manifest: {
    name: 'Prescribing Lens',
    description:
      'Flags medicines with shared-care, specialist-initiation, no-commissioned-service or dependence-forming positions on NHS clinical screens.',
    // No host_permissions: manifest content scripts need none. `storage` holds packs and settings;
    // `alarms` refreshes a policy URL pack; `scripting` + `activeTab` annotate a tab on request and
    // register the content script for sites the user grants at run time (optional permissions).
    // `unlimitedStorage`: a 5 MB local pack, a 5 MB policy pack and the compiled rule set built
    // from them outgrow storage.local's 10 MB quota; it grants no access to anything.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'scripting', 'activeTab'],
    optional_host_permissions: ['https://*/*'],
    // What Chrome/Edge enterprise policy may set (docs/deployment.md); read via storage.managed.
    storage: { managed_schema: 'managed_schema.json' },
    action: { default_title: 'Prescribing Lens: medicines on this page' },
    commands: {
      // Opens the popup (summary and look-up) from the keyboard; rebindable at chrome://extensions/shortcuts.
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Open the Prescribing Lens summary for this page',
      },
      // Marks take no Tab stop (the page's DOM is never changed): these step through them in page
      // order and open each card with focus inside. Alt+Shift with "." and "," (read as "›" and
      // "‹"): Chrome and Firefox bind neither, and page access keys are letters and digits.
      'next-flag': {
        suggested_key: { default: 'Alt+Shift+Period' },
        description: 'Go to the next flagged medicine on the page and open its card',
      },
      'previous-flag': {
        suggested_key: { default: 'Alt+Shift+Comma' },
        description: 'Go to the previous flagged medicine on the page and open its card',
      },
    },
    browser_specific_settings: {
      gecko: {
        id: 'prescribing-lens@plens.invalid',
        // 140 is the first Firefox (and ESR line) that reads data_collection_permissions.
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  },
  hooks: {
    // The bundled pack is validated here, once, rather than on every page load (rules/store/layers.ts).
    'build:before': async () => {
      const { validatePack } = await import('./rules/loader/validate');
      const { formatIssue } = await import('./rules/loader/issues');
      const pack: unknown = JSON.parse(readFileSync('rules/packs/core.json', 'utf8'));
      const result = validatePack(pack, { requireSources: true });
      if (!result.ok) {
        throw new Error(
          `rules/packs/core.json is invalid:\n${result.issues.map(formatIssue).join('\n')}`,
        );
      }
    },
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((entry) => entry.type === 'content-script')) return;
      config.plugins = [...(config.plugins ?? []), bundledDataFromScript()];
    },
    'build:publicAssets': async (_wxt, files) => {
      const { bundledDataScript } = await import('./rules/bundled/data-script');
      files.push({ relativeDest: RULES_DATA_SCRIPT, contents: bundledDataScript() });
    },
    'build:manifestGenerated': (wxt, manifest) => {
      if (manifest.version !== PACKAGE_VERSION) {
        throw new Error(
          `manifest version ${manifest.version} is not package.json's ${PACKAGE_VERSION}, which the bundles carry as BUILD_VERSION (rules/config/build.ts)`,
        );
      }
      for (const script of manifest.content_scripts ?? []) {
        if (script.js?.includes(CONTENT_SCRIPT_FILES[1])) script.js = [...CONTENT_SCRIPT_FILES];
      }
      // MV2 (Firefox) has no optional_host_permissions: hosts go in optional_permissions.
      if (wxt.config.manifestVersion === 2) {
        manifest.optional_permissions = [...(manifest.optional_permissions ?? []), 'https://*/*'];
        // MV2 names the toolbar-button command differently.
        const command = manifest.commands?._execute_action;
        if (manifest.commands && command) {
          manifest.commands._execute_browser_action = command;
          delete manifest.commands._execute_action;
        }
      }
      if (wxt.config.mode !== 'e2e') return;
      for (const script of manifest.content_scripts ?? []) {
        script.matches = [...(script.matches ?? []), ...TEST_HOST_MATCHES];
      }
      if (wxt.config.manifestVersion === 2) {
        manifest.optional_permissions = [
          ...(manifest.optional_permissions ?? []),
          ...TEST_HOST_MATCHES,
        ];
      } else {
        const granted = (manifest.optional_host_permissions ?? []) as string[];
        manifest.optional_host_permissions = [...granted, ...TEST_HOST_MATCHES];
      }
    },
  },
});
