import { describe, expect, test, vi } from 'vitest';
import { loadBundledPack } from '../../bench/realworld/evaluate';
import { compileRuleSet, createFuzzyMatcher, matchText } from '.';
import { warmUpSteps } from './warm-up';

const TEXTS = [
  'Methotrexate 2.5mg tablets',
  'Methylphen HCl_Tab 10mg',
  'Co-codamol 30mg/500mg tablets',
  'Metotrexat tabs',
  'Zopiclone 7.5mg tablets',
  'Paracetamol 500mg tablets',
];

describe("the engine's warm-up steps", () => {
  test('build the fuzzy stage ahead of its first look-up', () => {
    const set = compileRuleSet(loadBundledPack().engineRules, { createFuzzy: createFuzzyMatcher });
    const fuzzy = set.fuzzy;
    if (!fuzzy?.prepare) throw new Error('the bundled rules have a fuzzy stage');
    const prepare = vi.spyOn(fuzzy, 'prepare');
    for (const step of warmUpSteps(set)) step();
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  test('change no match: the same texts read the same before and after, and twice over', () => {
    const rules = loadBundledPack().engineRules;
    const cold = compileRuleSet(rules, { createFuzzy: createFuzzyMatcher });
    const before = TEXTS.map((t) => matchText(cold, t));
    const warm = compileRuleSet(rules, { createFuzzy: createFuzzyMatcher });
    for (const step of [...warmUpSteps(warm), ...warmUpSteps(warm)]) step();
    expect(TEXTS.map((t) => matchText(warm, t))).toEqual(before);
    expect(before.flat().length).toBeGreaterThan(3);
  });
});
