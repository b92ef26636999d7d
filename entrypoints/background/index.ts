/**
 * Background worker: keeps derived state in storage, holds none in memory (it can be stopped at any
 * time). It refreshes the enterprise-policy URL pack on start, on policy change and every few hours,
 * keeps run-time sites registered (granted ∩ wanted), and turns content-script summaries into the
 * toolbar badge. (The popup's "Check this page" annotates a tab once via activeTab.)
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import {
  dismissedRulesItem,
  managedEmulationItem,
  mirrorManagedPolicy,
  readManagedRaw,
  settingsItem,
  urlPackItem,
  urlPackStatusItem,
} from '@/rules/store/items';
import {
  badgeRuleIds,
  parsePageSummary,
  parseSummaryUpdate,
  summaryKey,
  type PageSummary,
} from '@/rules/store/messages';
import { effectiveSettings, readManaged, readSettings } from '@/rules/store/settings';
import { reconcileSites } from '@/rules/store/sites';
import { verifyPackSignature } from '@/rules/loader/signature';
import { refreshUrlPack, type VerifySignature } from './url-pack';

const ALARM = 'plens-refresh-url-pack';
const REFRESH_MINUTES = 6 * 60;

const verify: VerifySignature = verifyPackSignature;

async function refreshPolicyPack(): Promise<void> {
  const { config } = readManaged(await readManagedRaw('direct'));
  if (!config.packUrl) {
    await urlPackStatusItem.setValue(null);
    return;
  }
  const previous = await urlPackItem.getValue();
  const outcome = await refreshUrlPack(config.packUrl, config.packPublicKey, previous, {
    fetch: (input, init) => fetch(input, init),
    verify,
    now: () => new Date(),
  });
  if (outcome.pack) await urlPackItem.setValue(outcome.pack);
  await urlPackStatusItem.setValue(outcome.status);
}

/** Registered run-time sites = granted ∩ wanted (user settings plus policy's allowed sites). */
async function syncSites(): Promise<void> {
  const [raw, managed] = await Promise.all([settingsItem.getValue(), readManagedRaw('direct')]);
  const result = await reconcileSites(
    effectiveSettings(readSettings(raw), readManaged(managed).config),
  );
  if (result.failed.length > 0)
    console.warn('Prescribing Lens: sites not registered', result.failed);
}

/** All frames' summaries for a tab, from storage.session (the worker keeps nothing in memory). */
async function tabSummaries(tabId: number): Promise<PageSummary[]> {
  const all: Record<string, unknown> = await browser.storage.session.get(null);
  const prefix = `summary-${tabId}-`;
  return Object.entries(all)
    .filter(([key]) => key.startsWith(prefix))
    .map(([, value]) => parsePageSummary(value))
    .filter((s): s is PageSummary => s !== null);
}

/** The badge: how many medicines are flagged in the tab's current medication (all frames). */
async function updateBadge(tabId: number): Promise<void> {
  const count = badgeRuleIds(await tabSummaries(tabId)).length;
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#1d4ed8' });
  await browser.action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
}

async function forgetTab(tabId: number): Promise<void> {
  const all = await browser.storage.session.get(null);
  const keys = Object.keys(all).filter((key) => key.startsWith(`summary-${tabId}-`));
  if (keys.length > 0) await browser.storage.session.remove(keys);
}

export default defineBackground(() => {
  const refresh = () => {
    refreshPolicyPack().catch((error: unknown) =>
      console.warn('Prescribing Lens: policy pack refresh failed', error),
    );
  };
  browser.runtime.onInstalled.addListener(refresh);
  browser.runtime.onStartup.addListener(refresh);
  // "Dismiss for the session" ends when the browser does.
  browser.runtime.onStartup.addListener(() => {
    dismissedRulesItem.setValue([]).catch(() => undefined);
  });
  void browser.alarms.create(ALARM, { periodInMinutes: REFRESH_MINUTES });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) refresh();
  });
  const sync = () => {
    syncSites().catch((error: unknown) =>
      console.warn('Prescribing Lens: site sync failed', error),
    );
  };
  browser.runtime.onInstalled.addListener(sync);
  browser.runtime.onStartup.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  settingsItem.watch(sync);
  // Pages read a local mirror of the policy (reading storage.managed can take seconds).
  const mirror = () => {
    mirrorManagedPolicy().catch((error: unknown) =>
      console.warn('Prescribing Lens: policy mirror failed', error),
    );
  };
  mirror();
  browser.runtime.onInstalled.addListener(mirror);
  browser.runtime.onStartup.addListener(mirror);
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') {
      mirror();
      refresh();
      sync();
    }
  });
  managedEmulationItem.watch(() => {
    refresh();
    sync();
  });

  // Page summaries from content scripts (rule ids, counts and listed names only): kept per frame
  // in storage.session for the popup, and summed into the toolbar badge.
  // webextension-polyfill: a listener answers by returning a Promise (or undefined for "not mine").
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const update = parseSummaryUpdate(message);
    const tabId = sender.tab?.id;
    if (!update || tabId === undefined || sender.id !== browser.runtime.id) return undefined;
    const key = summaryKey(tabId, sender.frameId ?? 0);
    return browser.storage.session
      .set({ [key]: update.summary })
      .then(() => updateBadge(tabId))
      .catch((error: unknown) => console.warn('Prescribing Lens: badge update failed', error));
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    forgetTab(tabId).catch(() => undefined);
  });
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new page in the tab (without the "tabs" permission `change.url` is never set): its
    // content scripts report afresh once loaded.
    if (change.status === 'loading') forgetTab(tabId).catch(() => undefined);
  });
});
