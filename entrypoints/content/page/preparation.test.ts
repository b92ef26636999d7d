import { describe, expect, test } from 'vitest';
import { matchText } from '@/rules/engine';
import type { CompiledRuleSet } from '@/rules/engine';
import type { ActiveRules } from './active-rules';
import { preparation } from './preparation';

/** Rules whose taking, and whose engine's steps, are logged. */
function loggedRules(log: string[]): () => ActiveRules {
  const compiled = { phrasesByFirst: new Map() } as unknown as CompiledRuleSet;
  const rules = {
    get compiled() {
      log.push('take');
      return compiled;
    },
    matchText,
    warmUpSteps: (set: CompiledRuleSet) => {
      expect(set).toBe(compiled);
      return [() => void log.push('engine 1'), () => void log.push('engine 2')];
    },
  } as unknown as ActiveRules;
  return () => rules;
}

describe('preparation before a long page is first read', () => {
  test('parses the data, takes the rules, then builds each engine table, one step per call', () => {
    const log: string[] = [];
    const prepare = preparation(() => true, loggedRules(log), [
      () => void log.push('pack'),
      () => void log.push('words'),
    ]);
    const calls: boolean[] = [];
    for (let i = 0; i < 6; i++) calls.push(prepare());
    expect(log).toEqual(['pack', 'words', 'take', 'engine 1', 'engine 2']);
    expect(calls).toEqual([true, true, true, true, true, false]);
    expect(prepare()).toBe(false);
    expect(log).toHaveLength(5);
  });

  test('a short page (a frame, a small record) prepares nothing and takes no rules early', () => {
    const log: string[] = [];
    let asked = 0;
    const prepare = preparation(
      () => {
        asked++;
        return false;
      },
      loggedRules(log),
      [() => void log.push('pack')],
    );
    expect(prepare()).toBe(false);
    expect(prepare()).toBe(false);
    expect(log).toEqual([]);
    expect(asked).toBe(1);
  });
});
