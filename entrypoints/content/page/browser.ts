/**
 * The content build's `browser` (what `wxt/browser` resolves to in content.js; swapped in by
 * rules/config/content-build-swaps.ts). Exactly what webextension-polyfill exports: the browser's
 * own `browser` namespace where it has one with a `runtime.id` (Firefox; Chromium once it has the
 * namespace, as Chromium 156 does), else the polyfill's promise wrapper around `chrome`.
 *
 * The difference is when the polyfill's module runs: only where it is needed. Imported the usual
 * way, its module and the bundler's ES-module wrapper ran in every frame even where the polyfill
 * only hands the namespace back, and the wrapper copied every namespace's property
 * (`__toESM`), touching `chrome` and all of `browser`'s namespaces in each fresh context: about a
 * sixth of each frame's module evaluation on a page of many frames (bench/README.md, issue 22).
 */
import type { browser as polyfilled } from 'wxt/browser';

/** What `wxt/browser` exports in the other builds (the polyfill's type). */
type Browser = typeof polyfilled;

/** The bundler's CommonJS `require`: it runs the polyfill's module when first called. */
declare const require: (id: 'webextension-polyfill') => unknown;

/** The polyfill's own test for a namespace it would hand back unchanged. */
function nativeBrowser(): Browser | undefined {
  const candidate = (globalThis as { browser?: Browser }).browser;
  return candidate?.runtime?.id ? candidate : undefined;
}

export const browser: Browser = nativeBrowser() ?? (require('webextension-polyfill') as Browser);
