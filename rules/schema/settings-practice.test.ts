/** Issue #19: the practice profile as a stored preference and as a policy-locked one. */
import { describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS, effectiveSettings, readManaged, readSettings } from './settings';

const profile = { icb: 'north-central-london', services: ['stop-smoking', 'shared-care-les'] };

describe('practice profile', () => {
  test('absent by default: the profile is not set', () => {
    expect(readSettings(null).practice).toBeUndefined();
    expect(DEFAULT_SETTINGS.practice).toBeUndefined();
  });

  test('a stored profile is read back, duplicates dropped', () => {
    const s = readSettings({
      practice: { icb: 'devon', services: ['stop-smoking', 'stop-smoking'] },
      commissionedFlags: 'hidden',
    });
    expect(s.practice).toEqual({ icb: 'devon', services: ['stop-smoking'] });
    expect(s.commissionedFlags).toBe('hidden');
  });

  test('"provides none" is a set profile, not an unset one', () => {
    expect(readSettings({ practice: { icb: null, services: [] } }).practice).toEqual({
      icb: null,
      services: [],
    });
  });

  test('an unknown ICB or a malformed service id is refused (defaults kept)', () => {
    expect(readSettings({ practice: { icb: 'atlantis', services: [] } }).practice).toBeUndefined();
    expect(
      readSettings({ practice: { icb: 'devon', services: ['<script>'] } }).practice,
    ).toBeUndefined();
  });

  test('policy locks the profile over the user’s own', () => {
    const managed = readManaged({ lockedSettings: { practice: profile } });
    expect(managed.problems).toEqual([]);
    const user = readSettings({ practice: { icb: 'devon', services: [] } });
    expect(effectiveSettings(user, managed.config).practice).toEqual(profile);
  });

  test('policy can lock the quiet/hidden preference', () => {
    const managed = readManaged({ lockedSettings: { commissionedFlags: 'hidden' } });
    expect(effectiveSettings(DEFAULT_SETTINGS, managed.config).commissionedFlags).toBe('hidden');
  });

  test('a bad policy profile is reported, not applied', () => {
    const managed = readManaged({ lockedSettings: { practice: { icb: 'x', services: [] } } });
    expect(managed.problems.length).toBeGreaterThan(0);
    expect(effectiveSettings(DEFAULT_SETTINGS, managed.config).practice).toBeUndefined();
  });
});

describe('place (sub-ICB location) in the profile', () => {
  test('a place of the chosen ICB is kept', () => {
    const s = readSettings({
      practice: { icb: 'cheshire-merseyside', services: [], place: '01F' },
    });
    expect(s.practice).toEqual({ icb: 'cheshire-merseyside', services: [], place: '01F' });
  });

  test('a place of another ICB is dropped, so no other area’s services are shown', () => {
    expect(
      readSettings({ practice: { icb: 'devon', services: [], place: '01F' } }).practice,
    ).toEqual({ icb: 'devon', services: [] });
  });

  test('a code that is no sub-ICB location refuses the stored profile', () => {
    expect(
      readSettings({ practice: { icb: 'cheshire-merseyside', services: [], place: 'ZZZ' } })
        .practice,
    ).toBeUndefined();
  });

  test('policy can set and lock the place', () => {
    const locked = { icb: 'sussex', services: ['stop-smoking'], place: '09D' };
    const managed = readManaged({ lockedSettings: { practice: locked } });
    expect(managed.problems).toEqual([]);
    expect(effectiveSettings(DEFAULT_SETTINGS, managed.config).practice).toEqual(locked);
  });

  test('a policy place outside its ICB is dropped even when another policy field is bad', () => {
    const managed = readManaged({
      lockedSettings: { practice: { icb: 'sussex', services: [], place: '01F' } },
      allowedSites: ['not a site'],
    });
    expect(managed.problems.length).toBeGreaterThan(0);
    expect(effectiveSettings(DEFAULT_SETTINGS, managed.config).practice).toEqual({
      icb: 'sussex',
      services: [],
    });
  });
});
