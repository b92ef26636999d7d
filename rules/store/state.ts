/** Reads everything that decides what a page shows: the rule layers, settings and policy. */
import { browser } from 'wxt/browser';
import type { CompiledSnapshot } from '../engine';
import { buildLayers, type RuleLayers } from '../loader/layers';
import { bundledPack } from '../bundled';
import {
  localPackItem,
  readManagedRaw,
  settingsItem,
  urlPackItem,
  type StartupValues,
} from './items';
import { readRulesSnapshot } from '../loader/rules-snapshot';
import {
  effectiveSettings,
  readManaged,
  readSettings,
  type ManagedConfig,
  type Settings,
} from '../schema/settings';

export interface RuleState extends RuleLayers {
  /** Settings in force (policy locks applied). */
  readonly settings: Settings;
  /** The user's own settings, before policy. */
  readonly userSettings: Settings;
  readonly managed: ManagedConfig;
  readonly policyProblems: readonly string[];
}

/** A page's rule state, with the compiled set the background built for it (null: compile here). */
export interface PageRuleState {
  readonly state: RuleState;
  readonly compiled: CompiledSnapshot | null;
}

/** Validates every stored pack: for the options page, popup and background (never a page). */
export async function loadRuleState(): Promise<RuleState> {
  const [local, urlPack, rawSettings, rawManaged] = await Promise.all([
    localPackItem.getValue(),
    urlPackItem.getValue(),
    settingsItem.getValue(),
    readManagedRaw(),
  ]);
  const { config: managed } = readManaged(rawManaged);
  return withSettings(
    buildLayers({ bundled: bundledPack(), local, urlPack, managed }),
    rawSettings,
    rawManaged,
  );
}

function withSettings(layers: RuleLayers, rawSettings: unknown, rawManaged: unknown): RuleState {
  const { config: managed, problems: policyProblems } = readManaged(rawManaged);
  const userSettings = readSettings(rawSettings);
  return {
    ...layers,
    settings: effectiveSettings(userSettings, managed),
    userSettings,
    managed,
    policyProblems,
  };
}

/** The extension's version, which a rules snapshot must have been built by. */
export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}

/**
 * A page's rule state from its one start-up read: the background's validated, compiled snapshot.
 * Only when there is none yet (the first moments after install or update) does the page fall back
 * to reading and validating the packs itself.
 */
export async function pageRuleState(
  values: Pick<StartupValues, 'activeRules' | 'settings' | 'managed'>,
  version: string = extensionVersion(),
): Promise<PageRuleState> {
  const snapshot = readRulesSnapshot(values.activeRules, version);
  if (!snapshot) {
    // Raw packs in storage but no snapshot: validate here this once; the background will write one.
    const [local, urlPack] = await Promise.all([localPackItem.getValue(), urlPackItem.getValue()]);
    const { config: managed } = readManaged(values.managed);
    const layers = buildLayers({ bundled: bundledPack(), local, urlPack, managed });
    return { state: withSettings(layers, values.settings, values.managed), compiled: null };
  }
  const layers: RuleLayers = {
    layers: [{ layer: 'bundled', pack: bundledPack() }, ...snapshot.layers],
    problems: snapshot.problems,
  };
  return {
    state: withSettings(layers, values.settings, values.managed),
    compiled: snapshot.compiled,
  };
}
