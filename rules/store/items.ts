/**
 * The only browser-aware part of rules/: storage items and the enterprise-policy area. Storage is
 * the bus (CONVENTIONS §2.3): the options page writes, the background maintains derived state,
 * content scripts read and watch. Values are read raw and validated by the pure modules.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { StoredPack, StoredUrlPack } from './layers';

/** The admin's local pack (validated before it is ever written). */
export const localPackItem = storage.defineItem<StoredPack | null>('local:localPack', {
  fallback: null,
});

/** The prescriber's preferences, raw; read through `readSettings`. */
export const settingsItem = storage.defineItem<unknown>('local:settings', { fallback: null });

/** The last good policy URL pack and the outcome of the last fetch. */
export const urlPackItem = storage.defineItem<StoredUrlPack | null>('local:urlPack', {
  fallback: null,
});

export interface UrlPackStatus {
  readonly checkedAt: string;
  readonly ok: boolean;
  readonly message: string;
}
export const urlPackStatusItem = storage.defineItem<UrlPackStatus | null>('local:urlPackStatus', {
  fallback: null,
});

/**
 * Medicines the clinician dismissed for this browser session (rule ids). In `local`, not
 * `session`: Chrome keeps storage.session from content scripts by default. The background clears
 * it when the browser starts, which gives it session lifetime.
 */
export const dismissedRulesItem = storage.defineItem<string[]>('local:dismissedRules', {
  fallback: [],
});

/**
 * Test builds only: stands in for `storage.managed`, which only real enterprise policy can fill.
 * The store build never reads it (see `readManagedRaw`).
 */
export const managedEmulationItem = storage.defineItem<unknown>('local:managedEmulation', {
  fallback: null,
});

export const IS_TEST_BUILD = import.meta.env.MODE === 'e2e' || import.meta.env.MODE === 'test';

/** The raw policy object, or `{}` when there is no policy (Firefox without a managed manifest throws). */
export async function readManagedRaw(): Promise<unknown> {
  if (IS_TEST_BUILD) {
    const emulated = await managedEmulationItem.getValue();
    if (emulated !== null) return emulated;
  }
  try {
    return await browser.storage.managed.get();
  } catch {
    return {};
  }
}

/** Calls `onChange` whenever anything that decides the active rules or settings changes. */
export function watchRuleInputs(onChange: () => void): () => void {
  const unwatch = [localPackItem, settingsItem, urlPackItem, managedEmulationItem].map((item) =>
    item.watch(onChange),
  );
  const onManaged = (_changes: unknown, area: string) => {
    if (area === 'managed') onChange();
  };
  browser.storage.onChanged.addListener(onManaged);
  return () => {
    for (const u of unwatch) u();
    browser.storage.onChanged.removeListener(onManaged);
  };
}
