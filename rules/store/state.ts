/** Reads everything that decides what a page shows: the rule layers, settings and policy. */
import { buildLayers, type RuleLayers } from './layers';
import {
  localPackItem,
  readManagedRaw,
  settingsItem,
  urlPackItem,
  type StartupValues,
} from './items';
import {
  effectiveSettings,
  readManaged,
  readSettings,
  type ManagedConfig,
  type Settings,
} from './settings';

export interface RuleState extends RuleLayers {
  /** Settings in force (policy locks applied). */
  readonly settings: Settings;
  /** The user's own settings, before policy. */
  readonly userSettings: Settings;
  readonly managed: ManagedConfig;
  readonly policyProblems: readonly string[];
}

export async function loadRuleState(): Promise<RuleState> {
  const [local, urlPack, rawSettings, rawManaged] = await Promise.all([
    localPackItem.getValue(),
    urlPackItem.getValue(),
    settingsItem.getValue(),
    readManagedRaw(),
  ]);
  return ruleStateFrom({ localPack: local, urlPack, settings: rawSettings, managed: rawManaged });
}

/** The same, from values already read (a page's one start-up read: `readStartupValues`). */
export function ruleStateFrom(
  values: Pick<StartupValues, 'localPack' | 'urlPack' | 'settings' | 'managed'>,
): RuleState {
  const { localPack: local, urlPack, settings: rawSettings, managed: rawManaged } = values;
  const { config: managed, problems: policyProblems } = readManaged(rawManaged);
  const userSettings = readSettings(rawSettings);
  return {
    ...buildLayers({ local, urlPack, managed }),
    settings: effectiveSettings(userSettings, managed),
    userSettings,
    managed,
    policyProblems,
  };
}
