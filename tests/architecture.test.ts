/**
 * The structure holds by itself (issue 15): which room may import which, pure rooms stay pure,
 * product code never reaches into tests, every component has a test, every highlight name has a
 * style, and no comment or document points at files outside this repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { HIGHLIGHT_NAMES } from '../entrypoints/content/paint/highlight-names';

const tracked = execFileSync('git', ['ls-files'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => f !== '' && existsSync(f));
const trackedSet = new Set(tracked);
const isTest = (f: string) => /\.(test|spec)\.tsx?$/.test(f);
const product = tracked.filter(
  (f) => /^(rules|entrypoints|components)\/.*\.tsx?$/.test(f) && !isTest(f),
);

/** The room a file lives in: a folder of rules/ or components/, an entry point, a content room. */
function roomOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'rules') return parts.length > 2 ? `rules/${parts[1]}` : 'rules';
  if (parts[0] === 'components') return `components/${parts[1]}`;
  if (parts[0] === 'entrypoints' && parts[1] === 'content' && parts.length > 3)
    return `entrypoints/content/${parts[2]}`;
  if (parts[0] === 'entrypoints') return `entrypoints/${parts[1]}`;
  return parts[0] ?? file;
}

const PURE_RULES = ['engine', 'schema', 'names', 'packs', 'loader', 'views', 'rag', 'config'];
const RULES_ALL = [...PURE_RULES, 'bundled', 'store'].map((r) => `rules/${r}`);
const rules = (...names: string[]) => names.map((n) => `rules/${n}`);

/**
 * Who may import whom at run time (type-only imports may cross: types are imported, not copied).
 * A room not listed here has no room it may import.
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  'rules/engine': [],
  'rules/config': [],
  'rules/schema': [],
  'rules/names': rules('engine', 'schema'),
  'rules/packs': rules('schema'),
  'rules/loader': rules('engine', 'schema', 'names', 'packs', 'config'),
  'rules/views': rules('engine', 'schema', 'loader'),
  'rules/rag': rules('engine', 'schema', 'loader', 'names', 'views'),
  'rules/bundled': rules('engine', 'schema', 'loader', 'names', 'packs'),
  'rules/store': rules('config', 'engine', 'schema', 'loader', 'bundled', 'names', 'views'),
  // Components take data and callbacks: no engine, storage or bundled data at run time.
  'components/popover': rules('schema', 'views'),
  'components/popup': [...rules('schema', 'views'), 'components/popover', 'components/welcome'],
  'components/options': [
    ...rules('schema', 'views', 'loader', 'rag', 'names'),
    'components/popover',
    'components/welcome',
  ],
  // Practice workload (issue #23): totals and letters come in as props, like the popup's.
  'components/workload': rules('schema', 'views'),
  // Welcome page, colour key, and the version and help footer the popup and options share.
  'components/welcome': rules('schema', 'views'),
  'entrypoints/content/scan': rules('engine', 'schema', 'config'),
  'entrypoints/content/paint': [...rules('schema', 'config'), 'entrypoints/content/scan'],
  'entrypoints/content/popover': [
    ...rules('schema', 'views', 'config', 'loader'),
    'components/popover',
    'entrypoints/content/scan',
    'entrypoints/content/paint',
  ],
  'entrypoints/content/page': [
    ...RULES_ALL,
    'components/popover',
    'entrypoints/content/scan',
    'entrypoints/content/paint',
  ],
  'entrypoints/content': [
    ...RULES_ALL,
    'components/popover',
    ...['scan', 'paint', 'popover', 'page'].map((r) => `entrypoints/content/${r}`),
  ],
  'entrypoints/background': RULES_ALL,
  'entrypoints/options': [...RULES_ALL, 'components/options', 'components/popover'],
  'entrypoints/popup': [...RULES_ALL, 'components/popup', 'components/popover'],
  'entrypoints/workload': [...RULES_ALL, 'components/workload'],
  // The instructions for use (docs/instructions-for-use.md) are bundled as text.
  'entrypoints/welcome': [...RULES_ALL, 'components/welcome', 'docs'],
};

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly spec: string;
  readonly typeOnly: boolean;
}

const IMPORT =
  /^\s*(?:import|export)\s+(type\s+)?[^'";]*?\bfrom\s+'([^']+)'|^\s*import\s+'([^']+)'|\bimport\('([^']+)'\)/gm;

function resolve(spec: string, from: string): string | null {
  const bare = spec.split('?')[0] ?? spec;
  let base: string;
  if (bare.startsWith('@/')) base = bare.slice(2);
  else if (bare.startsWith('.'))
    base = path.posix.normalize(path.posix.join(path.dirname(from), bare));
  else return null;
  return (
    ['', '.ts', '.tsx', '/index.ts'].map((e) => base + e).find((c) => trackedSet.has(c)) ?? null
  );
}

function importsOf(file: string): Edge[] {
  const edges: Edge[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const spec = m[2] ?? m[3] ?? m[4] ?? '';
    edges.push({ from: file, to: resolve(spec, file) ?? '', spec, typeOnly: m[1] !== undefined });
  }
  return edges;
}

const edges = product.flatMap(importsOf);

describe('rooms and the directions between them', () => {
  test('every product file is in a room the rules know', () => {
    const unknown = [...new Set(product.map(roomOf))].filter((r) => !(r in ALLOWED));
    // `rules` (top-level files) would be a room with no job: everything has a folder.
    expect(unknown).toEqual([]);
  });

  test('run-time imports go only where the room may go', () => {
    const wrong = edges
      .filter((e) => e.to !== '' && !e.typeOnly)
      .filter((e) => roomOf(e.from) !== roomOf(e.to))
      .filter((e) => !(ALLOWED[roomOf(e.from)] ?? []).includes(roomOf(e.to)))
      .map((e) => `${e.from} → ${e.to}`);
    expect(wrong).toEqual([]);
  });

  test('the room graph has no cycle (type-only imports included)', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges) {
      if (e.to === '' || roomOf(e.from) === roomOf(e.to)) continue;
      const set = graph.get(roomOf(e.from)) ?? new Set<string>();
      set.add(roomOf(e.to));
      graph.set(roomOf(e.from), set);
    }
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (room: string, trail: string[]): void => {
      if (state.get(room) === 'done') return;
      if (state.get(room) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(room)), room].join(' → '));
        return;
      }
      state.set(room, 'open');
      for (const next of graph.get(room) ?? []) visit(next, [...trail, room]);
      state.set(room, 'done');
    };
    for (const room of graph.keys()) visit(room, []);
    expect(cycles).toEqual([]);
  });

  test('outside the engine, the engine is reached through its index only', () => {
    const deep = edges
      .filter((e) => e.to.startsWith('rules/engine/') && e.to !== 'rules/engine/index.ts')
      .filter((e) => roomOf(e.from) !== 'rules/engine')
      .map((e) => `${e.from} → ${e.spec}`);
    expect(deep).toEqual([]);
  });
});

describe('pure rooms', () => {
  const pureFiles = product.filter((f) => PURE_RULES.some((r) => f.startsWith(`rules/${r}/`)));
  const BROWSER_OR_UI = /^(wxt|#imports|webextension-polyfill|preact|@wxt-dev)(\/|$)/;

  test.each(pureFiles)('%s imports no browser, DOM, WXT or Preact', (file) => {
    const bad = importsOf(file)
      .filter((e) => BROWSER_OR_UI.test(e.spec) || e.spec.startsWith('node:'))
      .map((e) => e.spec);
    expect(bad).toEqual([]);
  });
});

describe('product code and tests', () => {
  const TEST_ONLY =
    /^(vitest|@testing-library\/|happy-dom|axe-core|@playwright\/|playwright|puppeteer)/;

  test('product code imports nothing from tests/, bench/ or a test library', () => {
    const bad = edges
      .filter(
        (e) =>
          TEST_ONLY.test(e.spec) ||
          /^(tests|bench)\//.test(e.to) ||
          /\/(tests|bench)\//.test(e.spec),
      )
      .map((e) => `${e.from} → ${e.spec}`);
    expect(bad).toEqual([]);
  });

  test('every component has a test beside it', () => {
    const missing = tracked
      .filter((f) => /^components\/.*\.tsx$/.test(f) && !isTest(f))
      .filter((f) => !trackedSet.has(f.replace(/\.tsx$/, '.test.tsx')));
    expect(missing).toEqual([]);
  });
});

describe('highlights', () => {
  const css = readFileSync('entrypoints/content/paint/highlights.css', 'utf8');
  const styled = new Set([...css.matchAll(/::highlight\(([a-z-]+)\)/g)].map((m) => m[1]));

  test.each(HIGHLIGHT_NAMES.map((n) => [n]))('%s has a ::highlight() style', (name) => {
    expect(styled.has(name)).toBe(true);
  });

  test('every style is for a highlight we register', () => {
    const names = new Set<string>(HIGHLIGHT_NAMES);
    expect([...styled].filter((n) => n !== undefined && !names.has(n))).toEqual([]);
  });
});

describe('references stay inside the repository', () => {
  // Comments and documents once cited the team's working notes (PERFORMANCE.md, reference.md,
  // ../shared/…), which a reader of this repository cannot open.
  const OUTSIDE =
    /\.\.\/shared\/|\bshared\/domain\/|\b(PERFORMANCE|TOOLCHAIN|CONVENTIONS)(\.md)?\b|\breference\.md\b/;
  const texts = tracked.filter(
    (f) =>
      /\.(ts|tsx|js|mjs|css|md|html)$/.test(f) &&
      !f.startsWith('tests/fixtures/') &&
      !f.startsWith('tests/third-party/') &&
      f !== 'tests/architecture.test.ts',
  );

  test('no file points at notes outside the repository', () => {
    const hits = texts.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => [line, i + 1] as const)
        .filter(([line]) => OUTSIDE.test(line))
        .map(([line, n]) => `${f}:${n}: ${line.trim().slice(0, 100)}`),
    );
    expect(hits).toEqual([]);
  });

  test('relative Markdown links resolve to files in the repository', () => {
    const broken: string[] = [];
    for (const f of texts.filter((t) => t.endsWith('.md'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\]\((?!https?:|mailto:|#)([^)\s#]+)/g)) {
        const target = path.posix.normalize(path.posix.join(path.dirname(f), m[1] ?? ''));
        if (!existsSync(target)) broken.push(`${f} → ${m[1] ?? ''}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
