/**
 * The version and help links the popup and options footers show, and whether "What's new" is
 * still unread (rules/store/items.ts `welcomeVersionItem`).
 */
import { browser } from 'wxt/browser';
import type { AboutInfo } from '@/components/welcome/AboutFooter';
import { welcomeVersionItem } from './items';
import { extensionVersion } from './state';

export function createAbout(): AboutInfo {
  const version = extensionVersion();
  const welcome = browser.runtime.getURL('/welcome.html');
  return {
    version,
    helpUrl: `${welcome}#instructions`,
    whatsNewUrl: `${welcome}#whats-new`,
    // Unset (installed before the welcome page existed) or an older version: something is new.
    loadIsNew: async () => (await welcomeVersionItem.getValue()) !== version,
    markSeen: () => welcomeVersionItem.setValue(version),
  };
}
