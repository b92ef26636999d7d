import { describe, expect, test } from 'vitest';
import { browser } from './browser';
import { ContentScriptContext } from './script-context';

describe("the content build's stand-ins for WXT's modules", () => {
  test('with the browser’s own namespace, the content script uses it, as webextension-polyfill would', () => {
    const native = (globalThis as { browser?: { runtime?: { id?: string } } }).browser;
    expect(native?.runtime?.id).toBeTruthy();
    expect(browser).toBe(native);
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
