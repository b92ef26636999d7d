/**
 * The canonical pack layout must be exactly what Prettier prints, or `prettier --check` and the
 * round-trip test in core.test.ts would fight over every pack edit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { format } from 'prettier';
import { describe, expect, test } from 'vitest';
import { formatPack } from './format-pack';

const prettier = (value: unknown) =>
  format(JSON.stringify(value, null, 2), { parser: 'json', printWidth: 100 });

/** A string array property whose line is exactly `width` columns wide, before any comma. */
function namesOfWidth(width: number): string[] {
  // `  "names": ["` + … + `"]` → fixed part is 14 columns at depth 1.
  return ['x'.repeat(width - 14)];
}

describe('layout', () => {
  test.each<[string, unknown, string]>([
    ['a short list stays on one line', { names: ['a', 'b'] }, '{\n  "names": ["a", "b"]\n}\n'],
    ['an empty list', { names: [] }, '{\n  "names": []\n}\n'],
    ['an empty object', { categoryText: {} }, '{\n  "categoryText": {}\n}\n'],
    [
      'a list of objects always breaks',
      { sources: [{ title: 't' }] },
      '{\n  "sources": [\n    {\n      "title": "t"\n    }\n  ]\n}\n',
    ],
    [
      'a list that would pass 100 columns puts one item per line',
      { names: ['a'.repeat(50), 'b'.repeat(50)] },
      `{\n  "names": [\n    "${'a'.repeat(50)}",\n    "${'b'.repeat(50)}"\n  ]\n}\n`,
    ],
    [
      'numbers and booleans print as JSON',
      { n: 1, ok: true, none: null },
      '{\n  "n": 1,\n  "ok": true,\n  "none": null\n}\n',
    ],
    ['undefined fields are dropped', { a: 1, b: undefined }, '{\n  "a": 1\n}\n'],
  ])('%s', (_, value, expected) => {
    expect(formatPack(value)).toBe(expected);
  });

  test.each([
    ['last field, exactly 100 columns: fits', { names: namesOfWidth(100) }],
    ['last field, 101 columns: breaks', { names: namesOfWidth(101) }],
    ['comma makes it 100: fits', { names: namesOfWidth(99), z: 1 }],
    ['comma makes it 101: breaks', { names: namesOfWidth(100), z: 1 }],
  ])('the 100-column edge matches Prettier: %s', async (_, value) => {
    expect(formatPack(value)).toBe(await prettier(value));
  });
});

describe('agreement with Prettier on real packs', () => {
  const dir = new URL('../../tests/fixtures/rule-packs/valid/', import.meta.url);
  const files = [
    new URL('./core.json', import.meta.url),
    ...readdirSync(dir).map((f) => new URL(f, dir)),
  ];
  test.each(files.map((f) => [f.pathname.split('/').slice(-2).join('/'), f] as const))(
    '%s',
    async (_, file) => {
      const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
      expect(formatPack(value)).toBe(await prettier(value));
    },
  );

  test('formatting is idempotent', () => {
    const text = readFileSync(new URL('./core.json', import.meta.url), 'utf8');
    expect(formatPack(JSON.parse(formatPack(JSON.parse(text))))).toBe(text);
  });
});
