/**
 * Small, readable rule packs and page rule states for content-script tests: a handful of real
 * medicine names in each category, with classes and co-prescribing alerts, so a test can say what a
 * GP would see without loading the national pack.
 */
import { mergePacks, type EffectiveRuleSet } from '@/rules/loader/merge';
import type { Category, Rule, RulePack, Source } from '@/rules/schema/rule-pack';
import { DEFAULT_SETTINGS, type Settings } from '@/rules/schema/settings';
import type { LayerProblem } from '@/rules/loader/layers';
import type { PageRuleState, RuleState } from '@/rules/store/page-state';
import { snapshotOf } from '@/rules/engine';
import { activateRuleSet } from '@/rules/bundled';

const SOURCE: Source = {
  title: 'Prescribed medicines review: report',
  publisher: 'Public Health England',
  date: '2019-09-10',
  url: 'https://www.gov.uk/government/publications/prescribed-medicines-review-report',
};

function testRule(
  id: string,
  drug: string,
  names: string[],
  categories: Category[],
  classes?: string[],
): Rule {
  return {
    id,
    drug,
    names,
    categories,
    ...(classes ? { classes } : {}),
    sources: [SOURCE],
    lastReviewed: '2026-10-01',
  };
}

export const TEST_RULES: readonly Rule[] = [
  testRule('methotrexate', 'Methotrexate', ['methotrexate', 'Maxtrex'], ['shared-care']),
  testRule('zopiclone', 'Zopiclone', ['zopiclone', 'Zimovane'], ['dependence-forming'], ['z-drug']),
  testRule('codeine', 'Codeine', ['codeine', 'co-codamol'], ['dependence-forming'], ['opioid']),
  testRule('tramadol', 'Tramadol', ['tramadol', 'Zydol'], ['dependence-forming'], ['opioid']),
  testRule('diazepam', 'Diazepam', ['diazepam'], ['dependence-forming'], ['benzodiazepine']),
  testRule('warfarin', 'Warfarin', ['warfarin'], ['no-commissioned-service']),
  testRule('lithium', 'Lithium', ['lithium', 'Priadel'], ['shared-care', 'specialist-initiation']),
];

export const OPIOID_WITH_SEDATIVE = {
  id: 'opioid-with-sedative',
  title: 'Opioid with a benzodiazepine or z-drug',
  groups: [['opioid'], ['benzodiazepine', 'z-drug']],
  message: 'Together they raise the risk of fatal respiratory depression.',
  advice: 'Review whether both are needed; prescribe the lowest doses for the shortest time.',
  sources: [SOURCE],
};

export function testPack(overrides: Partial<RulePack> = {}): RulePack {
  return {
    schemaVersion: 1,
    packId: 'plens-test',
    name: 'Prescribing Lens test pack',
    publisher: 'Prescribing Lens tests',
    packVersion: '2026.11.0',
    publishedAt: '2026-11-24',
    reviewBy: '2027-05-24',
    licence: 'OGL-UK-3.0',
    description: 'Fictitious pack for unit tests.',
    rules: [...TEST_RULES],
    alerts: [OPIOID_WITH_SEDATIVE],
    ...overrides,
  };
}

export function testEffective(pack: RulePack = testPack()): EffectiveRuleSet {
  return mergePacks([{ layer: 'bundled', pack }]);
}

export interface RuleStateOptions {
  readonly pack?: RulePack;
  readonly settings?: Partial<Settings>;
  readonly categories?: Partial<Record<Category, boolean>>;
  readonly problems?: readonly LayerProblem[];
  readonly policyProblems?: readonly string[];
}

/** A page rule state over the test pack, with default settings unless told otherwise. */
export function testRuleState(options: RuleStateOptions = {}): RuleState {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    ...options.settings,
    categories: { ...DEFAULT_SETTINGS.categories, ...options.categories },
  };
  return {
    layers: [{ layer: 'bundled', pack: options.pack ?? testPack() }],
    problems: options.problems ?? [],
    settings,
    userSettings: settings,
    managed: {},
    policyProblems: options.policyProblems ?? [],
  };
}

/** What the background would send a page for `state`: its layers with their compiled set. */
export function testPageRuleState(state: RuleState): PageRuleState {
  return { state, compiled: snapshotOf(activateRuleSet(state.layers).compiled) };
}
