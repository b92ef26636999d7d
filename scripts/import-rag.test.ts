/**
 * `npm run import-rag` end to end: real files in, a pack file out that `validate-pack` accepts, the
 * report printed, and exit codes a script can trust.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { formatPack } from '../rules/packs/format-pack';
import { runImportRag, USAGE } from './import-rag';
import { runValidatePack } from './validate-pack';

const TODAY = '2026-11-24';
const dir = mkdtempSync(path.join(os.tmpdir(), 'import-rag-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tmp = (name: string) => path.join(dir, name);
const SAMPLE = 'tests/fixtures/rag/example-icb-traffic-lights.csv';
const MAPPING = 'tests/fixtures/rag/example-icb.mapping.json';
const run = (...args: string[]) => runImportRag(args, { today: TODAY });

describe('the sample list', () => {
  const out = tmp('example-icb.json');
  const reportFile = tmp('report.json');
  const result = run(SAMPLE, '--map', MAPPING, '--out', out, '--report', reportFile);

  test('writes a canonical pack that validate-pack accepts, and says so', () => {
    expect(result.exitCode).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(formatPack(JSON.parse(text))).toBe(text);
    expect(runValidatePack([out], { today: TODAY })).toEqual({
      exitCode: 0,
      stdout: [expect.stringMatching(/^valid: 74 rules, \d+ names$/)],
      stderr: [],
    });
    expect(result.stdout.slice(-2)).toEqual([
      `Wrote ${out}: 74 rules.`,
      expect.stringMatching(/^validate-pack: valid: 74 rules, \d+ names$/),
    ]);
  });

  test('prints the report: rows read, rules replaced and new, rows not flagged, rows to resolve', () => {
    expect(result.stdout[0]).toBe('Read 102 rows (UTF-8, comma-separated); 1 blank row ignored.');
    expect(result.stdout).toContain('Replaces 57 bundled rules:');
    expect(result.stdout).toContain('New rules for 17 medicines the bundled pack does not list:');
    expect(result.stdout).toContain('Not flagged (18 rows):');
    expect(result.stdout).toContain('To resolve (10):');
    expect(result.stdout).toContain(
      '  row 102 [blank-status, left-out]: "Colistimethate (nebulised)" has no status; give it one (or delete the row).',
    );
  });

  test('writes the full report as JSON with --report', () => {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      problems: { rows: number[] }[];
    };
    expect(report.problems.map((p) => p.rows[0])).toEqual([
      3, 19, 24, 41, 52, 72, 84, 88, 102, 104,
    ]);
  });
});

test('pack details come from the flags when the mapping has none', () => {
  const out = tmp('netformulary.json');
  const result = run(
    'tests/fixtures/rag/netformulary-sample.csv',
    '--map',
    'rules/rag/mappings/netformulary.json',
    '--out',
    out,
    '--pack-id',
    'example-icb-netformulary',
    '--name',
    'Example ICB formulary',
    '--publisher',
    'NHS Example ICB',
    '--licence',
    'OGL-UK-3.0',
    '--source-title',
    'Example ICB netFormulary',
    '--source-url',
    'https://formulary.example.nhs.uk/',
    '--published',
    '2026-11-01',
  );
  expect(result.exitCode).toBe(0);
  const pack = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
  expect(pack).toMatchObject({
    packId: 'example-icb-netformulary',
    name: 'Example ICB formulary',
    publisher: 'NHS Example ICB',
    packVersion: '2026.11.01',
    publishedAt: '2026-11-01',
    reviewBy: '2027-11-01',
  });
});

describe('nothing is written when there is no pack', () => {
  test.each<[string, string[], RegExp[]]>([
    [
      'missing pack details',
      [
        'tests/fixtures/rag/netformulary-sample.csv',
        '--map',
        'rules/rag/mappings/netformulary.json',
      ],
      [
        /^error: No pack publisher \(pack\.publisher\): set it in the mapping file or pass --publisher$/,
      ],
    ],
    [
      'a broken mapping',
      ['tests/fixtures/rag/llr-sample.csv', '--map', 'tests/fixtures/rag/broken.mapping.json'],
      [
        /^tests\/fixtures\/rag\/broken\.mapping\.json:$/,
        /^ {2}error at statuses\[0\]\.category: category must be one of/,
      ],
    ],
    [
      'a malformed list',
      ['tests/fixtures/rag/unterminated-quote.csv', '--map', MAPPING],
      [
        /^error: Row 3 \(line 3\), column 5 \("Comments"\): a quoted cell starts here and is never closed/,
      ],
    ],
    [
      'a list that does not exist',
      ['tests/fixtures/rag/nope.csv', '--map', MAPPING],
      [/^error: Cannot read a file: ENOENT/],
    ],
  ])('%s: exit 1, the reason, no file', (_name, args, lines) => {
    const out = tmp(`${_name.replaceAll(' ', '-')}.json`);
    const result = run(...args, '--out', out);
    expect(result.exitCode).toBe(1);
    for (const line of lines)
      expect(
        result.stdout.some((l) => line.test(l)),
        JSON.stringify(result.stdout),
      ).toBe(true);
    expect(result.stdout.at(-1)).toBe('No pack written.');
    expect(existsSync(out)).toBe(false);
  });
});

test.each<[string, string[], string]>([
  ['no list', ['--map', MAPPING, '--out', 'x.json'], 'Give exactly one list (.csv) to convert.'],
  ['no --out', [SAMPLE, '--map', MAPPING], '--map and --out are required.'],
  [
    'an unknown flag',
    [SAMPLE, '--map', MAPPING, '--out', 'x.json', '--pakc-id', 'x'],
    "Unknown option '--pakc-id'",
  ],
])('usage mistakes exit 2 with the usage: %s', (_name, args, message) => {
  const result = run(...args);
  expect(result.exitCode).toBe(2);
  expect(result.stderr[0]).toContain(message);
  expect(result.stderr[1]).toBe(USAGE);
});

test('runs as a script (what `npm run import-rag` calls)', () => {
  const out = tmp('cli.json');
  const stdout = execFileSync(
    process.execPath,
    [
      'node_modules/tsx/dist/cli.mjs',
      'scripts/import-rag.ts',
      'tests/fixtures/rag/pan-mersey-sample.csv',
      '--map',
      'rules/rag/mappings/pan-mersey.json',
      '--out',
      out,
      '--pack-id',
      'pan-mersey-local',
      '--name',
      'Pan Mersey',
      '--publisher',
      'NHS Cheshire and Merseyside ICB',
      '--licence',
      'OGL-UK-3.0',
      '--source-url',
      'https://formulary.example.nhs.uk/',
      '--today',
      TODAY,
    ],
    { encoding: 'utf8' },
  );
  expect(stdout).toContain('Read 12 rows (Windows-1252, semicolon-separated).');
  expect(stdout).toMatch(/validate-pack: valid: 9 rules, \d+ names\n$/);
  expect(existsSync(out)).toBe(true);
});

test('the converter stays pure, so the options page can run it unchanged', () => {
  // rules/rag is not yet in eslint's pure-zone list or vitest's node-only project; until it is, this
  // holds the line: no WXT, Preact, browser or DOM, and no Node built-ins.
  const zone = 'rules/rag';
  const sources = readdirSync(zone).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  expect(sources.length).toBeGreaterThan(0);
  for (const file of sources) {
    const text = readFileSync(path.join(zone, file), 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
    for (const spec of imports) {
      expect(spec, `${file} imports ${spec}`).toMatch(
        /^(valibot|\.\/[\w-]+|\.\.\/(engine|loader|schema)(\/[\w-]+)?)$/,
      );
    }
    expect(text, file).not.toMatch(/\b(window|document|chrome|browser|navigator|process)\./);
  }
});

test('a services column sets the linked services’ drug lists, and the report says so (#19)', () => {
  const out = tmp('services.json');
  const result = run(
    'tests/fixtures/rag/services-column.csv',
    '--map',
    'tests/fixtures/rag/services-column.mapping.json',
    '--out',
    out,
  );
  expect(result.exitCode).toBe(0);
  expect(result.stdout).toContain('Service drug lists from the service column (2 services):');
  expect(result.stdout).toContain(
    '  rows 2, 3: Shared care local enhanced service (shared-care-les) covers azathioprine, mercaptopurine; replaces the national list',
  );
  const pack = JSON.parse(readFileSync(out, 'utf8')) as {
    services: { id: string; covers: unknown }[];
  };
  expect(pack.services.map((s) => [s.id, s.covers])).toEqual([
    ['dmard-monitoring', { rules: ['methotrexate'] }],
    ['shared-care-les', { rules: ['azathioprine', 'mercaptopurine'] }],
  ]);
  expect(runValidatePack([out], { today: TODAY }).exitCode).toBe(0);
});
