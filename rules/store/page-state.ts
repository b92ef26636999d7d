/**
 * What a page reads to know its rules and settings: the background's validated, compiled snapshot
 * and the settings and policy, from the page's one start-up read. Nothing here validates a rule
 * pack or compiles one, so the content script bundles neither the pack validator nor the name
 * expander (tests/content-bundle.test.ts); rules/store/state.ts does that for extension pages.
 */
import { browser } from 'wxt/browser';
import { BUILD_VERSION } from '../config/build';
import type { CompiledSnapshot } from '../engine';
import type { RuleLayers } from '../loader/layers';
import { readRulesSnapshot } from '../loader/rules-snapshot';
import { bundledPack } from '../bundled/page';
import { pagePartParser } from '../bundled/shared-parse';
import { REBUILD_RULES_REQUEST } from '../schema/messages';
import {
  effectiveSettings,
  readManaged,
  readSettings,
  type ManagedConfig,
  type Settings,
} from '../schema/settings';
import type { StartupValues } from './items';

export interface RuleState extends RuleLayers {
  /** Settings in force (policy locks applied). */
  readonly settings: Settings;
  /** The user's own settings, before policy. */
  readonly userSettings: Settings;
  readonly managed: ManagedConfig;
  readonly policyProblems: readonly string[];
}

/**
 * A page's rule state, with the compiled set the background built for it; null when the bundled
 * pack alone is in force (the set compiled with the extension is used).
 */
export interface PageRuleState {
  readonly state: RuleState;
  readonly compiled: CompiledSnapshot | null;
}

/** The settings and policy in force, from their raw stored values. */
export type SettingsState = Omit<RuleState, keyof RuleLayers>;

export function readSettingsState(rawSettings: unknown, rawManaged: unknown): SettingsState {
  const { config: managed, problems: policyProblems } = readManaged(rawManaged);
  const userSettings = readSettings(rawSettings);
  return {
    settings: effectiveSettings(userSettings, managed),
    userSettings,
    managed,
    policyProblems,
  };
}

/** `layers` with the settings and policy in force. */
export function withSettings(
  layers: RuleLayers,
  rawSettings: unknown,
  rawManaged: unknown,
): RuleState {
  return { ...layers, ...readSettingsState(rawSettings, rawManaged) };
}

let version: string | undefined;

/**
 * The extension's version, which a rules snapshot must have been built by. The build's own
 * (`BUILD_VERSION`, the manifest's by construction): `getManifest` copies the whole manifest into
 * each frame's fresh context, about a tenth of a millisecond a frame (bench/README.md, issue 22).
 * Else read once per context (an update ends this context anyway).
 */
export function extensionVersion(): string {
  version ??= BUILD_VERSION ?? browser.runtime.getManifest().version;
  return version;
}

/**
 * Asks the background to rebuild the snapshot. No answer is awaited: without a background (or
 * with a slow one) the page keeps the bundled pack, and a new snapshot arrives by storage watch.
 */
export function askForRulesSnapshot(): void {
  browser.runtime.sendMessage(REBUILD_RULES_REQUEST).catch(() => undefined);
}

/**
 * What a page's rules are made of, from the stored snapshot alone: the layers and the set compiled
 * from them, the same for every frame of the page (settings and policy are applied per frame, by
 * `withSettings`). `isSnapshotMissing`: there is no usable snapshot, and the bundled pack alone is
 * in force until the background builds one.
 */
export interface PageRules {
  readonly layers: RuleLayers;
  readonly compiled: CompiledSnapshot | null;
  readonly isSnapshotMissing: boolean;
}

/**
 * A page's rules from the stored snapshot (`local:activeRules`, raw): the background's validated,
 * compiled layers. When there is none yet (the first moments after install or update, or a damaged
 * one) the bundled pack alone, which was checked when the extension was built and needs no
 * validator. Stored packs are never read here: validating them is the background's job, done once
 * outside any page.
 */
export function pageRules(activeRules: unknown, version: string = extensionVersion()): PageRules {
  // With an admin's pack the body is megabytes of JSON, the same text in every frame of a page.
  const parse = pagePartParser();
  const snapshot = readRulesSnapshot(activeRules, version, (body) => parse('activeRules', body));
  const bundled: RuleLayers['layers'][number] = { layer: 'bundled', pack: bundledPack() };
  if (!snapshot) {
    return { layers: { layers: [bundled], problems: [] }, compiled: null, isSnapshotMissing: true };
  }
  return {
    layers: { layers: [bundled, ...snapshot.layers], problems: snapshot.problems },
    compiled: snapshot.compiled,
    isSnapshotMissing: false,
  };
}

/**
 * A page's rule state from its one start-up read (`pageRules` with the settings and policy in
 * force). Without a usable snapshot the page asks the background for one (`onMissingSnapshot`).
 */
export function pageRuleState(
  values: Pick<StartupValues, 'activeRules' | 'settings' | 'managed'>,
  version: string = extensionVersion(),
  onMissingSnapshot: () => void = askForRulesSnapshot,
): PageRuleState {
  const { layers, compiled, isSnapshotMissing } = pageRules(values.activeRules, version);
  if (isSnapshotMissing) onMissingSnapshot();
  return { state: withSettings(layers, values.settings, values.managed), compiled };
}
