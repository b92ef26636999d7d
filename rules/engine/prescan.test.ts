import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compileRuleSet } from './compile';
import { createFuzzyMatcher } from './fuzzy';
import { matchText, matchTokens } from './match';
import { firstStartAt } from './prescan';
import type { EngineRule } from './types';

/** One reader of match.ts each: exact names, forms, form-bound names, salts, pairs, fuzzy. */
const RULES: readonly EngineRule[] = [
  { id: 'zopiclone', names: ['zopiclone', 'Zimovane'] },
  { id: 'codeine', names: ['codeine', 'co-codamol'] },
  { id: 'dihydrocodeine', names: ['dihydrocodeine', 'co-dydramol'] },
  { id: 'methylphenidate', names: ['methylphenidate', 'Concerta XL'] },
  { id: 'flupentixol', names: ['flupentixol decanoate'] },
  { id: 'nicotine', names: ['NicAssist'] },
  { id: 'mtx', names: ['methotrexate'], caseSensitiveNames: ['MTX'] },
  { id: 'zaleplon', names: ['zaleplon'], contextNames: ['Sonata'] },
  { id: 'numbered', names: ['5-ASA'] },
  {
    id: 'depixol',
    names: ['flupentixol'],
    formBoundNames: [{ name: 'Depixol', forms: ['injection'] }],
  },
];
const SET = compileRuleSet(RULES, { createFuzzy: createFuzzyMatcher });
const EXACT = compileRuleSet(RULES);

describe('the pre-scan', () => {
  test.each([
    ['a listed name', 'Zopiclone 7.5mg tablets'],
    ['a name in capitals', 'ZIMOVANE 7.5MG TABS'],
    ['a generic cut short before its salt', 'Methylphen HCl_Tab 10mg'],
    ['a name cut short before `/`', 'Methylphen/Something_Tab 10mg'],
    ['a multi-word name cut short', 'Flupentixol Decan_Inj 20mg/1ml'],
    ['words run together', 'Boots_NicAssistTransdermalPatch21mg24hrs'],
    ['an opioid strength pair', 'Boots_Migraine Relief Cap 8mg/500mg'],
    ['a strength pair with spaces', 'Pain Relief Plus 30mg / 500mg tablets'],
    ['a misspelling', 'sertaline 50mg, zopiclon 7.5mg'],
    ['a case-sensitive name', 'MTX 10mg weekly'],
    ['a name that needs a strength', 'Sonata 10mg capsules'],
    ['a name that starts with a number', '5-ASA enema'],
    ['a form-bound name', 'Depixol 20mg/1ml solution for injection'],
    ['look-alike letters', 'Zоpiclone 7.5mg'],
  ])('never skips a text with a flag: %s', (_why, text) => {
    const full = matchTokens(SET, text);
    expect(full.length).toBeGreaterThan(0);
    expect(firstStartAt(SET, text)).toBeGreaterThanOrEqual(0);
    expect(firstStartAt(SET, text)).toBeLessThanOrEqual(full[0]?.start ?? 0);
    expect(matchText(SET, text)).toEqual(full);
  });

  // No "5" in these: with 5-ASA listed, a 5 can start a name.
  test.each([
    'Review due 7/8/2026',
    'Take ONE tablet at night when required',
    'Repeat: 28 tablets, 10mg/2ml oral solution',
    'Acute\t18/9/2026\t14\tAs directed by the specialist',
  ])('skips a text that names no medicine: %s', (text) => {
    expect(matchTokens(SET, text)).toEqual([]);
    expect(firstStartAt(SET, text)).toBe(-1);
  });

  test('a name after thousands of words in one text is still flagged', () => {
    // Past the reader's packed-word buffer (normalize.ts): those words take the full way.
    const filler = 'Take ONE tablet daily with food; '.repeat(1500);
    for (const name of ['zopiclone 7.5mg', 'zopiclon 7.5mg', 'NicAssistTransdermalPatch 21mg']) {
      const text = `${filler}${name} tablets, then ${filler}${name}`;
      const found = matchText(SET, text);
      expect(found.map((m) => m.start)).toEqual([filler.length, text.length - name.length]);
      expect(found).toEqual(matchTokens(SET, text));
    }
  });

  test('a word it has seen is answered the same the second time, with or without fuzzy', () => {
    for (const set of [SET, EXACT]) {
      for (const text of ['sertaline 50mg', 'tablets daily', 'sertaline 50mg']) {
        expect(matchText(set, text)).toEqual(matchTokens(set, text));
      }
    }
  });
});

/** Every string in the fixture corpora (medication lines, misspellings, non-flags, LASA pairs). */
function fixtureStrings(): string[] {
  const out: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  const dir = new URL('../../tests/fixtures/corpus/', import.meta.url);
  for (const file of readdirSync(dir))
    collect(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
  collect(
    JSON.parse(
      readFileSync(new URL('../../tests/fixtures/lasa-pairs.json', import.meta.url), 'utf8'),
    ),
  );
  return out;
}

interface PackRule {
  readonly id: string;
  readonly names: readonly string[];
  readonly forms?: readonly string[];
}

test('with the bundled pack, the pre-scan changes no flag on any fixture string', () => {
  const pack = JSON.parse(readFileSync(new URL('../packs/core.json', import.meta.url), 'utf8')) as {
    rules: PackRule[];
  };
  const rules: EngineRule[] = pack.rules.map((r) => ({
    id: r.id,
    names: r.names,
    ...(r.forms ? { forms: r.forms } : {}),
  }));
  const set = compileRuleSet(rules, { createFuzzy: createFuzzyMatcher });
  const texts = fixtureStrings();
  expect(texts.length).toBeGreaterThan(1000);
  const differ = texts.filter(
    (t) => JSON.stringify(matchText(set, t)) !== JSON.stringify(matchTokens(set, t)),
  );
  expect(differ).toEqual([]);
});
