/**
 * Background worker: keeps derived state in storage, holds none in memory (it can be stopped at any
 * time). It refreshes the enterprise-policy URL pack on start, on policy change and every few hours,
 * and annotates the current tab once when the toolbar button is pressed (activeTab).
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import {
  managedEmulationItem,
  readManagedRaw,
  urlPackItem,
  urlPackStatusItem,
} from '@/rules/store/items';
import { readManaged } from '@/rules/store/settings';
import { verifyPackSignature } from '@/rules/loader/signature';
import { refreshUrlPack, type VerifySignature } from './url-pack';

const ALARM = 'plens-refresh-url-pack';
const REFRESH_MINUTES = 6 * 60;

const verify: VerifySignature = verifyPackSignature;

async function refreshPolicyPack(): Promise<void> {
  const { config } = readManaged(await readManagedRaw());
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

async function annotateTabOnce(tabId: number): Promise<void> {
  await browser.scripting.insertCSS({
    target: { tabId, allFrames: true },
    files: ['/content-scripts/content.css'],
  });
  await browser.scripting.executeScript({
    target: { tabId, allFrames: true },
    files: ['/content-scripts/content.js'],
  });
}

export default defineBackground(() => {
  const refresh = () => {
    refreshPolicyPack().catch((error: unknown) =>
      console.warn('Prescribing Lens: policy pack refresh failed', error),
    );
  };
  browser.runtime.onInstalled.addListener(refresh);
  browser.runtime.onStartup.addListener(refresh);
  void browser.alarms.create(ALARM, { periodInMinutes: REFRESH_MINUTES });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) refresh();
  });
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') refresh();
  });
  managedEmulationItem.watch(refresh);

  browser.action.onClicked.addListener((tab) => {
    if (tab.id === undefined) return;
    annotateTabOnce(tab.id).catch((error: unknown) =>
      console.warn('Prescribing Lens: could not annotate this tab', error),
    );
  });
});
