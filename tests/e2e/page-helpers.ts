/** Page-level helpers for specs: where a flagged name is, and the expectations files. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, type BrowserContext, type Frame, type Page, type Worker } from '@playwright/test';
import { withoutEmpty, type HighlightTexts } from './highlights';

export interface PageExpectations {
  readonly initial?: Readonly<Record<string, readonly string[]>>;
  readonly frame?: Readonly<Record<string, readonly string[]>>;
  readonly unflagged?: readonly string[];
  readonly [state: string]: unknown;
}

export function loadExpectations(page: string): PageExpectations {
  const file = path.resolve('tests/fixtures/pages', page.replace(/\.html$/, '.expected.json'));
  return JSON.parse(fs.readFileSync(file, 'utf8')) as PageExpectations;
}

/** Expected highlight texts for a named state, empty categories dropped. */
export function expectedState(expectations: PageExpectations, state: string): HighlightTexts {
  const value = expectations[state];
  if (!value || typeof value !== 'object') throw new Error(`no expected state "${state}"`);
  return withoutEmpty(value as Record<string, readonly string[]>);
}

/** Centre of the n-th highlighted range whose text is `text`, in viewport coordinates. */
export async function pointOfFlag(
  target: Page | Frame,
  text: string,
  nth = 0,
): Promise<{ x: number; y: number }> {
  const point = await target.evaluate(
    ({ text, nth }) => {
      const found: DOMRect[] = [];
      for (const [name, highlight] of CSS.highlights) {
        if (!name.startsWith('plens-')) continue;
        for (const r of highlight) {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          if (range.toString() === text)
            found.push(range.getClientRects()[0] ?? range.getBoundingClientRect());
        }
      }
      found.sort((a, b) => a.top - b.top || a.left - b.left);
      const rect = found[nth];
      return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
    },
    { text, nth },
  );
  if (!point) throw new Error(`no flag with text "${text}"`);
  return point;
}

/** Scrolls a flagged name into view and returns its centre. */
export async function revealFlag(
  page: Page,
  text: string,
  nth = 0,
): Promise<{ x: number; y: number }> {
  await page.evaluate(
    ({ text, nth }) => {
      let i = 0;
      for (const [name, highlight] of CSS.highlights) {
        if (!name.startsWith('plens-')) continue;
        for (const r of highlight) {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          if (range.toString() === text && i++ === nth) {
            (r.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center' });
            return;
          }
        }
      }
    },
    { text, nth },
  );
  return pointOfFlag(page, text, nth);
}

export function outerHtml(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.outerHTML);
}

/** The page's DOM with our one shadow host removed, after checking there is at most one. */
export function outerHtmlWithoutOurHost(page: Page): Promise<string> {
  return page.evaluate(() => {
    const hosts = document.querySelectorAll('plens-overlay');
    if (hosts.length > 1) throw new Error(`${hosts.length} plens-overlay hosts`);
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    clone.querySelector('plens-overlay')?.remove();
    return clone.outerHTML;
  });
}

/** The extension's service worker once active (a message sent while it installs is lost). */
export async function activeServiceWorker(context: BrowserContext): Promise<Worker> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await expect
    .poll(() =>
      worker.evaluate(
        () =>
          (globalThis as unknown as { registration: { active: { state: string } | null } })
            .registration.active?.state ?? 'none',
      ),
    )
    .toBe('activated');
  return worker;
}

/**
 * The tab id of `page`, as the extension sees it. Without the "tabs" permission the extension is
 * not told tabs' URLs, so the page is brought to the front and the active tab asked for.
 */
export async function tabIdOf(context: BrowserContext, page: Page): Promise<number> {
  await page.bringToFront();
  const worker = await activeServiceWorker(context);
  const id = await worker.evaluate(async () => {
    const c = globalThis as unknown as {
      chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } };
    };
    const tabs = await c.chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tabs[0]?.id ?? null;
  });
  if (id === null) throw new Error('no active tab');
  return id;
}

/**
 * The toolbar popup for a tab, opened as a page (`popup.html?tabId=`: Playwright cannot click the
 * toolbar), once it has read the page. `beforeLoad` runs on the new page before it loads (init
 * scripts, exposed functions).
 */
export async function openPopupFor(
  context: BrowserContext,
  tabId: number,
  beforeLoad: (popup: Page) => Promise<void> = () => Promise.resolve(),
): Promise<Page> {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await beforeLoad(popup);
  const id = new URL((await activeServiceWorker(context)).url()).host;
  await popup.goto(`chrome-extension://${id}/popup.html?tabId=${tabId}`);
  await expect(popup.getByRole('heading', { name: 'On this page' })).toBeVisible();
  await expect(popup.getByText('Reading this page…')).toHaveCount(0);
  return popup;
}

/** "Dismiss for this session" is kept in storage.local until the browser restarts: clear it. */
export async function clearSessionDismissals(context: BrowserContext): Promise<void> {
  const worker = await activeServiceWorker(context);
  await worker.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { storage: { local: { remove(keys: string[]): Promise<void> } } };
      }
    ).chrome.storage.local.remove(['dismissedRules']),
  );
}

// ---------------------------------------------------------------------------------------------------
// The extension's storage, read and written from an extension page or the service worker. Specs
// share one Chromium context per worker, so each removes what it writes (`clearStorage`).

interface StorageArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}
/** The slice of `chrome` used from inside extension pages (specs have no chrome types). */
type ChromeStorage = { chrome: { storage: { local: StorageArea } } };
/** An extension page or the service worker: anywhere `chrome.storage` exists. */
interface ExtensionScope {
  evaluate<R, Arg>(fn: (arg: Arg) => R | Promise<R>, arg: Arg): Promise<R>;
}

/** The extension's id, from its service worker's URL. */
export async function extensionId(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

/** One `chrome.storage.local` item, or undefined. */
export function storageGet(scope: ExtensionScope, key: string): Promise<unknown> {
  return scope.evaluate(
    async (k) => (await (globalThis as unknown as ChromeStorage).chrome.storage.local.get([k]))[k],
    key,
  );
}

/** Everything in `chrome.storage.local` (to show what did, and did not, reach storage). */
export function storageAll(scope: ExtensionScope): Promise<Record<string, unknown>> {
  return scope.evaluate(
    () => (globalThis as unknown as ChromeStorage).chrome.storage.local.get(null),
    undefined,
  );
}

/**
 * The keys only the extension itself may write (rules/store/items.ts `SEALED_KEYS`): a test sets
 * them as the options page or background would, through the test build's sealed writer, or the
 * background undoes the write (security L8).
 */
export const SEALED_KEYS: readonly string[] = ['localPack', 'keptLocalPack', 'settings', 'urlPack'];
type SealedScope = ChromeStorage & {
  plensSealedWrite?: (key: string, value: unknown) => Promise<void>;
};

/** Sets items from an extension page or the service worker; sealed keys through the sealed writer. */
export function storageSet(scope: ExtensionScope, items: Record<string, unknown>): Promise<void> {
  return scope.evaluate(
    async ({ entries, sealed }) => {
      const g = globalThis as unknown as SealedScope;
      for (const [key, value] of entries) {
        if (!sealed.includes(key)) await g.chrome.storage.local.set({ [key]: value });
        else if (g.plensSealedWrite) await g.plensSealedWrite(key, value);
        else throw new Error(`${key} is sealed: set it from the options page or service worker`);
      }
    },
    { entries: Object.entries(items), sealed: [...SEALED_KEYS] },
  );
}

export function storageRemove(scope: ExtensionScope, keys: readonly string[]): Promise<void> {
  return scope.evaluate(
    async ({ keys, sealed }) => {
      const g = globalThis as unknown as SealedScope;
      for (const key of keys) {
        if (!sealed.includes(key)) await g.chrome.storage.local.remove([key]);
        else if (g.plensSealedWrite) await g.plensSealedWrite(key, null);
        else throw new Error(`${key} is sealed: remove it from the options page or service worker`);
      }
    },
    { keys: [...keys], sealed: [...SEALED_KEYS] },
  );
}

/** Sets storage items through the service worker, with no extension page open. */
export async function setStorage(
  context: BrowserContext,
  items: Record<string, unknown>,
): Promise<void> {
  await storageSet(await activeServiceWorker(context), items);
}

/** Removes the storage items a spec wrote, through the service worker. */
export async function clearStorage(
  context: BrowserContext,
  keys: readonly string[],
): Promise<void> {
  await storageRemove(await activeServiceWorker(context), keys);
}
