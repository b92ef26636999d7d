/**
 * Patient data never leaves the page: on a record seeded with a fake patient (name, date of birth,
 * NHS number in the 999 test range, address, phone, hospital number, and misspelt medicines in
 * free text next to them), none of that text may appear in the extension's storage (local, session,
 * sync — read from an extension page, plus every storage change seen by the service worker while
 * the page was open) or in any message between our contexts (recorded where messages arrive: the
 * service worker's runtime.onMessage/onConnect, and the content script's runtime.onMessage, the
 * latter installed in its isolated world through CDP), and no request leaves the machine.
 */
import type { Worker } from '@playwright/test';
import {
  dumpStorage,
  evalIsolated,
  expect,
  extensionId,
  foreignRequests,
  note,
  openExtensionPage,
  test,
} from '../fixtures/hostile/harness';
import { readHighlights } from './highlights';
import { revealFlag } from './page-helpers';

/** Everything on patient-data.html that identifies the (fictitious) patient or her family. */
const IDENTIFIERS: readonly RegExp[] = [
  /winterbottom/i,
  /philippa/i,
  /keziah/i,
  /999\s?000\s?0023/,
  /03-Apr-1948/i,
  /03\/04\/1948/,
  /larkspur/i,
  /EX4\s?9QT/i,
  /01632\s?960123/,
  /RX9-448812/i,
  // Free text as typed: the misspellings themselves are the clinician's words, never copied out.
  /\bzopiclon\b/i,
  /\bsertralin\b/i,
  /methotreksate/i,
];

/** Installs recorders in the service worker: messages, connections and storage changes. */
function instrumentWorker(worker: Worker): Promise<void> {
  return worker.evaluate(() => {
    type Listener<A extends unknown[]> = { addListener(cb: (...a: A) => unknown): void };
    type Port = { name: string; onMessage: Listener<[unknown]> };
    const c = (
      globalThis as unknown as {
        chrome: {
          runtime: { onMessage: Listener<[unknown, unknown]>; onConnect: Listener<[Port]> };
          storage: { onChanged: Listener<[unknown, string]> };
        };
      }
    ).chrome;
    const g = globalThis as unknown as { __hostileRec?: string[] };
    if (g.__hostileRec) return;
    const rec: string[] = [];
    g.__hostileRec = rec;
    // The payload only: `sender` is the browser's own description of the sending tab (its title
    // and URL, which carry the patient's name on most clinical systems); it is never ours to send,
    // and what the worker keeps of it shows up in the storage checks.
    c.runtime.onMessage.addListener((m) => {
      rec.push(`message ${JSON.stringify(m)}`);
      return undefined;
    });
    c.runtime.onConnect.addListener((port) => {
      rec.push(`connect ${port.name}`);
      port.onMessage.addListener((m) => rec.push(`port ${JSON.stringify(m)}`));
    });
    c.storage.onChanged.addListener((changes, area) => {
      rec.push(`storage.${area} ${JSON.stringify(changes)}`);
    });
  });
}

function takeWorkerRecord(worker: Worker): Promise<string[]> {
  return worker.evaluate(() => {
    const g = globalThis as unknown as { __hostileRec?: string[] };
    const out = g.__hostileRec ?? [];
    g.__hostileRec = undefined;
    return out;
  });
}

/** In the content script's isolated world: record messages it receives from our contexts. */
const INSTRUMENT_CONTENT = `(() => {
  if (globalThis.__hostileRec) return true;
  const rec = [];
  globalThis.__hostileRec = rec;
  chrome.runtime.onMessage.addListener((m) => { rec.push('message ' + JSON.stringify(m)); return undefined; });
  chrome.storage.onChanged.addListener((changes, area) => rec.push('storage.' + area + ' ' + JSON.stringify(changes)));
  return true;
})()`;

function leaks(texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    for (const re of IDENTIFIERS) {
      const m = re.exec(text);
      if (m) found.push(`${re.source} in ${text.slice(Math.max(0, m.index - 60), m.index + 60)}`);
    }
  }
  return found;
}

test('fake patient details never reach extension storage or messages; nothing leaves the machine', async ({
  page,
  server,
  log,
  ext,
  extensionContext,
}, testInfo) => {
  const id = await extensionId(extensionContext);
  const worker = extensionContext.serviceWorkers().find((w) => w.url().includes(id));
  if (!worker) throw new Error('no service worker handle');
  await instrumentWorker(worker);

  await page.goto(server.url('patient-data.html'));
  await expect.poll(() => ext.isolatedContexts.size).toBeGreaterThan(0);
  expect(await evalIsolated<boolean>(ext, INSTRUMENT_CONTENT)).toBe(true);
  await expect
    .poll(() => readHighlights(page))
    .toEqual({
      'plens-shared-care': ['Methotrexate'],
      'plens-dependence-forming': ['Zopiclone'],
      'plens-possible': ['zopiclon', 'sertralin', 'Methotreksate'],
      'plens-past': ['Sertraline'],
    });
  // Use the page as a clinician would: hover a flag, pin a possible match, close it, edit a note.
  const zop = await revealFlag(page, 'Zopiclone');
  await page.mouse.move(zop.x, zop.y);
  await expect(page.getByRole('dialog', { name: 'Zopiclone' })).toBeVisible();
  const possible = await revealFlag(page, 'zopiclon');
  await page.mouse.click(possible.x, possible.y);
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.evaluate(() => {
    const p = document.getElementById('note-2');
    if (p) p.textContent += ' Philippa Winterbottom now takes Warfarin 1mg tablets.';
  });
  await expect
    .poll(async () => (await readHighlights(page))['plens-no-commissioned-service'])
    .toEqual(['Warfarin']);
  // Give debounced summaries and badge updates time to be sent and stored.
  await page.waitForTimeout(1500);

  const workerRecord = await takeWorkerRecord(worker);
  const contentRecord = await evalIsolated<string[]>(ext, 'globalThis.__hostileRec ?? []');
  const extPage = await openExtensionPage(extensionContext);
  const stored = await dumpStorage(extPage);
  await extPage.close();

  note(
    testInfo,
    'observed',
    `${workerRecord.length} messages/storage changes at the service worker, ${contentRecord.length} at the content script; storage areas ${Object.entries(
      stored,
    )
      .map(([area, json]) => `${area} ${json.length} chars`)
      .join(', ')}`,
  );
  if (workerRecord.length > 0)
    note(testInfo, 'first worker record', workerRecord[0]?.slice(0, 400) ?? '');
  expect(Object.keys(stored)).toEqual(expect.arrayContaining(['local', 'session']));
  expect(leaks(Object.values(stored)), 'patient details in extension storage').toEqual([]);
  expect(leaks(workerRecord), 'patient details in what the service worker received').toEqual([]);
  expect(leaks(contentRecord), 'patient details in what the content script received').toEqual([]);
  expect(foreignRequests(log, server), 'requests leaving the machine').toEqual([]);
  expect(log.errors).toEqual([]);
});
