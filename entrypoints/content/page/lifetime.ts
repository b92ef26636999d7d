/**
 * Our own lifetime for the content script, instead of WXT's context signal. WXT 0.20 invalidates a
 * context when `document` receives its "content script started" CustomEvent, and any page can
 * dispatch that event (tests/e2e/hostile-fights-back.spec.ts), which would switch us off silently.
 * Here one instance runs per frame (a flag in the extension's isolated world, which pages cannot
 * reach), and it ends only when the extension itself goes away (update, reload or removal).
 */
import { browser } from 'wxt/browser';

const RUNNING = Symbol.for('prescribing-lens.content.running');
/** How often we check the extension is still there (an update or removal leaves us orphaned). */
const CHECK_MS = 2000;
/**
 * How often we look for a history.pushState navigation, which fires no event: a single-page app's
 * new record is re-read within a second.
 */
const LOCATION_POLL_MS = 1000;

type Global = Record<symbol, AbortController | undefined>;

export interface Lifetime {
  readonly signal: AbortSignal;
  setTimeout(fn: () => void, ms: number): number;
  setInterval(fn: () => void, ms: number): number;
}

/** Whether this context's extension is still there (an update or removal leaves it orphaned). */
export function extensionAlive(): boolean {
  try {
    return browser.runtime?.id !== undefined;
  } catch {
    return false;
  }
}

/** Claims this frame for one instance; null if another live instance already runs here. */
export function claimFrame(win: Window = window): Lifetime | null {
  const g = globalThis as unknown as Global;
  const existing = g[RUNNING];
  if (existing && !existing.signal.aborted) return null;
  const controller = new AbortController();
  g[RUNNING] = controller;
  const { signal } = controller;
  const timers = new Set<number>();
  const watch = win.setInterval(() => {
    if (!extensionAlive()) controller.abort();
  }, CHECK_MS);
  signal.addEventListener('abort', () => {
    win.clearInterval(watch);
    for (const id of timers) {
      win.clearTimeout(id);
      win.clearInterval(id);
    }
    if (g[RUNNING] === controller) g[RUNNING] = undefined;
  });
  return {
    signal,
    setTimeout(fn, ms) {
      const id = win.setTimeout(() => {
        timers.delete(id);
        if (!signal.aborted) fn();
      }, ms);
      timers.add(id);
      return id;
    },
    setInterval(fn, ms) {
      const id = win.setInterval(() => {
        if (!signal.aborted) fn();
      }, ms);
      timers.add(id);
      return id;
    },
  };
}

/** Calls `onChange` when the page's URL changes (history API or hash), polling cheaply. */
export function watchLocation(win: Window, life: Lifetime, onChange: () => void): void {
  let href = win.location.href;
  const check = () => {
    if (win.location.href === href) return;
    href = win.location.href;
    onChange();
  };
  win.addEventListener('popstate', check, { signal: life.signal });
  win.addEventListener('hashchange', check, { signal: life.signal });
  life.setInterval(check, LOCATION_POLL_MS);
}
