/**
 * The co-prescribing notice remembers being folded, per site (host name only: no page text, no
 * patient data), in storage.local so it holds across pages, tabs and restarts.
 */
import { noticeFoldedItem } from '@/rules/store/items';

/** Sites beyond this many forget the oldest: a practice uses a handful of clinical systems. */
export const MAX_SITES = 50;

/** The user's last choice on `host`, or null when they have not chosen there. */
export async function readNoticeFolded(host: string): Promise<boolean | null> {
  if (host === '') return null;
  try {
    const all = await noticeFoldedItem.getValue();
    const value = Object.hasOwn(all, host) ? all[host] : undefined;
    return typeof value === 'boolean' ? value : null;
  } catch {
    return null;
  }
}

export async function rememberNoticeFolded(host: string, folded: boolean): Promise<void> {
  if (host === '') return;
  const all = { ...(await noticeFoldedItem.getValue()) };
  delete all[host]; // re-added last, so the oldest choice is the one dropped
  all[host] = folded;
  const hosts = Object.keys(all);
  for (const old of hosts.slice(0, Math.max(0, hosts.length - MAX_SITES))) delete all[old];
  await noticeFoldedItem.setValue(all);
}
