import { afterEach, describe, expect, it, vi } from 'vitest';
import core from '../packs/core.json';
import { compareAsciiRoot, compareNames, isRootOrderLocale } from './collate';

const sign = (n: number) => Math.sign(n);
/** ICU's English collation: what `localeCompare` with no arguments does in an English browser. */
const icu = (a: string, b: string) => sign(a.localeCompare(b, 'en'));

/** Seeded (mulberry32), so a failure repeats. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
const drugNames = (core as { rules: { drug: string }[] }).rules.map((r) => r.drug);

describe('compareAsciiRoot', () => {
  it('orders every pair of printable ASCII characters as ICU does', () => {
    for (const a of ASCII)
      for (const b of ASCII) expect([a, b, compareAsciiRoot(a, b)]).toEqual([a, b, icu(a, b)]);
  });

  it('orders every pair of the national pack’s drug names as ICU does', () => {
    for (const a of drugNames)
      for (const b of drugNames) expect([a, b, compareAsciiRoot(a, b)]).toEqual([a, b, icu(a, b)]);
  });

  it.each([0, 1, 2, 3])('orders random ASCII strings as ICU does (seed %i)', (seed) => {
    const next = random(seed);
    // A small alphabet makes ties at the primary level, and so the case rule, common.
    const alphabets = [ASCII.join(''), 'aAbB -(),', 'sSeErRtT', "oO0 -'."];
    const word = (alphabet: string) =>
      Array.from(
        { length: 1 + Math.floor(next() * 8) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join('');
    for (let i = 0; i < 5000; i++) {
      const alphabet = alphabets[i % alphabets.length] ?? '';
      const a = word(alphabet);
      const b = next() < 0.3 ? a.toUpperCase() : word(alphabet);
      expect([a, b, compareAsciiRoot(a, b)]).toEqual([a, b, icu(a, b)]);
    }
  });

  it.each([
    ['Ångström', 'Angstrom'],
    ['café', 'cafe'],
    ['a\tb', 'a b'],
    ['x', 'x\u0000'],
  ])('leaves %j against %j to ICU', (a, b) => {
    expect(compareAsciiRoot(a, b)).toBeNull();
    expect(compareAsciiRoot(b, a)).toBeNull();
  });
});

describe('isRootOrderLocale', () => {
  it.each(['en', 'en-GB', 'en-US', 'en-IE', 'en-001'])('%s sorts ASCII as root does', (locale) => {
    expect(isRootOrderLocale(locale)).toBe(true);
  });
  it.each(['', 'da', 'tr', 'lt', 'cy', 'en-US-u-va-posix', 'en-US-POSIX', 'de-DE', 'eng'])(
    '%j does not',
    (locale) => expect(isRootOrderLocale(locale)).toBe(false),
  );
});

describe('compareNames', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('answers ASCII names in an English locale without localeCompare', () => {
    const spy = vi.spyOn(String.prototype, 'localeCompare');
    expect(compareNames('Lithium', 'Amiodarone', () => true)).toBe(1);
    expect(compareNames('co-codamol', 'Co-codamol', () => true)).toBe(-1);
    expect(spy).not.toHaveBeenCalled();
  });

  it('asks localeCompare in any other locale, and for other characters', () => {
    const expected = sign('aa'.localeCompare('z'));
    const spy = vi.spyOn(String.prototype, 'localeCompare');
    expect(sign(compareNames('aa', 'z', () => false))).toBe(expected);
    expect(sign(compareNames('Ångström', 'Zopiclone', () => true))).toBe(-1);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('treats a name as equal to itself', () => {
    expect(compareNames('Sertraline', 'Sertraline', () => false)).toBe(0);
  });
});
