/**
 * Patient data never leaves the page: on a record seeded with a fake patient (name, date of birth,
 * NHS number in the 999 test range, address, phone, hospital number, and misspelt medicines in
 * free text next to them), none of that text may appear in the extension's storage (local, session,
 * sync — read from an extension page, plus every storage change seen by the service worker while
 * the page was open) or in any message between our contexts (recorded where messages arrive: the
 * service worker's runtime.onMessage/onConnect, and the content script's runtime.onMessage, the
 * latter installed in its isolated world through CDP), and no request leaves the machine.
 *
 * Twice: using the page (hover, pin, edit), and using the toolbar popup on that page (summary list,
 * reveal, dismiss for the tab and for the session, restore, the look-up with the page's own
 * words typed in). The popup's side is recorded in the popup itself: every request it sends and
 * every answer it gets (the pages' summaries come back as answers, which no listener sees).
 */
import type { BrowserContext, Page, TestInfo, Worker } from '@playwright/test';
import type { RunningServer } from '../server';
import {
  dumpStorage,
  evalIsolated,
  expect,
  extensionId,
  foreignRequests,
  note,
  openExtensionPage,
  test,
  type ExtensionWatch,
} from '../fixtures/hostile/harness';
import { readHighlights } from './highlights';
import { clearSessionDismissals, openPopupFor, revealFlag, tabIdOf } from './page-helpers';

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

/**
 * In the popup, before its scripts run: record what it sends (tabs/runtime.sendMessage), the
 * answers it gets, and what reaches it (runtime.onMessage, storage changes), through an exposed
 * function, so nothing is lost when the popup closes itself after "reveal". Both callback and
 * promise forms are wrapped (webextension-polyfill passes a callback).
 */
const INSTRUMENT_POPUP = `(() => {
  const record = (line) => { try { globalThis.__privacyRecord(line); } catch {} };
  const json = (v) => { try { return JSON.stringify(v); } catch { return String(v); } };
  const wrap = (api, name, label) => {
    const original = api && api[name];
    if (typeof original !== 'function') return;
    api[name] = function (...args) {
      const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
      record(label + ' ' + json(args));
      if (callback) {
        return original.call(this, ...args, (reply) => {
          record(label + ' reply ' + json(reply));
          return callback(reply);
        });
      }
      const result = original.apply(this, args);
      Promise.resolve(result).then((reply) => record(label + ' reply ' + json(reply)), () => {});
      return result;
    };
  };
  for (const ns of new Set([globalThis.chrome, globalThis.browser].filter(Boolean))) {
    wrap(ns.tabs, 'sendMessage', 'popup tabs.sendMessage');
    wrap(ns.runtime, 'sendMessage', 'popup runtime.sendMessage');
    ns.runtime.onMessage.addListener((m) => { record('popup received ' + json(m)); return undefined; });
    ns.storage.onChanged.addListener((c, area) => record('popup storage.' + area + ' ' + json(c)));
  }
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

/** What the page paints once loaded, and again after every restore. */
const PAINTED = {
  'plens-shared-care': ['Methotrexate'],
  'plens-dependence-forming': ['Zopiclone'],
  'plens-possible': ['zopiclon', 'sertralin', 'Methotreksate'],
  'plens-past': ['Sertraline'],
};

/** Opens the patient page with the service worker and the content script recording. */
async function openPatientPage(
  page: Page,
  server: RunningServer,
  ext: ExtensionWatch,
  extensionContext: BrowserContext,
): Promise<Worker> {
  const id = await extensionId(extensionContext);
  const worker = extensionContext.serviceWorkers().find((w) => w.url().includes(id));
  if (!worker) throw new Error('no service worker handle');
  await instrumentWorker(worker);

  await page.goto(server.url('patient-data.html'));
  await expect.poll(() => ext.isolatedContexts.size).toBeGreaterThan(0);
  expect(await evalIsolated<boolean>(ext, INSTRUMENT_CONTENT)).toBe(true);
  await expect.poll(() => readHighlights(page)).toEqual(PAINTED);
  return worker;
}

interface Observed {
  readonly worker: readonly string[];
  readonly content: readonly string[];
  readonly stored: Readonly<Record<string, string>>;
}

/** Everything recorded so far, and every storage area as read from an extension page. */
async function observed(
  worker: Worker,
  ext: ExtensionWatch,
  extensionContext: BrowserContext,
  testInfo: TestInfo,
): Promise<Observed> {
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
  return { worker: workerRecord, content: contentRecord, stored };
}

function expectNoLeaks(seen: Observed): void {
  expect(Object.keys(seen.stored)).toEqual(expect.arrayContaining(['local', 'session']));
  expect(leaks(Object.values(seen.stored)), 'patient details in extension storage').toEqual([]);
  expect(leaks(seen.worker), 'patient details in what the service worker received').toEqual([]);
  expect(leaks(seen.content), 'patient details in what the content script received').toEqual([]);
}

// Session dismissals live in storage.local until the browser restarts; none may leak between tests.
test.beforeEach(async ({ extensionContext }) => {
  await clearSessionDismissals(extensionContext);
});
test.afterEach(async ({ extensionContext }) => {
  await clearSessionDismissals(extensionContext);
});

test('fake patient details never reach extension storage or messages; nothing leaves the machine', async ({
  page,
  server,
  log,
  ext,
  extensionContext,
}, testInfo) => {
  const worker = await openPatientPage(page, server, ext, extensionContext);
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

  expectNoLeaks(await observed(worker, ext, extensionContext, testInfo));
  expect(foreignRequests(log, server), 'requests leaving the machine').toEqual([]);
  expect(log.errors).toEqual([]);
});

test('driving the popup on the patient page (list, reveal, dismiss, restore, look-up) sends and stores no patient detail', async ({
  page,
  server,
  log,
  ext,
  extensionContext,
}, testInfo) => {
  const worker = await openPatientPage(page, server, ext, extensionContext);
  const tabId = await tabIdOf(extensionContext, page);
  const popupRecord: string[] = [];
  const recording = async (popup: Page) => {
    await popup.exposeFunction('__privacyRecord', (line: string) => popupRecord.push(line));
    await popup.addInitScript(INSTRUMENT_POPUP);
  };
  const marksOf = async (drug: string) =>
    Object.values(await readHighlights(page))
      .flat()
      .filter((t) => t.toLowerCase() === drug).length;

  // The summary list: counts only for the misspellings, never the words as typed.
  let popup = await openPopupFor(extensionContext, tabId, recording);
  await expect(popup.getByTestId('plens-reveal')).toHaveText([
    'Methotrexate 1 current, 1 possible',
    'Sertraline 1 past, 1 possible',
    'Zopiclone 1 current, 1 possible',
  ]);
  expect(leaks([await popup.locator('body').innerText()]), 'patient details in the popup').toEqual(
    [],
  );

  // Reveal: the popup closes itself once the page has the request; the popover opens in the page.
  await Promise.all([
    popup.waitForEvent('close'),
    popup
      .getByRole('button', { name: /^Zopiclone/ })
      .click({ noWaitAfter: true })
      .catch(() => undefined),
  ]);
  await expect(page.getByRole('dialog', { name: 'Zopiclone' })).toBeVisible();
  await page.keyboard.press('Escape');

  // Hide on this record (this tab), show again; hide in every tab, show again.
  popup = await openPopupFor(extensionContext, tabId, recording);
  for (const [drug, scope, said] of [
    [
      'Methotrexate',
      'Hide on this patient’s record (this tab)',
      'hidden on this record (this tab)',
    ],
    ['Zopiclone', 'Hide in every tab until the browser closes', 'hidden in every tab'],
  ] as const) {
    await popup.getByRole('button', { name: `More: ${drug}` }).click();
    await popup.getByRole('button', { name: scope }).click();
    await expect(popup.getByTestId('plens-popup-status')).toHaveText(`${drug}: ${said}.`);
    await expect.poll(() => marksOf(drug.toLowerCase())).toBe(0);
    await popup
      .locator(`[data-rule-id="${drug.toLowerCase()}"]`)
      .getByRole('button', { name: 'Show again' })
      .click();
    await expect.poll(() => readHighlights(page)).toEqual(PAINTED);
  }

  // The look-up, with the page's own words typed in (as copied from the notes).
  const box = popup.getByRole('searchbox', { name: 'Medicine name' });
  await box.fill('zopiclon');
  await expect(
    popup.getByTestId('plens-lookup-card').getByRole('heading', { level: 2 }),
  ).toHaveText('Zopiclone');
  await box.fill('Winterbottom');
  await expect(popup.getByTestId('plens-lookup-status')).toContainText(
    'No flagged medicine matches “Winterbottom”',
  );
  await box.fill('999 000 0023');
  await expect(popup.getByTestId('plens-lookup-status')).toContainText(
    'No flagged medicine matches “999 000 0023”',
  );
  // Give debounced summaries and badge updates time to be sent and stored.
  await page.waitForTimeout(1500);
  await popup.close();

  const seen = await observed(worker, ext, extensionContext, testInfo);
  note(testInfo, 'popup record', `${popupRecord.length} requests, answers and arrivals`);
  // The recorders saw the popup's traffic (so an empty leak list means something).
  const popupText = popupRecord.join('\n');
  for (const request of ['plens:get-summary', 'plens:reveal', 'plens:dismiss', 'plens:restore'])
    expect(popupText, `the popup sent ${request}`).toContain(request);
  expect(popupText, 'the popup got the page summary').toMatch(/reply .*"ruleId":"zopiclone"/);
  expect(seen.content.join('\n'), 'the content script got the popup requests').toMatch(
    /"scope":"session"/,
  );
  expectNoLeaks(seen);
  expect(leaks(popupRecord), 'patient details in what the popup sent or received').toEqual([]);
  expect(foreignRequests(log, server), 'requests leaving the machine').toEqual([]);
  expect(log.errors).toEqual([]);
});
