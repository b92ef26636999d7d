/**
 * The co-prescribing notice remembers being folded, per site (host name only: no page text, no
 * patient data), in storage.local so it holds across pages, tabs and restarts. Unfolding forgets
 * the choice rather than remembering "unfolded": the notice then starts as usual (folded on lists
 * of patients and small or zoomed windows), which a remembered preference must never override.
 */
import { noticeFoldedItem } from '@/rules/store/items';

/** Sites beyond this many forget the oldest: a practice uses a handful of clinical systems. */
export const MAX_SITES = 50;

/**
 * True when the user folded the notice on `host`; null when there is no such choice. `all` is the
 * stored choices as the page's one start-up read got them (rules/store/items.ts).
 */
export function noticeFoldedOn(all: Readonly<Record<string, unknown>>, host: string): true | null {
  return host !== '' && Object.hasOwn(all, host) && all[host] === true ? true : null;
}

export async function rememberNoticeFolded(host: string, folded: boolean): Promise<void> {
  if (host === '') return;
  const all = { ...(await noticeFoldedItem.getValue()) };
  delete all[host]; // re-added last, so the oldest choice is the one dropped
  if (folded) all[host] = true;
  const hosts = Object.keys(all);
  for (const old of hosts.slice(0, Math.max(0, hosts.length - MAX_SITES))) delete all[old];
  await noticeFoldedItem.setValue(all);
}
