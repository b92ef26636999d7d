/**
 * The one place that builds and reads the background's storage.session keys: a frame's page
 * summary (`summary-<tab>-<frame>`) and the frames that cannot show their marks
 * (`paint-blocked-<tab>-<frame>`, `scan-failed-<tab>-<frame>`). Pure.
 */
import type { BlockCause } from './paint-status';
import { BLOCK_CAUSES } from './paint-status';

const SUMMARY = 'summary';
const BLOCKED: Readonly<Record<BlockCause, string>> = {
  'marks-removed': 'paint-blocked',
  'scan-failed': 'scan-failed',
  'summary-refused': 'summary-refused',
};

/** Where the background keeps a frame's summary (storage.session: gone when the browser closes). */
export function summaryKey(tabId: number, frameId: number): string {
  return `${SUMMARY}-${tabId}-${frameId}`;
}

/** The frame whose summary `key` holds, if it is one of `tabId`'s; null for any other key. */
export function frameIdOfSummaryKey(key: string, tabId: number): number | null {
  const prefix = `${SUMMARY}-${tabId}-`;
  if (!key.startsWith(prefix)) return null;
  const rest = key.slice(prefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : null;
}

/** Where the background notes a blocked frame, per cause (absent = not blocked). */
export function paintBlockedKey(
  tabId: number,
  frameId: number,
  cause: BlockCause = 'marks-removed',
): string {
  return `${BLOCKED[cause]}-${tabId}-${frameId}`;
}

/** Whether `key` notes a frame of `tabId` blocked for `cause` (any cause if omitted). */
export function isPaintBlockedKeyOf(key: string, tabId: number, cause?: BlockCause): boolean {
  const causes = cause ? [cause] : BLOCK_CAUSES;
  return causes.some((c) => key.startsWith(`${BLOCKED[c]}-${tabId}-`));
}

const TAB_DISMISSED = 'tab-dismissed';

/** The random salt of this browser session's patient-context digests (page/dismissals.ts). */
export const DISMISS_SALT_KEY = 'dismiss-salt';

/**
 * Where a tab's "hide on this record" choices live: digest of the patient context → rule ids.
 * Not one of `isKeyOfTab`'s keys, so a reload or navigation keeps it; the tab closing ends it.
 */
export function tabDismissedKey(tabId: number): string {
  return `${TAB_DISMISSED}-${tabId}`;
}

/** Whether `key` is any of this tab's keys (summaries and blocked frames): forgotten together. */
export function isKeyOfTab(key: string, tabId: number): boolean {
  return frameIdOfSummaryKey(key, tabId) !== null || isPaintBlockedKeyOf(key, tabId);
}
