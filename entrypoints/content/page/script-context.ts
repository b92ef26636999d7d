/**
 * The content build's stand-in for WXT's `ContentScriptContext` (wxt/utils/content-script-context;
 * swapped in by rules/config/content-build-swaps.ts). WXT's generated entry makes one in every
 * frame and passes it to `main`, which does not use it: the script owns its lifetime
 * (page/lifetime.ts), because any page can end WXT's context by replaying the event below (hazard
 * log C1.6). WXT's class still did its work in every frame: it dispatched a `CustomEvent` named
 * with the extension's id on the page's document (which the page can hear, and which names the
 * extension to it), listened on the document for the same, and built its location watcher; about a
 * tenth of each frame's module evaluation on a page of many frames (bench/README.md, issue 22).
 * This one does nothing, so nothing reaches the page and nothing listens to it.
 */
export class ContentScriptContext {
  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {}
}
