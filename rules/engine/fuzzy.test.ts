import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadBundledPack } from '../../bench/realworld/evaluate';
import lasaFixture from '../../tests/fixtures/lasa-pairs.json';
import misspellingFixture from '../../tests/fixtures/corpus/misspellings.json';
import noFalseFlagFixture from '../../tests/fixtures/corpus/no-false-flags.json';
import corePack from '../packs/core.json';
import { activateRuleSet } from '../bundled';
import { validatePack } from '../loader/validate';
import { compileRuleSet } from './compile';
import { createFuzzyMatcher, editDistance, maxEditsFor, skeletonOf } from './fuzzy';
import { KNOWN_MEDICINES } from './known-medicines';
import { matchText } from './match';
import { foldToken, normalizeName } from './normalize';
import { STOP_WORDS } from './stop-words';
import type { EngineRule } from './types';

function coreRuleSet() {
  const validated = validatePack(corePack);
  if (!validated.ok) throw new Error('core.json does not validate');
  return activateRuleSet([{ layer: 'bundled', pack: validated.value }]);
}
const CORE = coreRuleSet();
const coreNames = new Set(
  [...CORE.effective.rules.values()].flatMap(({ rule }) => rule.names.map(foldToken)),
);

describe('editDistance (optimal string alignment)', () => {
  test.each([
    ['zopiclone', 'zopiclone', 2, 0],
    ['sertaline', 'sertraline', 2, 1],
    ['codiene', 'codeine', 2, 1],
    ['diazepem', 'diazepam', 2, 1],
    ['gabapentine', 'gabapentin', 2, 1],
    ['zoplicone', 'zopiclone', 2, 2],
    ['ab', 'ba', 1, 1],
    ['', 'abc', 5, 3],
    ['abc', '', 5, 3],
    ['hydroxyzine', 'hydralazine', 2, 3],
    ['zolpidem', 'zopiclone', 2, 3],
    ['clobazam', 'clonazepam', 2, 3],
  ])('%s ↔ %s (max %i) = %i', (a, b, max, expected) => {
    expect(editDistance(a, b, max)).toBe(expected);
    expect(editDistance(b, a, max)).toBe(expected);
  });

  // editDistance reads only the cells within `max` of the diagonal: it must agree with the whole
  // table on every pair, or a misspelling would be read (or missed) differently.
  test('agrees with the full table on 20,000 random near and far pairs', () => {
    const full = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) =>
        Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
      );
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          const row = d[i] ?? [];
          const up = d[i - 1] ?? [];
          let v = Math.min(
            (up[j] ?? 0) + 1,
            (row[j - 1] ?? 0) + 1,
            (up[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            v = Math.min(v, (d[i - 2]?.[j - 2] ?? 0) + 1);
          }
          row[j] = v;
        }
      }
      return d[a.length]?.[b.length] ?? 0;
    };
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const word = () => Array.from({ length: random(12) }, () => 'abcde'.charAt(random(5))).join('');
    for (let k = 0; k < 20_000; k++) {
      const a = word();
      const b =
        k % 2 === 0
          ? word()
          : [...a].map((c) => (random(6) === 0 ? 'abcde'.charAt(random(5)) : c)).join('');
      const max = k % 4;
      const d = full(a, b);
      expect(editDistance(a, b, max)).toBe(d > max ? max + 1 : d);
    }
  });
});

describe('skeletonOf', () => {
  test.each([
    ['morphine', 'morfine'],
    ['morfine', 'morfine'],
    ['amitryptiline', 'amitriptiline'],
    ['amitriptyline', 'amitriptiline'],
    ['diazzepam', 'diazepam'],
    ['sulphasalazine', 'sulfasalazine'],
    ['tramadol', 'tramadol'],
    ['pphh', 'pfh'],
    ['yphy', 'ifi'],
  ])('%s → %s', (word, key) => {
    expect(skeletonOf(word)).toBe(key);
  });
});

describe('maxEditsFor', () => {
  test.each([
    [5, 1],
    [7, 1],
    [9, 1],
    [10, 2],
    [15, 2],
  ])('%i letters → %i edits', (length, edits) => {
    expect(maxEditsFor(length)).toBe(edits);
  });
});

const RULES: readonly EngineRule[] = [
  { id: 'zopiclone', names: ['zopiclone'] },
  { id: 'sertraline', names: ['sertraline', 'Lustral'] },
  { id: 'tramadol', names: ['tramadol'] },
  { id: 'tramazol', names: ['tramazol'] },
];

describe('createFuzzyMatcher gates and decisions', () => {
  const fuzzy = createFuzzyMatcher(compileRuleSet(RULES));
  test.each([
    ['a truncation', 'zopiclon', ['zopiclone']],
    ['an omission', 'sertaline', ['sertraline']],
    ['a doubled brand', 'lustrall', ['sertraline']],
    ['four letters: too short', 'zopi', null],
    ['digits', '12345678', null],
    ['a stop word', 'tablets', null],
    ['a known medicine', 'selegiline', null],
    ['a listed name itself', 'zopiclone', null],
    ['a different first letter', 'xopiclone', null],
    ['equally near two drugs: ambiguous', 'tramaxol', null],
    ['nearer to a known medicine than a flagged one', 'trandolaprl', null],
    ['an English ending', 'sertralined', null],
    ['a short word one consonant away', 'zopiclome', ['zopiclone']],
    ['a brand with a letter dropped', 'lustal', null],
    ['a brand with a swap', 'lsutral', ['sertraline']],
    ['a brand truncated', 'lustra', null],
    ['too many edits', 'zpoiclnoe', null],
    ['letters of another script', 'зопиклон', null],
  ])('%s: %s', (_why, token, expected) => {
    const hit = fuzzy.lookup(token);
    expect(hit ? [...hit.ruleIds] : null).toEqual(expected);
  });

  test.each([
    ['one edit from one drug, a truncation of another', 'alitretin', null],
    ['a truncation shared by two drugs', 'somatro', null],
    ['a clear truncation', 'alitretino', ['alitretinoin']],
    ['a clear omission', 'acitretn', ['acitretin']],
  ])('rivals must be a full edit further away: %s (%s)', (_why, token, expected) => {
    const rivals = createFuzzyMatcher(
      compileRuleSet([
        { id: 'acitretin', names: ['acitretin'] },
        { id: 'alitretinoin', names: ['alitretinoin'] },
        { id: 'somatropin', names: ['somatropin'] },
        { id: 'somatrogon', names: ['somatrogon'] },
      ]),
    );
    const hit = rivals.lookup(token);
    expect(hit ? [...hit.ruleIds] : null).toEqual(expected);
  });

  test('memoises: the same token gives the same answer object', () => {
    expect(fuzzy.lookup('sertaline')).toBe(fuzzy.lookup('sertaline'));
  });

  test('extra stop words are honoured', () => {
    const custom = createFuzzyMatcher(compileRuleSet(RULES), { stopWords: ['Sertaline'] });
    expect(custom.lookup('sertaline')).toBeNull();
  });

  test('a prebuilt index is what the matcher reads, and is set aside for custom words', () => {
    const exact = compileRuleSet(RULES);
    const built = createFuzzyMatcher(exact).indexSnapshot?.();
    if (!built) throw new Error('no index snapshot');
    // A round trip through JSON, as rules-data.js ships it, reads the same.
    const shipped = JSON.parse(JSON.stringify(built)) as typeof built;
    const restored = createFuzzyMatcher(exact, { prebuilt: shipped });
    for (const token of ['zopiclon', 'sertaline', 'lsutral', 'lustal', 'tramaxol', 'selegiline'])
      expect(restored.lookup(token), token).toEqual(fuzzy.lookup(token));
    // An empty index proves which one was read.
    const empty = { ...built, terms: [], byFirstAndLength: [], byPrefix: [] };
    expect(createFuzzyMatcher(exact, { prebuilt: empty }).lookup('zopiclon')).toBeNull();
    const custom = createFuzzyMatcher(exact, { prebuilt: empty, stopWords: ['tablet'] });
    expect(custom.lookup('zopiclon')?.ruleIds).toEqual(['zopiclone']);
  });

  test('without decoys a known medicine may be read, so the decoys matter', () => {
    const rules = [{ id: 'prednisolone', names: ['prednisolone'] }];
    const bare = createFuzzyMatcher(compileRuleSet(rules), { knownMedicines: [] });
    const guarded = createFuzzyMatcher(compileRuleSet(rules));
    expect(bare.lookup('prednisone')).not.toBeNull();
    expect(guarded.lookup('prednisone')).toBeNull();
  });
});

interface MisspellingCase {
  readonly text: string;
  readonly word: string;
  readonly ruleIds: readonly string[];
  readonly error: string;
}
const MISSPELLINGS: readonly MisspellingCase[] = misspellingFixture.cases;

describe('misspellings of core drugs are caught (tests/fixtures/corpus/misspellings.json)', () => {
  test('the table has at least 100 cases', () => {
    expect(MISSPELLINGS.length).toBeGreaterThanOrEqual(100);
  });

  test.each(MISSPELLINGS)('$error: $text', ({ text, word, ruleIds }) => {
    const matches = matchText(CORE.compiled, text);
    expect(matches).toHaveLength(1);
    const [m] = matches;
    if (!m) return;
    expect(text.slice(m.start, m.end)).toBe(word);
    expect([...m.ruleIds].sort()).toEqual([...ruleIds].sort());
    // The pack lists a few common misspellings itself ("sertaline"): those are exact.
    const listed = CORE.compiled.nameTokens.has(foldToken(word));
    expect(m.kind).toBe(listed ? 'exact' : 'fuzzy');
    if (!listed) {
      expect(m.score).toBeGreaterThan(0);
      expect(m.score).toBeLessThan(1);
    }
  });

  test('most cases are left to the fuzzy stage, not listed by the pack', () => {
    const fuzzyOnly = MISSPELLINGS.filter((c) => !CORE.compiled.nameTokens.has(foldToken(c.word)));
    expect(fuzzyOnly.length).toBeGreaterThanOrEqual(100);
  });
});

interface NoFlagCase {
  readonly text: string;
  readonly why: string;
}
const NO_FLAGS: readonly NoFlagCase[] = noFalseFlagFixture.cases;

describe('no false flags (tests/fixtures/corpus/no-false-flags.json)', () => {
  test('the table has at least 100 cases', () => {
    expect(NO_FLAGS.length).toBeGreaterThanOrEqual(100);
  });

  test.each(NO_FLAGS)('$why: $text', ({ text }) => {
    expect(matchText(CORE.compiled, text)).toEqual([]);
  });

  // The content script reads the index's brands too ("Collis Browne's" is not a pack name).
  test('with the product-name index expanded, as pages read them', () => {
    const { compiled } = loadBundledPack();
    for (const { text } of NO_FLAGS) expect(matchText(compiled, text), text).toEqual([]);
  });
});

const LASA: readonly (readonly string[])[] = lasaFixture.pairs;

/** The other name as a screen may show it: as written, shouting, truncated by one, doubled. */
function variantsOf(name: string): string[] {
  const out = [name, name.toUpperCase()];
  if (name.length > 5) out.push(name.slice(0, -1));
  out.push(name + name.slice(-1));
  return out;
}

describe('look-alike/sound-alike pairs are never read as each other (tests/fixtures/lasa-pairs.json)', () => {
  test('the table has at least 25 pairs of real medicines', () => {
    expect(LASA.length).toBeGreaterThanOrEqual(25);
    const known = new Set([...KNOWN_MEDICINES.map(foldToken), ...coreNames]);
    for (const pair of LASA) {
      expect(pair).toHaveLength(2);
      for (const name of pair) expect(known, name).toContain(foldToken(name));
    }
  });

  const directed = LASA.flatMap(([a, b]) =>
    a && b
      ? [
          [a, b],
          [b, a],
        ]
      : [],
  );
  test.each(directed)('a pack flagging %s never reads %s as it', (flagged, other) => {
    const set = compileRuleSet([{ id: 'flagged', names: [flagged] }], {
      createFuzzy: createFuzzyMatcher,
    });
    for (const text of variantsOf(other)) {
      const hits = matchText(set, `${text} 10mg tablets`).filter((m) => m.kind === 'fuzzy');
      expect(hits, text).toEqual([]);
    }
  });

  test.each(directed)('the core pack never fuzzily reads %s as another drug', (name) => {
    const matches = matchText(CORE.compiled, name);
    expect(matches.filter((m) => m.kind === 'fuzzy')).toEqual([]);
  });

  test('nor does it with the product-name index expanded', () => {
    const { compiled } = loadBundledPack();
    for (const name of LASA.flat()) {
      expect(
        matchText(compiled, name).filter((m) => m.kind === 'fuzzy'),
        name,
      ).toEqual([]);
    }
  });
});

describe('stop words', () => {
  test('are normalised single tokens', () => {
    for (const word of STOP_WORDS) expect(normalizeName(word)).toEqual([word]);
  });

  test('do not hide any name of the core pack', () => {
    for (const name of coreNames) expect(STOP_WORDS.has(name), name).toBe(false);
  });
});

/**
 * English collisions: every word of the system word lists, read against the core pack with the
 * product-name index's expansion (the names the content script reads: brands such as "Collis
 * Browne's" are index names, not pack names) plus every known medicine as if flagged. A new hit means a pack name (or a threshold change) brings an
 * English word within reach: add the word to COLLISIONS in stop-words.ts, or tighten. Skipped where
 * the lists are not installed (Debian: apt-get install wbritish wamerican).
 */
const WORD_LISTS = ['/usr/share/dict/british-english', '/usr/share/dict/american-english'];
/** Hits that are the medicine itself, inflected or clipped: reading them is right. */
const ACCEPTED_HITS = new Set([
  'valiums',
  'aspirins',
  'emollients',
  'methadon',
  'peppermints',
  'thiamin',
]);

describe.skipIf(!WORD_LISTS.every((f) => existsSync(f)))('English collisions', () => {
  test('no English word is fuzzily read as a medicine', () => {
    const rules: EngineRule[] = [
      ...loadBundledPack().engineRules,
      ...KNOWN_MEDICINES.map((name) => ({ id: `known:${foldToken(name)}`, names: [name] })),
    ];
    const set = compileRuleSet(rules, {
      createFuzzy: (exact) => createFuzzyMatcher(exact, { knownMedicines: [] }),
    });
    const words = new Set<string>();
    for (const file of WORD_LISTS) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (/^[A-Za-z]+$/.test(line)) words.add(foldToken(line));
      }
    }
    const hits: string[] = [];
    for (const word of words) {
      if (set.nameTokens.has(word) || ACCEPTED_HITS.has(word)) continue;
      if (set.fuzzy?.lookup(word)) hits.push(word);
    }
    expect(hits).toEqual([]);
  });
});
