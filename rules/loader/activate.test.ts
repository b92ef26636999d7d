import { describe, expect, test } from 'vitest';
import corePack from '../packs/core.json';
import { matchText, type FuzzyMatcher } from '../engine';
import { activateRuleSet } from '../bundled';
import { validatePack } from './validate';

function coreLayers() {
  const validated = validatePack(corePack);
  if (!validated.ok) throw new Error('core.json does not validate');
  return [{ layer: 'bundled' as const, pack: validated.value }];
}
const LAYERS = coreLayers();
const ACTIVE = activateRuleSet(LAYERS);

describe('activateRuleSet', () => {
  test('turns the fuzzy stage on by default', () => {
    expect(ACTIVE.compiled.fuzzy).not.toBeNull();
  });

  test('fuzzy: false gives exact matching only', () => {
    const exact = activateRuleSet(LAYERS, { fuzzy: false });
    expect(exact.compiled.fuzzy).toBeNull();
    expect(matchText(exact.compiled, 'zopiclon')).toEqual([]);
  });

  test('a supplied createFuzzy replaces the default', () => {
    const never: FuzzyMatcher = { lookup: () => null };
    const custom = activateRuleSet(LAYERS, { createFuzzy: () => never });
    expect(custom.compiled.fuzzy).toBe(never);
  });

  test('compiles the bundled pack quickly', () => {
    const t0 = performance.now();
    activateRuleSet(LAYERS);
    // ~5 ms here; the bound only catches an accidental blow-up.
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

type Seen = readonly [shown: string, ruleIds: readonly string[], kind: 'exact' | 'fuzzy'];

/** The bundled pack end to end, with drugs it has held since the first release. */
const CORE_CASES: readonly (readonly [string, readonly Seen[]])[] = [
  ['Zopiclone 7.5mg tablets', [['Zopiclone', ['zopiclone'], 'exact']]],
  ['Zimovane 7.5mg tablets', [['Zimovane', ['zopiclone'], 'exact']]],
  ['zopiclon 7.5mg', [['zopiclon', ['zopiclone'], 'fuzzy']]],
  ['Co-codamol 30mg/500mg effervescent tablets', [['Co-codamol', ['codeine'], 'exact']]],
  ['Co-Codamol_Tab 30mg/500mg', [['Co-Codamol', ['codeine'], 'exact']]],
  ['co-codamal 30/500', [['co-codamal', ['codeine'], 'fuzzy']]],
  ['Codeine phosphate 30mg tablets', [['Codeine phosphate', ['codeine'], 'exact']]],
  ['Dihydrocodeine 30mg tablets', [['Dihydrocodeine', ['dihydrocodeine'], 'exact']]],
  ['DHC Continus 60mg', [['DHC Continus', ['dihydrocodeine'], 'exact']]],
  ['Lithium carbonate 400mg MR tablets', [['Lithium carbonate', ['lithium'], 'exact']]],
  ['Priadel 200mg tablets', [['Priadel', ['lithium'], 'exact']]],
  ['lithiumion', []],
  ['Methotrexate 2.5mg tablets', [['Methotrexate', ['methotrexate'], 'exact']]],
  [
    'Methotrexate 10mg/0.2ml solution for injection pre-filled syringes',
    [['Methotrexate', ['methotrexate-injection'], 'exact']],
  ],
  ['methotrex 2.5mg', [['methotrex', ['methotrexate'], 'fuzzy']]],
  ['Sertraline hydrochloride 50mg', [['Sertraline hydrochloride', ['sertraline'], 'exact']]],
  ['Lustral 100mg tablets', [['Lustral', ['sertraline'], 'exact']]],
  ['Pregabalin 75mg capsules', [['Pregabalin', ['pregabalin'], 'exact']]],
  ['Lyrica 75mg capsules (Pfizer Ltd)', [['Lyrica', ['pregabalin'], 'exact']]],
  ['pregablin 75mg', [['pregablin', ['pregabalin'], 'fuzzy']]],
  [
    'Buprenorphine 5micrograms/hour transdermal patches',
    [['Buprenorphine', ['buprenorphine-transdermal'], 'exact']],
  ],
  ['Buprenorphine 8mg sublingual tablets', [['Buprenorphine', ['buprenorphine-ost'], 'exact']]],
  ['Butrans 10micrograms/hour patch', [['Butrans', ['buprenorphine-transdermal'], 'exact']]],
  ['Espranor 8mg oral lyophilisate', [['Espranor', ['buprenorphine-ost'], 'exact']]],
  ['buprenorfine 8mg sublingual tablets', [['buprenorfine', ['buprenorphine-ost'], 'fuzzy']]],
  ['Amlodipine 5mg tablets', []],
  ['Metformin 500mg tablets', []],
];

describe('the bundled pack end to end (activateRuleSet → matchText)', () => {
  test.each(CORE_CASES)('%s', (text, expected) => {
    const seen = matchText(ACTIVE.compiled, text).map((m): Seen => [
      text.slice(m.start, m.end),
      [...m.ruleIds].sort(),
      m.kind,
    ]);
    expect(seen).toEqual(expected);
  });
});
