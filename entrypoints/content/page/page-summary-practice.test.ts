/** Issue #19: the popup summary and badge follow the practice profile. */
import { describe, expect, test } from 'vitest';
import { bundledPack } from '@/rules/bundled';
import { mergePacks } from '@/rules/loader/merge';
import { badgeRuleIds } from '@/rules/schema/messages';
import { summarizePage } from './page-summary';
import { testMark } from '../../../tests/support/content';

const EFFECTIVE = mergePacks([{ layer: 'bundled', pack: bundledPack() }]);
const mark = (text: string, ruleIds: readonly string[]) =>
  testMark(text, ruleIds, { category: 'no-commissioned-service' });

const marks = () => [
  mark('Varenicline', ['varenicline']),
  mark('Methotrexate', ['methotrexate']),
  mark('Diazepam', ['diazepam']),
];

describe('summary and badge with a practice profile', () => {
  test('profile not set or providing neither: every medicine counts', () => {
    for (const practice of [undefined, { icb: null, services: [] }]) {
      const { summary } = summarizePage(
        marks(),
        EFFECTIVE,
        new Set(),
        new Set(),
        undefined,
        practice,
      );
      expect(badgeRuleIds([summary])).toEqual(['diazepam', 'methotrexate', 'varenicline']);
      expect(summary.flagged.some((d) => d.commissioned)).toBe(false);
    }
  });

  test('providing stop smoking and the shared care LES: those are commissioned, not counted', () => {
    const { summary } = summarizePage(marks(), EFFECTIVE, new Set(), new Set(), undefined, {
      icb: 'north-central-london',
      services: ['stop-smoking', 'shared-care-les'],
    });
    expect(badgeRuleIds([summary])).toEqual(['diazepam']);
    expect(summary.flagged.find((d) => d.ruleId === 'varenicline')?.commissioned).toBe(true);
  });
});
