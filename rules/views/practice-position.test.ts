/**
 * Issue #19: a rule's position for this practice, from the packs in force and the practice
 * profile. Table tests over every category and every profile state.
 */
import { describe, expect, test } from 'vitest';
import { bundledPack } from '../bundled';
import { mergePacks, type EffectiveRuleSet } from '../loader/merge';
import type { RulePack } from '../schema/rule-pack';
import {
  effectiveSettings,
  readManaged,
  readSettings,
  type PracticeProfile,
} from '../schema/settings';
import { practicePosition, type PracticeContext } from './practice-position';

const core = bundledPack();
const national = mergePacks([{ layer: 'bundled', pack: core }]);
const TODAY = '2026-12-07';

const BOTH: PracticeProfile = {
  icb: 'north-central-london',
  services: ['stop-smoking', 'shared-care-les'],
};
const NEITHER: PracticeProfile = { icb: 'devon', services: [] };

/** The national pack with a local pack over it that adds only services or directory entries. */
function withLocal(extra: Pick<RulePack, 'services' | 'directory'>) {
  const local: RulePack = {
    ...core,
    packId: 'example-icb',
    rules: [],
    alerts: [],
    services: [],
    directory: [],
    ...extra,
  };
  return mergePacks([
    { layer: 'bundled', pack: core },
    { layer: 'local', pack: local },
  ]);
}

function at(
  set: EffectiveRuleSet,
  ruleId: string,
  profile: PracticeProfile | undefined,
  more: Partial<PracticeContext> = {},
) {
  const resolved = set.rules.get(ruleId);
  if (!resolved) throw new Error(`no rule ${ruleId}`);
  return practicePosition(resolved, {
    services: set.services,
    directory: set.directory,
    profile,
    today: TODAY,
    ...more,
  });
}

describe('status, remaining categories and paint, per category and profile', () => {
  test.each([
    // rule, profile, status, remaining, paint
    ['varenicline', BOTH, 'provided', [], 'quiet'],
    ['varenicline', NEITHER, 'not-provided', ['no-commissioned-service'], 'normal'],
    ['varenicline', undefined, 'profile-not-set', ['no-commissioned-service'], 'normal'],
    ['methotrexate', BOTH, 'provided', [], 'quiet'],
    ['methotrexate', NEITHER, 'not-provided', ['shared-care'], 'normal'],
    ['methotrexate', undefined, 'profile-not-set', ['shared-care'], 'normal'],
    ['methotrexate-injection', BOTH, 'provided', ['specialist-initiation'], 'normal'],
    ['aripiprazole-long-acting-injection', BOTH, 'no-service', ['specialist-initiation'], 'normal'],
    ['diazepam', BOTH, 'no-service', ['dependence-forming'], 'normal'],
    ['diazepam', undefined, 'no-service', ['dependence-forming'], 'normal'],
    // Adult ADHD: the shared care LES answers shared care, not the missing commissioned service.
    ['methylphenidate', BOTH, 'provided', ['no-commissioned-service'], 'normal'],
    [
      'methylphenidate',
      NEITHER,
      'not-provided',
      ['shared-care', 'no-commissioned-service'],
      'normal',
    ],
    // Methadone: opioid substitution is a separate service; dependence-forming stays either way.
    [
      'methadone',
      BOTH,
      'not-provided',
      ['no-commissioned-service', 'dependence-forming'],
      'normal',
    ],
  ] as const)('%s for %j → %s', (ruleId, profile, status, remaining, paint) => {
    const p = at(national, ruleId, profile);
    expect(p.status).toBe(status);
    expect(p.remaining).toEqual(remaining);
    expect(p.paint).toBe(paint);
  });

  test('the preference decides whether a commissioned medicine is shown quietly or not at all', () => {
    expect(at(national, 'varenicline', BOTH, { commissionedFlags: 'hidden' }).paint).toBe('hidden');
    expect(at(national, 'varenicline', BOTH, { commissionedFlags: 'quiet' }).paint).toBe('quiet');
  });
});

describe('"Your practice" text', () => {
  test('provided: the service, its commissioner and its provided text', () => {
    const [first] = at(national, 'varenicline', BOTH).services;
    expect(first).toMatchObject({
      id: 'stop-smoking',
      provided: true,
      commissioner: 'the local authority public health commissioner',
    });
    expect(first?.text).toMatch(/must deliver it as the specification sets out/);
  });

  test('not provided: no obligation, the commissioner must arrange another provider', () => {
    const [first] = at(national, 'varenicline', NEITHER).services;
    expect(first?.provided).toBe(false);
    expect(first?.text).toMatch(/no contractual obligation.*must arrange another provider/s);
  });

  test('provided services come first, then the most specific', () => {
    const ids = at(national, 'methylphenidate', BOTH).services.map((s) => s.id);
    expect(ids).toEqual(['shared-care-les', 'adhd-shared-care']);
    expect(at(national, 'methylphenidate', NEITHER).services.map((s) => s.id)).toEqual([
      'adhd-shared-care',
      'shared-care-les',
    ]);
  });

  test('a local pack’s service overrides the national one with the same id', () => {
    const set = withLocal({
      services: [
        {
          ...(core.services ?? [])[3]!,
          name: 'Example Borough Smokefree Service',
          specification: 'https://www.example.gov.uk/smokefree-spec',
          provided: 'Example provided text.',
        },
      ],
    });
    const [first] = at(set, 'varenicline', BOTH).services;
    expect(first).toMatchObject({
      name: 'Example Borough Smokefree Service',
      specification: 'https://www.example.gov.uk/smokefree-spec',
      text: 'Example provided text.',
      layer: 'local',
    });
  });

  test('a profile locked by policy wins over the user’s own', () => {
    const managed = readManaged({ lockedSettings: { practice: BOTH } });
    const settings = effectiveSettings(readSettings({ practice: NEITHER }), managed.config);
    expect(at(national, 'varenicline', settings.practice).status).toBe('provided');
  });

  test('a specification link refused by the link policy is dropped', () => {
    const set = withLocal({
      services: [{ ...(core.services ?? [])[3]!, specification: 'https://evil.example.com/x' }],
    });
    const line = at(set, 'varenicline', BOTH, {
      isLinkAllowed: (u) => u.startsWith('https://www.nhs.uk'),
    }).services[0];
    expect(line?.specification).toBeUndefined();
  });
});

describe('where to refer', () => {
  test('Camden withdrawal services are shown to a North Central London practice', () => {
    const p = at(national, 'diazepam', BOTH);
    expect(p.referrals.map((r) => r.id)).toEqual([
      'camden-bows',
      'camden-rest',
      'nhse-dependence-framework',
      'nice-ng215',
    ]);
    expect(p.noLocalService).toBe(false);
    expect(p.referrals[0]?.caution).toMatch(/check/);
  });

  test('elsewhere: national resources only, and "no local service recorded"', () => {
    const p = at(national, 'diazepam', NEITHER);
    expect(p.referrals.map((r) => r.id)).toEqual(['nhse-dependence-framework', 'nice-ng215']);
    expect(p.noLocalService).toBe(true);
  });

  test('Postscript360 is not offered for antidepressants', () => {
    const bristol: PracticeProfile = {
      icb: 'bristol-north-somerset-south-gloucestershire',
      services: [],
    };
    expect(at(national, 'zopiclone', bristol).referrals[0]?.id).toBe('bristol-postscript360');
    expect(at(national, 'sertraline', bristol).referrals.map((r) => r.id)).not.toContain(
      'bristol-postscript360',
    );
  });

  test('a substance-misuse service comes after specialist services and states eligibility', () => {
    const set = withLocal({
      directory: [
        {
          id: 'example-drug-service',
          name: 'Example drug and alcohol service',
          provider: 'Example provider',
          kind: 'substance-misuse',
          icbs: ['north-central-london'],
          area: 'Example',
          covers: { classes: ['benzodiazepine'] },
          forWhom: 'Adults with drug or alcohol problems.',
          eligibility: 'Takes people dependent on prescribed benzodiazepines on GP referral.',
          howToRefer: { phone: '020 0000 0000' },
          lastReviewed: '2026-11-01',
          reviewBy: '2026-12-01',
          sources: core.directory![0]!.sources,
        },
      ],
    });
    const p = at(set, 'diazepam', BOTH);
    const last = p.referrals[p.referrals.length - 1];
    expect(last?.id).toBe('example-drug-service');
    expect(last?.eligibility).toMatch(/prescribed/);
    expect(last?.reviewOverdue).toBe(true);
    expect(p.referrals[0]?.kind).toBe('prescribed-drug-withdrawal');
  });

  test('an entry for one place is shown in that place, not in the board’s other places', () => {
    const set = withLocal({
      directory: [
        {
          id: 'halton-withdrawal',
          name: 'Example withdrawal service (Halton only)',
          provider: 'Example provider',
          kind: 'prescribed-drug-withdrawal',
          icbs: ['cheshire-merseyside'],
          places: ['01F'],
          area: 'Halton',
          covers: { classes: ['benzodiazepine'] },
          forWhom: 'Adults registered with a Halton practice.',
          howToRefer: { phone: '0151 000 0000' },
          lastReviewed: '2026-11-01',
          reviewBy: '2027-11-01',
          sources: core.directory![0]!.sources,
        },
      ],
    });
    const profile = (place?: string): PracticeProfile => ({
      icb: 'cheshire-merseyside',
      services: [],
      ...(place ? { place } : {}),
    });
    const ids = (place?: string) => at(set, 'diazepam', profile(place)).referrals.map((r) => r.id);
    expect(ids('01F')).toContain('halton-withdrawal');
    expect(ids('99A')).not.toContain('halton-withdrawal');
    // No place chosen: shown, with its area in words, rather than hidden from the whole board.
    expect(ids()).toContain('halton-withdrawal');
  });

  test('links are https only', () => {
    for (const r of at(national, 'diazepam', BOTH).referrals) {
      for (const u of [r.url, r.sourceUrl]) if (u) expect(u.startsWith('https://')).toBe(true);
    }
  });
});
