/**
 * The shipped index and name policy as data (Dark Reader-style invariants): they validate, they are
 * in the canonical order the importer writes, they stay small enough for a content script, and
 * every policy entry refers to a name the index can actually produce.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { canonicalizeIndex, nameKey } from './canonical';
import { parseNamePolicy, parseProductNameIndex } from './index-schema';
import { shortBrandStem } from './stem';

const indexText = readFileSync(new URL('./product-names.json', import.meta.url), 'utf8');
const policyText = readFileSync(new URL('./name-policy.json', import.meta.url), 'utf8');
const index = parseProductNameIndex(JSON.parse(indexText) as unknown);
const policy = parseNamePolicy(JSON.parse(policyText) as unknown);

// Budgets measured for the design (docs/performance.md): a 3,000-name lexicon is ~16.5 KB gzipped; the index must stay well
// under that because it may ship in the content script next to the pack.
const MAX_RAW_BYTES = 64 * 1024;
const MAX_GZIP_BYTES = 12 * 1024;

describe('product-names.json', () => {
  it('validates against its schema', () => {
    expect(index.ok ? [] : index.errors).toEqual([]);
  });

  it('is in canonical order with no duplicate names (what the importer writes)', () => {
    if (!index.ok) throw new Error('invalid index');
    expect(JSON.stringify(canonicalizeIndex(index.value))).toBe(JSON.stringify(index.value));
  });

  it('records its source and date', () => {
    if (!index.ok) throw new Error('invalid index');
    expect(index.value.release.source).not.toBe('');
    expect(index.value.release.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("never lists one ingredient's VTM name as another ingredient's product name", () => {
    if (!index.ok) throw new Error('invalid index');
    const vtms = new Set(index.value.ingredients.map((e) => nameKey(e.vtm)));
    const clashes = index.value.ingredients.flatMap((e) =>
      [...Object.values(e.generic ?? {}), ...Object.values(e.brand ?? {})]
        .flat()
        .filter((n) => vtms.has(nameKey(n)) && nameKey(n) !== nameKey(e.vtm))
        .map((n) => `${e.vtm}: ${n}`),
    );
    expect(clashes).toEqual([]);
  });

  it(`stays within ${MAX_RAW_BYTES} bytes raw and ${MAX_GZIP_BYTES} bytes gzipped`, () => {
    expect(Buffer.byteLength(indexText)).toBeLessThanOrEqual(MAX_RAW_BYTES);
    expect(gzipSync(indexText, { level: 9 }).byteLength).toBeLessThanOrEqual(MAX_GZIP_BYTES);
  });
});

describe('name-policy.json', () => {
  it('validates against its schema', () => {
    expect(policy.ok ? [] : policy.errors).toEqual([]);
  });

  it('refers only to names the index produces (listed, or a brand with its suffix dropped)', () => {
    if (!index.ok || !policy.ok) throw new Error('invalid data');
    const produced = new Set<string>();
    for (const e of index.value.ingredients) {
      for (const n of Object.values(e.generic ?? {}).flat()) produced.add(nameKey(n));
      for (const n of Object.values(e.brand ?? {}).flat()) {
        produced.add(nameKey(n));
        const short = shortBrandStem(n);
        if (short) produced.add(nameKey(short));
      }
    }
    const all = [
      ...Object.keys(policy.value.deny),
      ...Object.keys(policy.value.caseSensitive),
      ...Object.keys(policy.value.needsContext),
      ...Object.keys(policy.value.boundToForm ?? {}),
    ];
    expect(all.filter((n) => !produced.has(nameKey(n)))).toEqual([]);
    expect(new Set(all.map(nameKey)).size).toBe(all.length);
  });

  // Own brands named by ordinary words (scripts/import-bnf-brands.ts; NHSBSA BNF 0407010N0BEAAAE
  // "Boots_Dental Pain Relief Tab") are listed with their supplier and need context, so the words
  // alone ("Dental Pain Relief") are no name anywhere in the index or the policy.
  it('lists own brands of ordinary words only with their supplier, never the words alone', () => {
    if (!index.ok || !policy.ok) throw new Error('invalid data');
    const context = Object.keys(policy.value.needsContext).map(nameKey);
    expect(context).toEqual(expect.arrayContaining(['boots dental pain relief']));
    const listed = new Set(
      index.value.ingredients.flatMap((e) =>
        [...Object.values(e.generic ?? {}), ...Object.values(e.brand ?? {})].flat().map(nameKey),
      ),
    );
    const ownBrands = context.filter((k) => k.startsWith('boots '));
    for (const own of ownBrands) expect(listed.has(own.slice('boots '.length)), own).toBe(false);
  });
});
