/**
 * "Hide on this patient's record (this tab)": the background keeps each tab's choices in
 * storage.session (memory only, and out of content scripts' reach), under the tab id the content
 * script cannot know. Keyed inside by a salted SHA-256 digest of the patient context, worked out
 * in the page (page/dismissals.ts): no NHS number, name or page text ever reaches storage. The salt
 * is random per browser session, so a digest means nothing once the browser has closed.
 */
import { browser } from 'wxt/browser';
import type { TabDismissalRequest } from '@/rules/schema/messages';
import { DISMISS_SALT_KEY, tabDismissedKey } from '@/rules/schema/storage-keys';

/** A tab's contexts beyond this many forget the oldest: a day's clinic is far fewer records. */
export const MAX_CONTEXTS_PER_TAB = 200;
const SALT_BYTES = 32;

type ByContext = Record<string, string[]>;

function readByContext(raw: unknown): ByContext {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const out: ByContext = {};
  for (const [context, ids] of Object.entries(raw as Record<string, unknown>))
    if (Array.isArray(ids)) out[context] = ids.filter((id): id is string => typeof id === 'string');
  return out;
}

async function salt(): Promise<string> {
  const got = await browser.storage.session.get(DISMISS_SALT_KEY);
  const existing = got[DISMISS_SALT_KEY];
  if (typeof existing === 'string' && existing.length > 0) return existing;
  const bytes = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const fresh = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  await browser.storage.session.set({ [DISMISS_SALT_KEY]: fresh });
  return fresh;
}

/** Answers one request from a content script of `tabId`. */
export async function answerTabDismissal(
  request: TabDismissalRequest,
  tabId: number,
): Promise<string | string[] | true> {
  if (request.type === 'plens:dismiss-salt') return salt();
  const key = tabDismissedKey(tabId);
  const byContext = readByContext((await browser.storage.session.get(key))[key]);
  if (request.type === 'plens:tab-dismissed') return byContext[request.context] ?? [];
  delete byContext[request.context];
  if (request.ruleIds.length > 0) byContext[request.context] = [...new Set(request.ruleIds)];
  const contexts = Object.keys(byContext);
  for (const old of contexts.slice(0, Math.max(0, contexts.length - MAX_CONTEXTS_PER_TAB)))
    delete byContext[old];
  if (Object.keys(byContext).length === 0) await browser.storage.session.remove(key);
  else await browser.storage.session.set({ [key]: byContext });
  return true;
}

/** The tab closed: its choices go with it. */
export async function forgetTabDismissals(tabId: number): Promise<void> {
  await browser.storage.session.remove(tabDismissedKey(tabId));
}
