/**
 * The welcome page opens once, on a fresh install: never on an update or a browser start, which
 * would be a nag. After an update the popup and options show a quiet "What's new" line instead,
 * until it is opened (rules/store/about.ts).
 */
import { browser } from 'wxt/browser';
import { welcomeVersionItem } from '@/rules/store/items';
import { extensionVersion } from '@/rules/store/state';

export async function welcomeOnInstall(details: { readonly reason: string }): Promise<void> {
  if (details.reason !== 'install') return;
  // Seen: the page about to open is this version's welcome and what's new.
  await welcomeVersionItem.setValue(extensionVersion());
  await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
}
