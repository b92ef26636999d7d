/**
 * Background worker: keeps derived state in storage, holds none in memory (it can be stopped at any
 * time). It refreshes the enterprise-policy URL pack on start, on policy change and every few hours,
 * keeps run-time sites registered (granted ∩ wanted), and turns content-script summaries into the
 * toolbar button's state (action-state.ts: colour lens and "active" title, or grey and "not
 * active", plus the count badge). (The popup's "Check this page" annotates a tab once via activeTab.)
 */
import { browser } from 'wxt/browser';
import { IS_TEST_BUILD } from '@/rules/config/build';
import { defineBackground } from 'wxt/utils/define-background';
import {
  dismissedRulesItem,
  localPackItem,
  managedEmulationItem,
  managedMirrorItem,
  guardManagedMirror,
  mirrorManagedPolicy,
  readManagedRaw,
  SEALED_KEYS,
  settingsItem,
  urlPackItem,
  urlPackStatusItem,
} from '@/rules/store/items';
import {
  parsePageSummary,
  parseTabDismissalRequest,
  readSummaryMessage,
  type PageSummary,
} from '@/rules/schema/messages';
import { parsePaintStatus } from '@/rules/schema/paint-status';
import {
  frameIdOfSummaryKey,
  isKeyOfTab,
  isPaintBlockedKeyOf,
  paintBlockedKey,
  summaryKey,
} from '@/rules/schema/storage-keys';
import { effectiveSettings, readManaged, readSettings } from '@/rules/schema/settings';
import { reconcileSites } from '@/rules/store/sites';
import { guardSealedKeys, installSealedWrites, sealedWrite } from '@/rules/store/seal';
import { verifyPackSignature } from '@/rules/loader/signature';
import { describeTab, NOT_ACTIVE_TITLE, type TabReport } from './action-state';
import { ACTIVE, INACTIVE, lensImageData } from './lens-icon';
import {
  answerRebuildRequest,
  guardRulesSnapshot,
  rebuildIfUnusable,
  refreshRulesSnapshot,
} from './rules-snapshot';
import { nextStoredPack, refreshUrlPack, type VerifySignature } from './url-pack';
import { answerTabDismissal, forgetTabDismissals } from './tab-dismissals';
import { forgetSteps, stepInTab } from './commands';
import { welcomeOnInstall } from './welcome';

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
  const next = nextStoredPack(previous, outcome);
  if (next) await urlPackItem.setValue(next);
  await urlPackStatusItem.setValue(outcome.status);
  // The "not checked for days" notice depends on the clock, not only on a stored change.
  void refreshRulesSnapshot();
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

/** What the tab's frames have reported, from storage.session (the worker keeps nothing in memory). */
async function tabReport(tabId: number): Promise<TabReport> {
  const all: Record<string, unknown> = await browser.storage.session.get(null);
  const summaries = Object.entries(all)
    .filter(([key]) => frameIdOfSummaryKey(key, tabId) !== null)
    .map(([, value]) => parsePageSummary(value))
    .filter((s): s is PageSummary => s !== null);
  const keys = Object.keys(all);
  const blockedFrames = keys.filter((key) => isPaintBlockedKeyOf(key, tabId, 'marks-removed'));
  // A refused summary is a failure to read the page, like a scan that stopped.
  const failedFrames = keys.filter(
    (key) =>
      isPaintBlockedKeyOf(key, tabId, 'scan-failed') ||
      isPaintBlockedKeyOf(key, tabId, 'summary-refused'),
  );
  return { summaries, blockedFrames: blockedFrames.length, failedFrames: failedFrames.length };
}

/** The toolbar button's API: `action`, or `browserAction` in Firefox's MV2 build. */
function toolbarButton(): typeof browser.action {
  const api = browser as unknown as { action?: typeof browser.action; browserAction?: unknown };
  return api.action ?? (api.browserAction as typeof browser.action);
}

/** Drawn once per worker life, on first use (well under a millisecond). */
let lenses: { active: Record<number, ImageData>; inactive: Record<number, ImageData> } | null =
  null;

function lensFor(isActive: boolean): Record<number, ImageData> {
  lenses ??= { active: lensImageData(ACTIVE), inactive: lensImageData(INACTIVE) };
  return isActive ? lenses.active : lenses.inactive;
}

/** The tab's toolbar button: icon, title, and the badge (medicines flagged in current medication). */
async function updateAction(tabId: number): Promise<void> {
  const view = describeTab(await tabReport(tabId));
  const action = toolbarButton();
  await Promise.all([
    action.setIcon({ tabId, imageData: lensFor(view.isActive) }),
    action.setTitle({ tabId, title: view.title }),
    action.setBadgeBackgroundColor({ tabId, color: '#1d4ed8' }),
    action.setBadgeText({ tabId, text: view.badge }),
  ]);
}

async function forgetTab(tabId: number): Promise<void> {
  const all = await browser.storage.session.get(null);
  const keys = Object.keys(all).filter((key) => isKeyOfTab(key, tabId));
  if (keys.length > 0) await browser.storage.session.remove(keys);
}

/**
 * The tab navigated: nothing is known about the new page until its content script reports. Chrome
 * also drops a tab's own action values on a cross-document navigation; this covers the rest
 * (Firefox, and a page restored from the back/forward cache, whose script never reports again).
 */
async function resetTab(tabId: number): Promise<void> {
  forgetSteps(tabId);
  await forgetTab(tabId);
  await updateAction(tabId);
}

/**
 * The load finished: frames whose content script is still there (a same-document or
 * back/forward-cache navigation, after which they do not report by themselves) are asked to report
 * again, each through the usual message, so every frame is counted, not only the top one. One
 * broadcast to the tab's frames; a fresh page's scripts answer once set up, and report anyway.
 */
async function askFramesToReport(tabId: number): Promise<void> {
  try {
    await browser.tabs.sendMessage(tabId, { type: 'plens:report' });
  } catch {
    // Not running there.
  }
}

export default defineBackground(() => {
  // Only the background and the options page write the local pack, settings and policy pack
  // cache, sealed; any other write (content scripts can write storage.local) is undone.
  installSealedWrites();
  guardSealedKeys(SEALED_KEYS);
  // Test builds only: the e2e suite sets protected keys as the extension would.
  if (IS_TEST_BUILD) Object.assign(globalThis, { plensSealedWrite: sealedWrite });
  // Until a page reports, the button says "not active" (the manifest's title is the popup's; its
  // default icon is already the grey lens).
  toolbarButton()
    .setTitle({ title: NOT_ACTIVE_TITLE })
    .catch(() => undefined);
  const refresh = () => {
    refreshPolicyPack().catch((error: unknown) =>
      console.warn('Prescribing Lens: policy pack refresh failed', error),
    );
  };
  browser.runtime.onInstalled.addListener(refresh);
  browser.runtime.onStartup.addListener(refresh);
  browser.runtime.onInstalled.addListener((details) => {
    welcomeOnInstall(details).catch((error: unknown) =>
      console.warn('Prescribing Lens: welcome page not opened', error),
    );
  });
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
  if (IS_TEST_BUILD)
    managedEmulationItem.watch(() => {
      refresh();
      sync();
    });
  // Pages read the packs validated and compiled here, once per change (rules-snapshot.ts).
  const rebuildRules = () => void refreshRulesSnapshot();
  browser.runtime.onInstalled.addListener(rebuildRules);
  browser.runtime.onStartup.addListener(rebuildRules);
  for (const item of [localPackItem, urlPackItem, managedMirrorItem]) item.watch(rebuildRules);
  // A snapshot or policy mirror written by anything else (content scripts can write
  // storage.local) is rebuilt, or copied from the policy, over.
  guardRulesSnapshot();
  guardManagedMirror();
  if (IS_TEST_BUILD) managedEmulationItem.watch(rebuildRules);
  // A worker started after an update, or stopped mid-build, may find no usable snapshot.
  void rebuildIfUnusable();

  // Page summaries from content scripts (rule ids, counts and listed names only): kept per frame
  // in storage.session for the popup, and turned into the toolbar button's state. A frame whose
  // page keeps removing its marks says so (paint-status), and the button turns grey.
  // webextension-polyfill: a listener answers by returning a Promise (or undefined for "not mine").
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.id !== browser.runtime.id) return undefined;
    const frameId = sender.frameId ?? 0;
    const rebuilding = answerRebuildRequest(message);
    if (rebuilding) return rebuilding;
    const dismissal = parseTabDismissalRequest(message);
    if (dismissal) return answerTabDismissal(dismissal, tabId);
    const read = readSummaryMessage(message);
    const paint = read ? null : parsePaintStatus(message);
    if (!read && !paint) return undefined;
    const refused = paintBlockedKey(tabId, frameId, 'summary-refused');
    const stored =
      read?.kind === 'summary'
        ? Promise.all([
            browser.storage.session.set({ [summaryKey(tabId, frameId)]: read.update.summary }),
            browser.storage.session.remove(refused),
          ])
        : read?.kind === 'refused'
          ? // Never leave the previous summary (maybe the previous patient's) on the badge.
            Promise.all([
              browser.storage.session.remove(summaryKey(tabId, frameId)),
              browser.storage.session.set({ [refused]: true }),
            ])
          : paint?.isBlocked
            ? browser.storage.session.set({ [paintBlockedKey(tabId, frameId, paint.cause)]: true })
            : browser.storage.session.remove(paintBlockedKey(tabId, frameId, paint?.cause));
    return stored
      .then(() => updateAction(tabId))
      .catch((error: unknown) =>
        console.warn('Prescribing Lens: toolbar button update failed', error),
      );
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    forgetTab(tabId).catch(() => undefined);
    forgetTabDismissals(tabId).catch(() => undefined);
    forgetSteps(tabId);
  });
  // The shortcut acts only when pressed: it never takes focus from a field by itself.
  browser.commands?.onCommand.addListener((command, tab) => {
    void stepInTab(command, tab?.id);
  });
  // Test builds: e2e cannot press a browser-level shortcut, so it asks the worker directly.
  if (IS_TEST_BUILD)
    (
      globalThis as { plensTestCommand?: (c: string, tabId: number) => Promise<void> }
    ).plensTestCommand = stepInTab;
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // Without the "tabs" permission `change.url` is never set, but `status` is: a new page in the
    // tab ("loading"), whose content scripts report afresh once loaded, or a load finished.
    if (change.status === 'loading') resetTab(tabId).catch(() => undefined);
    if (change.status === 'complete') askFramesToReport(tabId).catch(() => undefined);
  });
});
