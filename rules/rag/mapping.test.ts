import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseRagMappingText, statusKey, validateRagMapping } from './mapping';

const minimal = () => ({
  columns: { drug: 'Drug', status: 'Status' },
  statuses: [
    { labels: ['Red'], category: 'no-commissioned-service' },
    { labels: ['Green'], skip: 'Green: GP prescribes' },
  ],
});

describe('validateRagMapping', () => {
  test('the test fixture mapping is valid', () => {
    const text = readFileSync('tests/fixtures/rag/example-icb.mapping.json', 'utf8');
    const result = parseRagMappingText(text);
    expect(result.ok && result.value.statuses.length).toBe(6);
  });

  test('a column may be one name or a list', () => {
    const input = {
      ...minimal(),
      columns: { drug: 'Drug', status: 'Status', notes: ['Notes', 'Comments'] },
    };
    const result = validateRagMapping(input);
    expect(result.ok && result.value.columns.notes).toEqual(['Notes', 'Comments']);
  });

  test.each<[string, (m: ReturnType<typeof minimal>) => unknown, string, RegExp]>([
    ['no columns', ({ statuses }) => ({ statuses }), 'columns', /required/],
    [
      'no status column',
      (m) => ({ ...m, columns: { drug: 'Drug' } }),
      'columns.status',
      /required/,
    ],
    [
      'a misspelt column key',
      (m) => ({ ...m, columns: { ...m.columns, brand: 'Brands' } }),
      'columns.brand',
      /"brand" is not a field a mapping has/,
    ],
    ['no statuses', (m) => ({ ...m, statuses: [] }), 'statuses', /at least one status/],
    [
      'a status both flagged and skipped',
      (m) => ({ ...m, statuses: [{ labels: ['Red'], category: 'shared-care', skip: 'no' }] }),
      'statuses[0]',
      /exactly one of "category".*"skip".*"disable"/,
    ],
    [
      'a status neither flagged nor skipped',
      (m) => ({ ...m, statuses: [{ labels: ['Red'] }] }),
      'statuses[0]',
      /exactly one of "category"/,
    ],
    [
      'an unknown category',
      (m) => ({ ...m, statuses: [{ labels: ['Red'], category: 'hospital-only' }] }),
      'statuses[0].category',
      /category must be one of: shared-care, specialist-initiation/,
    ],
    [
      'wording on a skipped status',
      (m) => ({ ...m, statuses: [{ labels: ['Green'], skip: 'ok', position: 'GP prescribes' }] }),
      'statuses[0]',
      /takes no "position" or "advice"/,
    ],
    [
      'an empty label',
      (m) => ({ ...m, statuses: [{ labels: ['  '], category: 'shared-care' }] }),
      'statuses[0].labels[0]',
      /must not be empty/,
    ],
    [
      'one label meaning two statuses, however written',
      (m) => ({
        ...m,
        statuses: [...m.statuses, { labels: ['AMBER', 'red '], category: 'shared-care' }],
      }),
      'statuses[2].labels[1]',
      /"red" is also given at statuses\[0\]\.labels\[0\]/,
    ],
    [
      'an http formulary link',
      (m) => ({ ...m, source: { title: 'APC list', url: 'http://apc.example.nhs.uk' } }),
      'source.url',
      /https:\/\//,
    ],
    [
      'a pack id with capitals',
      (m) => ({ ...m, pack: { packId: 'Example ICB' } }),
      'pack.packId',
      /lower-case letters and digits/,
    ],
    [
      'a publish date in another format',
      (m) => ({ ...m, pack: { publishedAt: '24/11/2026' } }),
      'pack.publishedAt',
      /YYYY-MM-DD/,
    ],
    ['an unknown delimiter', (m) => ({ ...m, delimiter: '|' }), 'delimiter', /delimiter must be/],
  ])('refuses %s, by path', (_name, change, path, message) => {
    const result = validateRagMapping(change(minimal()));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.issues.find((i) => i.path === path);
    expect(issue?.message, `issues: ${JSON.stringify(result.issues)}`).toMatch(message);
  });
});

describe('parseRagMappingText', () => {
  test.each<[string, string, RegExp]>([
    ['an empty file', '  \n', /The mapping file is empty/],
    ['broken JSON', '{"columns": {', /The mapping file is not valid JSON/],
  ])('refuses %s', (_name, text, message) => {
    const result = parseRagMappingText(text);
    const issue = result.ok ? undefined : result.issues[0];
    expect(issue?.path).toBe('(file)');
    expect(issue?.message).toMatch(message);
  });

  test('accepts a byte-order mark', () => {
    expect(parseRagMappingText('\ufeff' + JSON.stringify(minimal())).ok).toBe(true);
  });
});

test.each<[string, string]>([
  ['AMBER - SCP', 'Amber SCP'],
  ['Green (specialist advice)', 'green specialist advice'],
  ['  Red ', 'RED'],
])('status labels compare without case, spacing or punctuation: %s = %s', (a, b) => {
  expect(statusKey(a)).toBe(statusKey(b));
});
