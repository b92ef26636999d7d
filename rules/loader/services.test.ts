/**
 * Issue #19: the `services` and `directory` sections of a rule pack: validated with JSON paths,
 * layered by id, and refused whole (nothing changes) when they are wrong.
 */
import { describe, expect, test } from 'vitest';
import { bundledPack } from '../bundled';
import { buildLayers } from './layers';
import { mergePacks } from './merge';
import { validatePack } from './validate';
import type { DirectoryEntry, RulePack, Service } from '../schema/rule-pack';

const core = bundledPack();
const known = new Set(core.rules.map((r) => r.id));
const TODAY = '2026-12-07';

const source = {
  title: 'Example ICB stop smoking service specification',
  publisher: 'NHS Example ICB',
  date: '2026-04',
  url: 'https://www.example-icb.nhs.uk/stop-smoking-spec',
};

const service = (over: Partial<Service> = {}): Service => ({
  id: 'stop-smoking',
  name: 'Example stop smoking service',
  commissioner: 'local-authority',
  specification: 'https://www.example-icb.nhs.uk/stop-smoking-spec',
  covers: { rules: ['varenicline'] },
  relieves: ['no-commissioned-service'],
  provided: 'Provided text.',
  notProvided: 'Not provided text.',
  sources: [source],
  lastReviewed: '2026-11-01',
  ...over,
});

const entry = (over: Partial<DirectoryEntry> = {}): DirectoryEntry => ({
  id: 'example-withdrawal',
  name: 'Example withdrawal service',
  provider: 'Example NHS Foundation Trust',
  kind: 'prescribed-drug-withdrawal',
  icbs: ['north-central-london'],
  area: 'Example borough',
  covers: { classes: ['benzodiazepine'] },
  forWhom: 'Adults dependent on prescribed benzodiazepines.',
  howToRefer: { phone: '020 0000 0000', url: 'https://www.example-trust.nhs.uk/refer' },
  lastReviewed: '2026-11-01',
  reviewBy: '2027-05-01',
  sources: [source],
  ...over,
});

const localPack = (over: Partial<RulePack>): RulePack => ({
  schemaVersion: 1,
  packId: 'example-icb',
  name: 'Example ICB pack',
  publisher: 'NHS Example ICB',
  packVersion: '1',
  publishedAt: '2026-11-01',
  reviewBy: '2027-05-01',
  licence: 'OGL-UK-3.0',
  description: 'Example.',
  rules: [],
  ...over,
});

function errorsOf(input: unknown): string[] {
  const result = validatePack(input, { today: TODAY, knownRuleIds: known });
  return result.ok ? [] : result.issues.filter((i) => i.severity === 'error').map((i) => i.path);
}

describe('the bundled national pack', () => {
  test('ships the national service types every ICB has some version of', () => {
    expect((core.services ?? []).map((s) => s.id)).toEqual([
      'shared-care-les',
      'dmard-monitoring',
      'anticoagulation-monitoring',
      'stop-smoking',
      'drug-alcohol-treatment',
      'adhd-shared-care',
      'weight-management',
    ]);
  });

  test('every service and directory entry is sourced and dated', () => {
    for (const s of core.services ?? []) {
      expect(s.sources.length, s.id).toBeGreaterThan(0);
      expect(s.lastReviewed, s.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const d of core.directory ?? []) {
      expect(d.sources.length, d.id).toBeGreaterThan(0);
      expect(d.reviewBy > d.lastReviewed, d.id).toBe(true);
    }
  });

  test('the FOI-survey withdrawal services say to check before referring', () => {
    const foi = (core.directory ?? []).filter((d) => d.kind === 'prescribed-drug-withdrawal');
    expect(foi.map((d) => d.id)).toEqual(['camden-bows', 'camden-rest', 'bristol-postscript360']);
    for (const d of foi) {
      expect(d.caution).toMatch(/2023.*check/);
      expect(d.icbs?.length).toBe(1);
    }
  });
});

describe('validation', () => {
  test('a pack with a service and a directory entry covering national rules is accepted', () => {
    expect(errorsOf(localPack({ services: [service()], directory: [entry()] }))).toEqual([]);
  });

  test('covering an unknown rule is refused at its JSON path', () => {
    expect(
      errorsOf(localPack({ directory: [entry({ covers: { rules: ['varenicIine'] } })] })),
    ).toEqual(['directory[0].covers.rules[0]']);
    expect(errorsOf(localPack({ services: [service({ covers: { rules: ['nope'] } })] }))).toEqual([
      'services[0].covers.rules[0]',
    ]);
  });

  test('without the layers below, only the pack’s own rules are known', () => {
    const result = validatePack(localPack({ services: [service()] }), { today: TODAY });
    expect(result.ok).toBe(false);
  });

  test('non-https links are refused', () => {
    expect(
      errorsOf(localPack({ services: [service({ specification: 'http://example.nhs.uk/spec' })] })),
    ).toEqual(['services[0].specification']);
    expect(
      errorsOf(localPack({ directory: [entry({ howToRefer: { url: 'javascript:alert(1)' } })] })),
    ).toEqual(['directory[0].howToRefer.url']);
  });

  test('a directory entry without a review date or sources is refused', () => {
    const noDate: Partial<DirectoryEntry> = entry();
    delete noDate.reviewBy;
    expect(errorsOf(localPack({ directory: [noDate as DirectoryEntry] }))).toEqual([
      'directory[0].reviewBy',
    ]);
    expect(errorsOf(localPack({ directory: [entry({ sources: [] })] }))).toEqual([
      'directory[0].sources',
    ]);
  });

  test('duplicate ids are refused', () => {
    expect(errorsOf(localPack({ services: [service(), service()] }))).toEqual(['services[1].id']);
    expect(errorsOf(localPack({ directory: [entry(), entry()] }))).toEqual(['directory[1].id']);
  });

  test('a substance-misuse service must state its eligibility', () => {
    expect(errorsOf(localPack({ directory: [entry({ kind: 'substance-misuse' })] }))).toEqual([
      'directory[0].eligibility',
    ]);
  });

  test('covers must name something, and how to refer must give a route', () => {
    expect(errorsOf(localPack({ directory: [entry({ covers: {} })] }))).toEqual([
      'directory[0].covers',
    ]);
    expect(errorsOf(localPack({ directory: [entry({ howToRefer: {} })] }))).toEqual([
      'directory[0].howToRefer',
    ]);
  });

  test('an unknown ICB is refused', () => {
    expect(
      errorsOf(localPack({ directory: [entry({ icbs: ['nhs-atlantis' as 'devon'] })] })),
    ).toEqual(['directory[0].icbs[0]']);
  });
});

describe('layering', () => {
  const stored = (pack: RulePack) => ({
    text: JSON.stringify(pack),
    fileName: 'local.json',
    importedAt: '2026-12-01T10:00:00Z',
  });

  test('a local service replaces the national one with the same id; directory entries add up', () => {
    const { layers, problems } = buildLayers({
      bundled: core,
      local: stored(localPack({ services: [service()], directory: [entry()] })),
      urlPack: null,
      managed: {},
    });
    expect(problems).toEqual([]);
    const set = mergePacks(layers);
    expect(set.services.get('stop-smoking')?.item.name).toBe('Example stop smoking service');
    expect(set.services.get('stop-smoking')?.pack.layer).toBe('local');
    expect(set.services.get('shared-care-les')?.pack.layer).toBe('bundled');
    expect(set.directory.get('example-withdrawal')?.pack.layer).toBe('local');
    expect(set.directory.get('camden-bows')?.pack.layer).toBe('bundled');
  });

  test('a bad local directory is refused whole: nothing changes', () => {
    const { layers, problems } = buildLayers({
      bundled: core,
      local: stored(localPack({ directory: [entry({ covers: { rules: ['nope'] } })] })),
      urlPack: null,
      managed: {},
    });
    expect(layers.map((l) => l.layer)).toEqual(['bundled']);
    expect(problems[0]?.message).toMatch(/covers rule "nope"/);
  });
});
