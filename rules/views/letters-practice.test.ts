/** Issue #19: letters filled from the practice profile and directory, never with patient data. */
import { describe, expect, test } from 'vitest';
import { bundledPack } from '../bundled';
import { mergePacks } from '../loader/merge';
import type { PracticeProfile } from '../schema/settings';
import { lettersForRule } from './letters';
import { practicePosition } from './practice-position';

const set = mergePacks([{ layer: 'bundled', pack: bundledPack() }]);
const TODAY = new Date('2026-12-07T10:00:00Z');

function letters(ruleId: string, profile: PracticeProfile | undefined) {
  const resolved = set.rules.get(ruleId);
  if (!resolved) throw new Error(ruleId);
  const position = practicePosition(resolved, {
    services: set.services,
    directory: set.directory,
    profile,
    today: '2026-12-07',
  });
  return lettersForRule(resolved, TODAY, position);
}

const BOTH: PracticeProfile = {
  icb: 'north-central-london',
  services: ['stop-smoking', 'shared-care-les'],
};
const NEITHER: PracticeProfile = { icb: 'devon', services: [] };

describe('letters and the practice profile', () => {
  test('without a practice position, letters are as before', () => {
    const resolved = set.rules.get('varenicline')!;
    expect(lettersForRule(resolved, TODAY).map((l) => l.id)).toEqual(
      letters('varenicline', undefined).map((l) => l.id),
    );
  });

  test('provides neither: the notice names the service and who must arrange another provider', () => {
    const notice = letters('varenicline', NEITHER).find((l) => l.audience === 'commissioner');
    expect(notice?.text).toMatch(
      /This practice does not provide the Stop smoking service; it is commissioned by the local authority public health commissioner, who must arrange another provider\./,
    );
  });

  test('provides the service: no letter about the category its service answers', () => {
    expect(letters('varenicline', BOTH)).toEqual([]);
  });

  test('the referral route on record is quoted, with its check date', () => {
    const withRoute = letters('diazepam', BOTH);
    expect(withRoute.length).toBeGreaterThan(0);
    for (const l of withRoute)
      expect(l.text).toMatch(
        /Referral route on record: Benzodiazepine and Opiate Withdrawal Service \(BOWS\)/,
      );
  });

  test('no patient data placeholder is ever filled', () => {
    for (const l of [...letters('diazepam', BOTH), ...letters('varenicline', NEITHER)])
      expect(l.text).not.toMatch(/\{\{/);
  });
});
