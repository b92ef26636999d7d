import { describe, expect, test } from 'vitest';
import { createSyntheticRules } from '../../bench/engine.bench-data';
import { compileRuleSet } from './compile';
import { createFuzzyMatcher } from './fuzzy';
import { matchText } from './match';
import type { EngineRule } from './types';

const RULES: readonly EngineRule[] = [
  { id: 'morphine', names: ['morphine', 'morphine sulfate', 'MST Continus', 'Zomorph'] },
  { id: 'dihydrocodeine', names: ['dihydrocodeine', 'DHC Continus', 'DHC'] },
  { id: 'codeine', names: ['codeine', 'co-codamol'] },
  { id: 'codeine-local', names: ['Co-codamol'] },
  { id: 'bup-patch', names: ['buprenorphine'], forms: ['transdermal patch', 'patch'] },
];

describe('compileRuleSet', () => {
  const set = compileRuleSet(RULES);

  test.each([
    ['morphine', [['morphine', 'sulfate'], ['morphine']]],
    ['mst', [['mst', 'continus']]],
    ['dhc', [['dhc', 'continus'], ['dhc']]],
    ['co', [['co', 'codamol']]],
  ])('phrases starting with %s, longest first', (first, phrases) => {
    expect(set.phrasesByFirst.get(first)?.map((p) => p.tokens)).toEqual(phrases);
  });

  test('one name listed by two rules maps to both', () => {
    expect(set.phrasesByFirst.get('co')?.[0]?.ruleIds).toEqual(['codeine', 'codeine-local']);
  });

  test.each([['continus'], ['sulfate'], ['zomorph'], ['codamol'], ['dhc']])(
    'every word of every name is a name token: %s',
    (token) => {
      expect(set.nameTokens.has(token)).toBe(true);
    },
  );

  test.each([
    ['zomorph', true],
    ['mst', true],
    ['morphine', false],
    ['co', false],
  ])('brands (capitalised, never lower case) are proper-name tokens: %s → %s', (token, is) => {
    expect(set.properNameTokens?.has(token)).toBe(is);
  });

  test('form words are compiled per rule', () => {
    expect(set.formsByRule.get('bup-patch')).toEqual([['transdermal', 'patch'], ['patch']]);
    expect(set.formsByRule.has('morphine')).toBe(false);
  });

  test('no fuzzy stage unless asked for', () => {
    expect(set.fuzzy).toBeNull();
    expect(compileRuleSet(RULES, { createFuzzy: createFuzzyMatcher }).fuzzy).not.toBeNull();
  });

  test.each([
    ['an empty rule set', []],
    ['a rule with only punctuation for a name', [{ id: 'x', names: ['--'] }]],
  ])('%s compiles to nothing to match', (_why, rules: readonly EngineRule[]) => {
    const empty = compileRuleSet(rules, { createFuzzy: createFuzzyMatcher });
    expect(empty.phrasesByFirst.size).toBe(0);
    expect(matchText(empty, 'zopiclone 7.5mg')).toEqual([]);
  });
});

describe('compile at scale (synthetic 3,000-name pack)', () => {
  const rules = createSyntheticRules(3000);

  test('the synthetic pack has 3,000 distinct names', () => {
    const names = rules.flatMap((r) => r.names);
    expect(names).toHaveLength(3000);
    expect(new Set(names).size).toBe(3000);
  });

  test('compiles with the fuzzy stage well within a page-load budget', () => {
    const t0 = performance.now();
    const set = compileRuleSet(rules, { createFuzzy: createFuzzyMatcher });
    const ms = performance.now() - t0;
    // ~25 ms on a 2-core CI machine; the bound only catches an accidental blow-up.
    expect(ms).toBeLessThan(1000);
    const [rule] = rules;
    const generic = rule?.names[0] ?? '';
    expect(matchText(set, `${generic} 10mg tablets`).map((m) => m.ruleIds)).toEqual([[rule?.id]]);
    const slipped = generic.slice(0, -1);
    const fuzzy = matchText(set, `${slipped} 10mg`);
    expect(fuzzy.every((m) => m.kind === 'fuzzy')).toBe(true);
  });
});
