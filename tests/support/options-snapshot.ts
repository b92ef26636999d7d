/**
 * Options-page states for component tests, built from the real national pack and merge code so the
 * tests show what an admin would see with real data (157 rules, real names).
 */
import corePack from '@/rules/packs/core.json';
import { diffRuleSets } from '@/rules/views/diff';
import { mergePacks, type LayeredPack } from '@/rules/loader/merge';
import { validatePack } from '@/rules/loader/validate';
import type { Rule, RulePack } from '@/rules/schema/rule-pack';
import type {
  InvalidPackCheck,
  OptionsSnapshot,
  OptionsStore,
  PackSummary,
  ValidPackCheck,
} from '../../components/options/types';

export const TODAY = '2026-11-24';

function valid(input: unknown): RulePack {
  const result = validatePack(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

export const core = valid(corePack);

export const amlodipineRule: Rule = {
  id: 'amlodipine-example-local',
  drug: 'Amlodipine',
  names: ['amlodipine', 'Istin'],
  categories: ['no-commissioned-service'],
  position: 'FICTITIOUS TEST RULE: not a real local position.',
  sources: [
    {
      title: 'Example ICB formulary (fictitious)',
      publisher: 'Example ICB',
      url: 'https://example-icb.nhs.uk/formulary',
    },
  ],
  lastReviewed: '2026-10-01',
};

export function localPack(overrides: Partial<RulePack> = {}): RulePack {
  return valid({
    schemaVersion: 1,
    packId: 'example-icb-local',
    name: 'Example ICB local positions',
    publisher: 'NHS Example ICB Medicines Optimisation Team',
    packVersion: '2026.11.1',
    publishedAt: '2026-11-01',
    reviewBy: '2027-05-01',
    licence: 'OGL-UK-3.0',
    description: 'Fictitious local pack for tests.',
    rules: [amlodipineRule],
    disable: [{ ruleId: 'melatonin', reason: 'Example ICB: prescribed on specialist advice.' }],
    ...overrides,
  });
}

export function summary(
  layer: PackSummary['layer'],
  pack: RulePack,
  extra: Partial<PackSummary> = {},
): PackSummary {
  return {
    layer,
    packId: pack.packId,
    name: pack.name,
    publisher: pack.publisher,
    packVersion: pack.packVersion,
    publishedAt: pack.publishedAt,
    reviewBy: pack.reviewBy,
    ruleCount: pack.rules.length,
    nameCount: pack.rules.reduce((n, r) => n + r.names.length, 0),
    disableCount: pack.disable?.length ?? 0,
    reviewOverdue: pack.reviewBy < TODAY,
    ...extra,
  };
}

const IMPORTED_AT = '2026-11-20T09:30:00.000Z';

export function snapshot(
  options: { local?: RulePack; managed?: RulePack; extra?: Partial<OptionsSnapshot> } = {},
): OptionsSnapshot {
  const layers: LayeredPack[] = [{ layer: 'bundled', pack: core }];
  if (options.local) layers.push({ layer: 'local', pack: options.local });
  if (options.managed) layers.push({ layer: 'managed', pack: options.managed });
  const effective = mergePacks(layers);
  return {
    today: TODAY,
    packs: layers.map(({ layer, pack }) =>
      summary(
        layer,
        pack,
        layer === 'local' ? { fileName: 'example-icb.json', importedAt: IMPORTED_AT } : {},
      ),
    ),
    effective,
    disabled: effective.disabled.map((d) => ({
      ruleId: d.ruleId,
      drug: core.rules.find((r) => r.id === d.ruleId)?.drug,
      reason: d.reason,
      byPackName: d.by.name,
      byLayer: d.by.layer,
    })),
    problems: [],
    policyProblems: [],
    urlPackStatus: null,
    localFile: options.local ? { fileName: 'example-icb.json', importedAt: IMPORTED_AT } : null,
    undo: null,
    preferences: {
      categories: {
        'shared-care': true,
        'specialist-initiation': true,
        'no-commissioned-service': true,
        'dependence-forming': true,
      },
      highlightStyle: 'tint',
    },
    locks: {},
    builtInSites: ['https://*.spineservices.nhs.uk/*', 'https://*.ncrs.nhs.uk/*'],
    sites: [],
    ...options.extra,
  };
}

export function validCheck(pack: RulePack = localPack(), before = snapshot()): ValidPackCheck {
  const after = mergePacks([
    { layer: 'bundled', pack: core },
    { layer: 'local', pack },
  ]);
  return {
    ok: true,
    fileName: 'example-icb.json',
    text: JSON.stringify(pack),
    pack: summary('local', pack),
    replaces: before.packs.find((p) => p.layer === 'local') ?? null,
    warnings: [],
    diff: diffRuleSets(before.effective, after),
  };
}

export const invalidCheck: InvalidPackCheck = {
  ok: false,
  fileName: 'broken-pack.json',
  issues: [
    {
      path: 'rules[0].sources[0].url',
      where: "Rule 1 (id 'amlodipine-local', Amlodipine), source 1",
      message: 'Source url must be an https:// link with a host',
      severity: 'error',
    },
    {
      path: 'reviewBy',
      where: 'Pack details',
      message:
        '"reviewBy" is missing: add the date by which the pack must be reviewed again, written YYYY-MM-DD',
      severity: 'error',
    },
    {
      path: 'rules[0].names[2]',
      where: "Rule 1 (id 'amlodipine-local', Amlodipine), name 3",
      message: 'Name "Istin" repeats "istin" (name 2) once case and punctuation are ignored',
      severity: 'warning',
    },
  ],
};

type Mocked<T> = { -readonly [K in keyof T]: T[K] };

/** A store whose every method resolves at once; tests replace what they check. */
export function fakeStore(
  state: OptionsSnapshot = snapshot(),
  overrides: Partial<OptionsStore> = {},
): Mocked<OptionsStore> {
  return {
    load: () => Promise.resolve(state),
    watch: () => () => undefined,
    checkPack: () => Promise.resolve(validCheck()),
    applyPack: () => Promise.resolve(),
    removeLocalPack: () => Promise.resolve(),
    undoLocalPack: () => Promise.resolve(),
    exportLocalPack: () => Promise.resolve(),
    savePreferences: () => Promise.resolve(),
    addSite: () => Promise.resolve({ ok: true, message: 'added' }),
    removeSite: () => Promise.resolve({ ok: true, message: 'removed' }),
    ...overrides,
  };
}
