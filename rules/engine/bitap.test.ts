import Fuse from 'fuse.js/basic';
import { describe, expect, test } from 'vitest';
import { createRandom } from '../../bench/engine.bench-data';
import misspellingFixture from '../../tests/fixtures/corpus/misspellings.json';
import { bestBitap, bitapScore, NO_MATCH } from './bitap';
import { KNOWN_MEDICINES } from './known-medicines';

/** What the fuzzy stage asked fuse.js before bitap.ts: a throwaway Fuse, top hit and its score. */
function fuseTop(pattern: string, texts: readonly string[]) {
  const fuse = new Fuse(texts, {
    includeScore: true,
    ignoreLocation: true,
    ignoreFieldNorm: true,
    threshold: 1,
  });
  const [top] = fuse.search(pattern, { limit: 1 });
  return top ? { index: top.refIndex, score: top.score } : null;
}

/** A word that is `base` with a few random slips: the shapes the fuzzy stage scores. */
function slipped(random: () => number, base: string): string {
  let w = base;
  const slips = Math.floor(random() * 4);
  for (let s = 0; s < slips && w.length > 1; s++) {
    const at = Math.floor(random() * w.length);
    const letter = String.fromCharCode(97 + Math.floor(random() * 26));
    const kind = random();
    if (kind < 0.3) w = w.slice(0, at) + w.slice(at + 1);
    else if (kind < 0.6) w = w.slice(0, at) + letter + w.slice(at);
    else if (kind < 0.8) w = w.slice(0, at) + letter + w.slice(at + 1);
    else w = w.slice(0, at) + (w[at + 1] ?? '') + (w[at] ?? '') + w.slice(at + 2);
  }
  return w;
}

describe('bitapScore agrees with fuse.js 7', () => {
  test('on misspellings of listed and known medicines, and on unrelated words', () => {
    const random = createRandom(22);
    const names = KNOWN_MEDICINES.filter((m) => /^[a-z]{5,32}$/.test(m));
    const pick = () => names[Math.floor(random() * names.length)] ?? 'zopiclone';
    let compared = 0;
    for (let n = 0; n < 3000; n++) {
      const name = pick();
      const pattern = n % 5 === 0 ? pick() : slipped(random, name).slice(0, 32);
      if (pattern.length === 0) continue;
      const texts = [name, pick(), slipped(random, name)].slice(0, 1 + (n % 3));
      expect(bestBitap(pattern, texts), `${pattern} in ${texts.join(',')}`).toEqual(
        fuseTop(pattern, texts),
      );
      compared++;
    }
    expect(compared).toBeGreaterThan(2900);
  });

  test('on the misspellings fixture, against its rules and medicines with the same first letter', () => {
    const cases = misspellingFixture.cases as { word: string; ruleIds: string[] }[];
    for (const { word, ruleIds } of cases) {
      const pattern = word
        .toLowerCase()
        .replace(/[^a-z]/g, '')
        .slice(0, 32);
      if (pattern.length === 0) continue;
      const near = KNOWN_MEDICINES.filter((m) => m.startsWith(pattern.charAt(0))).slice(0, 3);
      const texts = [...ruleIds.map((id) => id.replace(/[^a-z]/g, '')), ...near];
      expect(bestBitap(pattern, texts), word).toEqual(fuseTop(pattern, texts));
    }
  });

  test.each([
    ['zopiclone', ['zopiclone']],
    ['zopiclon', ['zopiclone']],
    ['clone', ['zopiclone', 'clonazepam']],
    ['cocodamol', ['codamol', 'cocodamol']],
    ['sertaline', ['sertraline', 'sertraline']],
    ['abcdefghijklmnopqrstuvwxyzabcdef', ['abcdefghijklmnopqrstuvwxyzabcdeg', 'xyz']],
    ['Lyrika', ['lyrica']],
    ['zоpiclone', ['zopiclone']],
    ['qqqqq', ['zopiclone']],
  ])('%s among %j', (pattern, texts) => {
    expect(bestBitap(pattern, texts)).toEqual(fuseTop(pattern, texts));
  });

  test('a text fuse.js would not list is NO_MATCH, an identical one scores 0', () => {
    expect(bitapScore('zopiclone', 'zopiclone')).toBe(0);
    expect(fuseTop('qqqqq', ['ab'])).toBeNull();
    expect(bitapScore('qqqqq', 'ab')).toBe(NO_MATCH);
  });
});
