/** Issue #19: flags follow the practice profile. */
import { describe, expect, test } from 'vitest';
import { bundledPack } from '@/rules/bundled';
import type { Settings } from '@/rules/schema/settings';
import { activate, categoryFor, isQuietFor } from './active-rules';
import { testPageRuleState, testRuleState } from '../../../tests/support/rule-state';

const NOW = new Date('2026-12-07T10:00:00Z');
const pack = bundledPack();

function active(settings: Partial<Settings> = {}) {
  return activate(testPageRuleState(testRuleState({ pack, settings })), NOW);
}

const BOTH = {
  icb: 'north-central-london',
  services: ['stop-smoking', 'shared-care-les'],
} as const;

describe('categoryFor with a practice profile', () => {
  test('profile not set: the national category', () => {
    const rules = active();
    expect(categoryFor(rules, ['varenicline'])).toBe('no-commissioned-service');
    expect(isQuietFor(rules, ['varenicline'])).toBe(false);
  });

  test('provides neither: the national category', () => {
    const rules = active({ practice: { icb: 'devon', services: [] } });
    expect(categoryFor(rules, ['varenicline'])).toBe('no-commissioned-service');
    expect(categoryFor(rules, ['methotrexate'])).toBe('shared-care');
  });

  test('provides the service: painted quietly by default', () => {
    const rules = active({ practice: BOTH });
    expect(categoryFor(rules, ['varenicline'])).toBe('no-commissioned-service');
    expect(isQuietFor(rules, ['varenicline'])).toBe(true);
    expect(isQuietFor(rules, ['methotrexate'])).toBe(true);
  });

  test('provides the service, preference hidden: not painted at all', () => {
    const rules = active({ practice: BOTH, commissionedFlags: 'hidden' });
    expect(categoryFor(rules, ['varenicline'])).toBeNull();
    expect(categoryFor(rules, ['methotrexate'])).toBeNull();
    // Still flagged for what the service does not answer.
    expect(categoryFor(rules, ['methotrexate-injection'])).toBe('specialist-initiation');
    expect(categoryFor(rules, ['methylphenidate'])).toBe('no-commissioned-service');
    expect(categoryFor(rules, ['diazepam'])).toBe('dependence-forming');
  });

  test('a remaining category the user switched off is not replaced by a relieved one', () => {
    const rules = activate(
      testPageRuleState(
        testRuleState({
          pack,
          settings: { practice: BOTH },
          categories: { 'specialist-initiation': false },
        }),
      ),
      NOW,
    );
    expect(categoryFor(rules, ['methotrexate-injection'])).toBeNull();
  });
});
