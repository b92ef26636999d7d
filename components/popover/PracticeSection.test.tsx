import { render, screen } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { bundledPack } from '@/rules/bundled';
import { mergePacks } from '@/rules/loader/merge';
import { ICB_NAMES } from '@/rules/schema/icbs';
import type { PracticeProfile } from '@/rules/schema/settings';
import { practicePosition } from '@/rules/views/practice-position';
import { PracticeSection } from './PracticeSection';

const set = mergePacks([{ layer: 'bundled', pack: bundledPack() }]);

function position(ruleId: string, profile: PracticeProfile | undefined) {
  const resolved = set.rules.get(ruleId);
  if (!resolved) throw new Error(ruleId);
  return practicePosition(resolved, {
    services: set.services,
    directory: set.directory,
    profile,
    ...(profile?.icb ? { icbName: ICB_NAMES[profile.icb] } : {}),
    today: '2026-12-07',
  });
}

const BOTH: PracticeProfile = {
  icb: 'north-central-london',
  services: ['stop-smoking', 'shared-care-les'],
};
const NEITHER: PracticeProfile = { icb: 'devon', services: [] };

/** The section for one medicine under one profile, as the card shows it. */
function renderFor(
  ruleId: string,
  profile: PracticeProfile | undefined,
  more: { fallbackAdvice?: string; onSetProfile?: () => void } = {},
) {
  return render(
    <PracticeSection
      practice={position(ruleId, profile)}
      fallbackAdvice={more.fallbackAdvice ?? 'Advice.'}
      idPrefix="t"
      {...(more.onSetProfile ? { onSetProfile: more.onSetProfile } : {})}
    />,
  );
}

describe('PracticeSection', () => {
  test('provided: names the service and its commissioner', () => {
    renderFor('varenicline', BOTH);
    expect(screen.getByRole('region', { name: 'Your practice' }).textContent).toMatch(
      /Your practice provides the Stop smoking service \(commissioned by the local authority public health commissioner\)/,
    );
  });

  test('not provided: no obligation, the commissioner arranges another provider', () => {
    renderFor('varenicline', NEITHER);
    expect(screen.getByTestId('plens-practice-service').textContent).toMatch(
      /does not provide the Stop smoking service:.*no contractual obligation/,
    );
  });

  test('profile not set: says so once, with a way to set it', () => {
    const onSet = vi.fn();
    renderFor('varenicline', undefined, { onSetProfile: onSet });
    expect(screen.getAllByTestId('plens-profile-not-set')).toHaveLength(1);
    screen.getByRole('button', { name: 'Set your practice profile' }).click();
    expect(onSet).toHaveBeenCalledOnce();
  });

  test('where to refer: the Camden services for a North Central London practice, https links only', () => {
    renderFor('diazepam', BOTH);
    const refer = screen.getByRole('region', { name: 'Where to refer' });
    expect(refer.textContent).toMatch(/Benzodiazepine and Opiate Withdrawal Service \(BOWS\)/);
    expect(refer.textContent).toMatch(/check that it still runs/);
    for (const a of screen.getAllByRole('link'))
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
    expect(screen.queryByTestId('plens-no-local-service')).toBeNull();
  });

  test('none recorded: says so, gives the safe fallback and a hint for admins', () => {
    renderFor('diazepam', NEITHER, { fallbackAdvice: 'Review and taper with the patient.' });
    expect(screen.getByTestId('plens-no-local-service').textContent).toBe(
      'No local service recorded for this in NHS Devon ICB. Review and taper with the patient.',
    );
    expect(screen.getByText(/Admins: add your area/)).toBeTruthy();
  });

  test('is accessible', async () => {
    const { container } = renderFor('diazepam', BOTH, { onSetProfile: () => undefined });
    expect(await axeViolations(container)).toEqual([]);
  });
});
