import { createRequire } from 'node:module';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { browser } from './browser';
import { ContentScriptContext } from './script-context';

describe("the content build's stand-ins for WXT's modules", () => {
  test('with the browser’s own namespace, the content script uses it, as webextension-polyfill would', () => {
    const native = (globalThis as { browser?: { runtime?: { id?: string } } }).browser;
    expect(native?.runtime?.id).toBeTruthy();
    expect(browser).toBe(native);
  });

  describe('without a usable namespace of its own (older Chromium, or a page element named "browser")', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.resetModules();
    });

    test.each([
      ['no namespace', undefined],
      ['a page element named "browser"', { runtime: { tagName: 'INPUT' } }],
    ])('%s: the content script uses webextension-polyfill’s wrapper, as before', async (_, own) => {
      // What the polyfill's module exports here (Vitest's CommonJS require, as WXT's test setup
      // resolves it), before the namespace is taken away.
      const polyfill = createRequire(import.meta.url)('webextension-polyfill') as unknown;
      vi.stubGlobal('browser', own);
      vi.resetModules();
      const fresh = await import('./browser');
      expect(fresh.browser).not.toBe(own);
      expect(fresh.browser).toBe(polyfill);
    });
  });

  test('the context WXT makes in every frame tells the page nothing and listens to nothing', () => {
    const heard: string[] = [];
    const listen = (e: Event) => heard.push(e.type);
    const listened = { document: 0, window: 0 };
    const addDoc = document.addEventListener.bind(document);
    const addWin = window.addEventListener.bind(window);
    document.addEventListener = ((...args: Parameters<typeof addDoc>) => {
      listened.document++;
      addDoc(...args);
    }) as typeof document.addEventListener;
    window.addEventListener = ((...args: Parameters<typeof addWin>) => {
      listened.window++;
      addWin(...args);
    }) as typeof window.addEventListener;
    const originalDispatch = document.dispatchEvent.bind(document);
    document.dispatchEvent = (e: Event) => {
      listen(e);
      return originalDispatch(e);
    };
    try {
      new ContentScriptContext('content', { noScriptStartedPostMessage: true });
    } finally {
      document.addEventListener = addDoc;
      window.addEventListener = addWin;
      document.dispatchEvent = originalDispatch;
    }
    expect(heard).toEqual([]);
    expect(listened).toEqual({ document: 0, window: 0 });
  });
});
