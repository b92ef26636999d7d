/**
 * The content script runs in every frame of every clinical page, so its code stays small (budget:
 * scripts/bench.mjs, content_script_gzip_bytes). Pages restore what was validated and compiled
 * elsewhere (rules/store/page-state.ts): these modules, and the tables the content build reads from
 * rules-data.js, must not come back into its import graph. Walks run-time imports from
 * entrypoints/content/index.ts with the content build's module swaps applied.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createRequire } from 'node:module';
import {
  CONTENT_BUILD_PACKAGE_SWAPS,
  CONTENT_BUILD_SWAPS,
} from '../rules/config/content-build-swaps';

const ENTRY = 'entrypoints/content/index.ts';

/** Not in content.js: what they do happens in the background, the options page or at build time. */
const KEPT_OUT = {
  'rules/loader/validate.ts': 'the pack validator (the background validates the snapshot)',
  'rules/loader/layers.ts': 'reading and validating stored packs',
  'rules/loader/parse.ts': 'parsing pack text',
  'rules/loader/activate.ts': 'compiling packs (pages restore a compiled set)',
  'rules/names/expand.ts': 'the brand-name expander (build time and background)',
  'rules/names/index-schema.ts': 'the product-name index parser',
  'rules/bundled/index.ts': 'bundled activation with name expansion',
  'rules/schema/icbs.ts': 'the ICB names and places tables (pages read names from rules-data.js)',
  'rules/engine/known-medicines.ts': 'a word list the content build reads from rules-data.js',
  'rules/engine/stop-words.ts': 'a word list the content build reads from rules-data.js',
  'rules/bundled/data.ts': 'the bundled JSON (the content build reads rules-data.js)',
} as const;

// Run-time imports only: `import type` and `export type` leave no code behind.
const IMPORT =
  /^\s*(?:import|export)\s+(type\s+)?[^'";]*?\bfrom\s+'([^']+)'|^\s*import\s+'([^']+)'|\bimport\('([^']+)'\)/gm;

function resolve(spec: string, from: string): string | null {
  const bare = spec.split('?')[0] ?? spec;
  let base: string;
  if (bare.startsWith('@/')) base = bare.slice(2);
  else if (bare.startsWith('.'))
    base = path.posix.normalize(path.posix.join(path.dirname(from), bare));
  else return null; // a package
  const file = ['.ts', '.tsx', '/index.ts', ''].map((e) => base + e).find((c) => existsSync(c));
  if (!file) return null;
  return CONTENT_BUILD_SWAPS[file] ?? file;
}

/** Every repository file content.js is built from, each with the chain that reached it. */
function contentGraph(): Map<string, string[]> {
  const chains = new Map<string, string[]>([[ENTRY, [ENTRY]]]);
  const queue = [ENTRY];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (!/\.tsx?$/.test(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (m[1] !== undefined) continue;
      const to = resolve(m[2] ?? m[3] ?? m[4] ?? '', file);
      if (to === null || chains.has(to)) continue;
      chains.set(to, [...(chains.get(file) ?? []), to]);
      queue.push(to);
    }
  }
  return chains;
}

describe('what the content script bundles', () => {
  const graph = contentGraph();

  test('the walk sees the content script (sanity: its wiring and the engine are reached)', () => {
    expect(graph.has('entrypoints/content/page/active-rules.ts')).toBe(true);
    expect(graph.has('rules/engine/match.ts')).toBe(true);
    expect(graph.has('rules/bundled/from-data-script.ts')).toBe(true);
  });

  test.each(Object.entries(KEPT_OUT))('%s is not reached (%s)', (file) => {
    expect(existsSync(file)).toBe(true);
    expect(graph.get(file)?.join(' → ') ?? null).toBeNull();
  });

  test.each(Object.entries(CONTENT_BUILD_SWAPS))(
    '%s and its content-build replacement export the same names',
    (from, to) => {
      const exported = (file: string) =>
        [...readFileSync(file, 'utf8').matchAll(/^export (?:const|function) (\w+)/gm)]
          .map((m) => m[1])
          .sort();
      // The replacement may export more (from-data-script.ts also reads the word lists).
      expect(exported(to)).toEqual(expect.arrayContaining(exported(from)));
    },
  );

  test.each(Object.entries(CONTENT_BUILD_PACKAGE_SWAPS))(
    '%s and its content-build replacement (%s) export the same run-time names',
    (from, to) => {
      const packageFile = createRequire(import.meta.url).resolve(from);
      const exportedByPackage = [
        ...readFileSync(packageFile, 'utf8').matchAll(/^export \{([^}]*)\}/gm),
      ]
        .flatMap((m) => (m[1] ?? '').split(','))
        .map(
          (name) =>
            name
              .trim()
              .split(/\s+as\s+/)
              .pop() ?? '',
        )
        .filter((name) => name !== '')
        .sort();
      const exportedByOurs = [
        ...readFileSync(to, 'utf8').matchAll(/^export (?:const|function|class) (\w+)/gm),
      ]
        .map((m) => m[1])
        .sort();
      expect(exportedByPackage.length).toBeGreaterThan(0);
      expect(exportedByOurs).toEqual(exportedByPackage);
    },
  );
});
