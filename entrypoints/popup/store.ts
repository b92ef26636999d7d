/**
 * The popup's only I/O: which tab it is about, what that tab's content scripts report, the popup
 * requests (reveal, dismiss, restore), "Check this page", the rules for the look-up, the clipboard.
 *
 * Which tab: the active tab of the popup's window, or an explicit `?tabId=<id>` in the popup's
 * address. The explicit form is a test and accessibility affordance: end-to-end tests open
 * `popup.html?tabId=…` in a page of their own (they cannot click the toolbar), and someone who
 * finds the small popup hard to use can open it in a full tab for a clinical tab.
 *
 * Frames: the background keeps each frame's summary in storage.session (rules/schema/storage-keys.ts).
 * Those keys say which frames have reported; each listed frame (and the top frame) is then asked
 * directly (`plens:get-summary`), so a frame that has gone, or a page that navigated away, never
 * shows stale medicines.
 */
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import type { DismissScope, PageView, PopupStore, RulesView } from '@/components/popup/types';
import { mergePacks } from '@/rules/loader/merge';
import type { ContentRequest, PageSummary } from '@/rules/schema/messages';
import { parsePageSummary } from '@/rules/schema/messages';
import { CONTENT_SCRIPT_FILES } from '@/rules/config/content-script-files';
import { frameIdOfSummaryKey, isKeyOfTab, isPaintBlockedKeyOf } from '@/rules/schema/storage-keys';
import { loadRuleState } from '@/rules/store/state';
import { createRulesView } from './rules-view';
import { mergeFrameSummaries, type FrameSummary } from './summary';

/** "Check this page": ask the injected script every 150 ms whether it runs, for about 3 s. */
const INJECT_WAIT_STEP_MS = 150;
const INJECT_WAIT_TRIES = 20;

export interface PopupTarget {
  readonly tabId: number;
  /** Known when the popup was opened on the tab (activeTab) or the tab is on a granted host. */
  readonly url?: string;
  /** Opened with `?tabId=`, in a tab of its own rather than the toolbar popup. */
  readonly isExplicit: boolean;
}

/** The `tabId` query parameter, when it is a plain tab id. */
export function tabIdFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

/** False for browser pages no extension may read (new tab, settings, other extensions' pages). */
export function isWebPage(url: string | undefined): boolean {
  if (url === undefined || url === '') return true; // not told: ask the page itself
  return /^(https?|file):/i.test(url);
}

async function findTarget(search: string): Promise<PopupTarget | null> {
  const explicit = tabIdFromSearch(search);
  if (explicit !== null) {
    try {
      const tab = await browser.tabs.get(explicit);
      return { tabId: explicit, ...(tab.url ? { url: tab.url } : {}), isExplicit: true };
    } catch {
      return null;
    }
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  return { tabId: tab.id, ...(tab.url ? { url: tab.url } : {}), isExplicit: false };
}

function send(tabId: number, request: ContentRequest, frameId?: number): Promise<unknown> {
  return frameId === undefined
    ? browser.tabs.sendMessage(tabId, request)
    : browser.tabs.sendMessage(tabId, request, { frameId });
}

/** The frame's live summary, or null when no content script of ours answers there. */
async function askFrame(tabId: number, frameId: number): Promise<PageSummary | null> {
  try {
    return parsePageSummary(await send(tabId, { type: 'plens:get-summary' }, frameId));
  } catch {
    return null;
  }
}

/** Frames of the tab that have reported a summary to the background, and whether any is blocked. */
async function reportedFrames(
  tabId: number,
): Promise<{ ids: number[]; isBlocked: boolean; isScanFailed: boolean }> {
  const keys = Object.keys(await browser.storage.session.get(null));
  return {
    ids: keys
      .map((key) => frameIdOfSummaryKey(key, tabId))
      .filter((id): id is number => id !== null),
    isBlocked: keys.some((key) => isPaintBlockedKeyOf(key, tabId, 'marks-removed')),
    isScanFailed: keys.some(
      (key) =>
        isPaintBlockedKeyOf(key, tabId, 'scan-failed') ||
        isPaintBlockedKeyOf(key, tabId, 'summary-refused'),
    ),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface PopupStoreOptions {
  /** The popup's query string (default: `location.search`). */
  readonly search?: string;
  readonly close?: () => void;
  readonly writeClipboard?: (text: string) => Promise<void>;
}

export function createPopupStore(options: PopupStoreOptions = {}): PopupStore {
  const target = findTarget(options.search ?? location.search);
  let frameOf: ReadonlyMap<string, number> = new Map();

  const liveFrames = async (
    tabId: number,
  ): Promise<{ frames: FrameSummary[]; isBlocked: boolean; isScanFailed: boolean }> => {
    const reported = await reportedFrames(tabId);
    const ids = new Set([0, ...reported.ids]);
    const answers = await Promise.all(
      [...ids].map(async (frameId) => ({ frameId, summary: await askFrame(tabId, frameId) })),
    );
    return {
      frames: answers.filter((a): a is FrameSummary => a.summary !== null),
      isBlocked: reported.isBlocked,
      isScanFailed: reported.isScanFailed,
    };
  };

  /** Whether any frame of the tab runs our content script (one broadcast, first answer wins). */
  const isRunning = async (tabId: number): Promise<boolean> => {
    try {
      return parsePageSummary(await send(tabId, { type: 'plens:get-summary' })) !== null;
    } catch {
      return false;
    }
  };

  const tabIdOrThrow = async (): Promise<PopupTarget> => {
    const t = await target;
    if (!t) throw new Error('there is no tab to act on');
    return t;
  };

  return {
    async loadPage(): Promise<PageView> {
      const t = await target;
      if (!t || !isWebPage(t.url)) return { kind: 'no-page' };
      // Opened from the toolbar, the popup is told the URL of any page it may read (activeTab);
      // no URL means a browser page (new tab, settings, the extension store): nothing to check.
      if (!t.isExplicit && t.url === undefined) return { kind: 'no-page' };
      const { frames, isBlocked, isScanFailed } = await liveFrames(t.tabId);
      // Nothing from the top frame or a reported one: is any frame running us at all (an iframe
      // that has not reported yet), or is this a site we do not run on?
      if (frames.length === 0 && !(await isRunning(t.tabId))) return { kind: 'not-running' };
      const merged = mergeFrameSummaries(frames);
      frameOf = merged.frameOf;
      return {
        kind: 'ready',
        drugs: merged.drugs,
        alerts: merged.alerts,
        ...(merged.patients !== undefined ? { patients: merged.patients } : {}),
        ...(merged.tabScope ? { tabScope: merged.tabScope } : {}),
        isPaintBlocked: isBlocked,
        isScanFailed,
      };
    },

    watchPage(onChange: () => void): () => void {
      let tabId: number | null = null;
      void target.then((t) => {
        tabId = t?.tabId ?? null;
      });
      const onStorage = (changes: Record<string, unknown>, area: string) => {
        if (area !== 'session' || tabId === null) return;
        const id = tabId;
        const isOurs = (key: string) => isKeyOfTab(key, id);
        if (Object.keys(changes).some(isOurs)) onChange();
      };
      const onUpdated = (updatedId: number, change: { status?: string }) => {
        if (updatedId === tabId && change.status === 'complete') onChange();
      };
      browser.storage.onChanged.addListener(onStorage);
      browser.tabs.onUpdated.addListener(onUpdated);
      return () => {
        browser.storage.onChanged.removeListener(onStorage);
        browser.tabs.onUpdated.removeListener(onUpdated);
      };
    },

    openOptions() {
      void browser.runtime.openOptionsPage();
    },

    async loadRules(): Promise<RulesView> {
      const state = await loadRuleState();
      return createRulesView(mergePacks(state.layers), { settings: state.settings });
    },

    async reveal(ruleId: string): Promise<boolean> {
      const t = await tabIdOrThrow();
      const found = await send(t.tabId, { type: 'plens:reveal', ruleId }, frameOf.get(ruleId) ?? 0);
      // Opened in a tab of its own: bring the clinical tab forward, where the popover now is.
      if (found === true && t.isExplicit) await browser.tabs.update(t.tabId, { active: true });
      return found === true;
    },

    async dismiss(ruleId: string, scope: DismissScope): Promise<void> {
      const t = await tabIdOrThrow();
      await send(t.tabId, { type: 'plens:dismiss', ruleId, scope });
    },

    async restore(ruleId: string): Promise<void> {
      const t = await tabIdOrThrow();
      await send(t.tabId, { type: 'plens:restore', ruleId });
    },

    async checkPage(): Promise<void> {
      const { tabId } = await tabIdOrThrow();
      await browser.scripting.insertCSS({
        target: { tabId, allFrames: true },
        files: ['/content-scripts/content.css'],
      });
      await browser.scripting.executeScript({
        target: { tabId, allFrames: true },
        // The bundled rules data, then the code: the same pair the manifest injects.
        // rules-data.js is written at build time, so WXT's list of public paths does not know it.
        files: CONTENT_SCRIPT_FILES.map((file) => `/${file}` as ScriptPublicPath),
      });
      // The script loads the rule packs before it answers; wait for it (about 3 s at most).
      for (let i = 0; i < INJECT_WAIT_TRIES; i++) {
        if (await isRunning(tabId)) return;
        await sleep(INJECT_WAIT_STEP_MS);
      }
      throw new Error('the page did not answer; reload it and try again');
    },

    async openPrint(): Promise<void> {
      const { tabId } = await tabIdOrThrow();
      // The same page in a tab of its own, laid out for A4: it reads the tab's summary as the
      // popup does (rules ids and counts only), so the printout carries no patient details.
      await browser.tabs.create({
        url: `${browser.runtime.getURL('/popup.html')}?tabId=${tabId}&view=print`,
      });
    },

    copy(text: string): Promise<void> {
      return (options.writeClipboard ?? ((t: string) => navigator.clipboard.writeText(t)))(text);
    },

    close(): void {
      (options.close ?? (() => window.close()))();
    },
  };
}
