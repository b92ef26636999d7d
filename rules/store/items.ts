/**
 * The only browser-aware part of rules/: storage items and the enterprise-policy area. Storage is
 * the bus (docs/architecture.md): the options page writes, the background maintains derived state,
 * content scripts read and watch. Values are read raw and validated by the pure modules.
 */
import { browser } from 'wxt/browser';
import { IS_TEST_BUILD } from '../config/build';
import { defineStoredItem } from './item';
import type { StoredPack, StoredUrlPack } from '../loader/layers';

/** The admin's local pack (validated before it is ever written). */
export const localPackItem = defineStoredItem<StoredPack | null>('local:localPack', {
  fallback: null,
  sealed: true,
});

/**
 * The rule layers validated and compiled by the background (rules-snapshot.ts). Pages read this,
 * never the raw packs above, so no frame validates or compiles a stored pack.
 */
export const activeRulesItem = defineStoredItem<unknown>('local:activeRules', {
  fallback: null,
});

/** The prescriber's preferences, raw; read through `readSettings`. */
export const settingsItem = defineStoredItem<unknown>('local:settings', {
  fallback: null,
  sealed: true,
});

/**
 * Keys only the extension's own pages write (sealed; the background undoes any other write):
 * the rule inputs and the settings. Security L8, hazard log OA-16.
 */
export const SEALED_KEYS: readonly string[] = ['localPack', 'keptLocalPack', 'settings', 'urlPack'];

/** The last good policy URL pack and the outcome of the last fetch. */
export const urlPackItem = defineStoredItem<StoredUrlPack | null>('local:urlPack', {
  fallback: null,
  sealed: true,
});

export interface UrlPackStatus {
  readonly checkedAt: string;
  readonly ok: boolean;
  readonly message: string;
}
export const urlPackStatusItem = defineStoredItem<UrlPackStatus | null>('local:urlPackStatus', {
  fallback: null,
});

/**
 * Medicines the clinician dismissed for this browser session (rule ids). In `local`, not
 * `session`: Chrome keeps storage.session from content scripts by default. The background clears
 * it when the browser starts, which gives it session lifetime.
 */
export const dismissedRulesItem = defineStoredItem<string[]>('local:dismissedRules', {
  fallback: [],
});

/**
 * Whether the co-prescribing notice was last folded (true) or unfolded (false) on a site, by the
 * site's host name ("gp.example.nhs.uk"): a choice about our UI, no page text, no patient data.
 */
export const noticeFoldedItem = defineStoredItem<Record<string, boolean>>('local:noticeFolded', {
  fallback: {},
});

/**
 * Test builds only: stands in for `storage.managed`, which only real enterprise policy can fill.
 * The store build never reads it (see `readManagedRaw`).
 */
export const managedEmulationItem = defineStoredItem<unknown>('local:managedEmulation', {
  fallback: null,
});

/**
 * A copy of the enterprise policy that the background keeps in local storage. The first
 * `storage.managed.get()` of a browser session can take seconds once a managed_schema is declared
 * (tests/e2e/hostile-input.spec.ts), and pages must not wait for it before their first scan.
 */
export const managedMirrorItem = defineStoredItem<unknown>('local:managedMirror', {
  fallback: null,
});

/**
 * The raw policy object, or `{}` when there is none (Firefox without a managed manifest throws).
 * Pages read the background's mirror (fast); the background reads `storage.managed` itself
 * (`direct`) and keeps the mirror current.
 */
export async function readManagedRaw(source: 'mirror' | 'direct' = 'mirror'): Promise<unknown> {
  if (IS_TEST_BUILD) {
    const emulated = await managedEmulationItem.getValue();
    if (emulated !== null) return emulated;
  }
  if (source === 'mirror') return (await managedMirrorItem.getValue()) ?? {};
  try {
    return await browser.storage.managed.get();
  } catch {
    return {};
  }
}

/** Background only: copies the policy into the mirror pages read. */
export async function mirrorManagedPolicy(): Promise<void> {
  let policy: unknown;
  try {
    policy = await browser.storage.managed.get();
  } catch {
    policy = {};
  }
  // The worker wakes for every page summary; rewriting an unchanged mirror could make every open
  // clinical tab reload its rules and rescan.
  const current = await managedMirrorItem.getValue();
  if (JSON.stringify(current) === JSON.stringify(policy)) return;
  await managedMirrorItem.setValue(policy);
}

/**
 * Background only: a mirror written by anything else (content scripts can write storage.local;
 * a forged mirror could lift the policy's locks on every page) is copied over from the policy
 * again. Our own write finds the same policy there and writes nothing, so this does not loop.
 */
export function guardManagedMirror(): () => void {
  return managedMirrorItem.watch(() => {
    mirrorManagedPolicy().catch((error: unknown) =>
      console.warn('Prescribing Lens: policy mirror failed', error),
    );
  });
}

/**
 * Calls `onChange` whenever anything that decides the active rules or settings changes: the raw
 * inputs (`'inputs'`: options page, background) or what pages read (`'pages'`: the background's
 * snapshot instead of the packs, so a page never re-reads a raw pack).
 */
export function watchRuleInputs(
  onChange: () => void,
  of: 'inputs' | 'pages' = 'inputs',
): () => void {
  const packs = of === 'inputs' ? [localPackItem, urlPackItem] : [activeRulesItem];
  const items = [...packs, settingsItem, managedMirrorItem];
  if (IS_TEST_BUILD) items.push(managedEmulationItem);
  const unwatch = items.map((item) => item.watch(onChange));
  return () => {
    for (const u of unwatch) u();
  };
}

/** What a page reads before its first scan. */
export interface StartupValues {
  /** The background's validated, compiled rule layers (raw; read with `readRulesSnapshot`). */
  readonly activeRules: unknown;
  readonly settings: unknown;
  readonly managed: unknown;
  readonly dismissedRules: readonly string[];
  /** Sites where the co-prescribing notice was left folded (`noticeFoldedItem`). */
  readonly noticeFolded: Readonly<Record<string, unknown>>;
}

/**
 * Everything a page needs before its first scan, in one storage read. Each read is a round trip
 * to the browser whose answer waits behind the page's own loading work: five separate reads put
 * 20–200 ms before the first mark on a busy page. Same values and fallbacks as the items above.
 */
export async function readStartupValues(): Promise<StartupValues> {
  // The items' own keys, without their "local:" area prefix.
  const key = (item: { readonly key: string }) => item.key.slice('local:'.length);
  const keys = [
    activeRulesItem,
    settingsItem,
    managedMirrorItem,
    dismissedRulesItem,
    noticeFoldedItem,
  ];
  if (IS_TEST_BUILD) keys.push(managedEmulationItem);
  const got: Record<string, unknown> = await browser.storage.local.get(keys.map(key));
  const emulated = IS_TEST_BUILD ? (got[key(managedEmulationItem)] ?? null) : null;
  const dismissed = got[key(dismissedRulesItem)];
  const folded = got[key(noticeFoldedItem)];
  return {
    activeRules: got[key(activeRulesItem)] ?? null,
    settings: got[key(settingsItem)] ?? null,
    managed: emulated ?? got[key(managedMirrorItem)] ?? {},
    dismissedRules: Array.isArray(dismissed)
      ? dismissed.filter((id): id is string => typeof id === 'string')
      : [],
    noticeFolded:
      typeof folded === 'object' && folded !== null ? (folded as Record<string, unknown>) : {},
  };
}

/**
 * The version whose welcome page (or "What's new") the user has seen: set on install, when the
 * welcome page opens. After an update the popup and options show a quiet "What's new in …" line
 * until it is opened once; no tab opens by itself.
 */
export const welcomeVersionItem = defineStoredItem<string | null>('local:welcomeVersion', {
  fallback: null,
});
