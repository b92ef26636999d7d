/**
 * Open shadow roots (web components): the scanner reads their text as well as the document's, and
 * tells the watcher about each root it enters so changes inside are observed too (a document-level
 * MutationObserver never sees them). Closed roots are out of reach by design: `element.shadowRoot`
 * is null for them, and we do not use the extension-only ways in (`chrome.dom.openOrClosedShadowRoot`,
 * Firefox's `openOrClosedShadowRoot`) — a closed root is the page author's statement that its
 * insides are private.
 *
 * Painting needs no page change in Chromium: a range inside a shadow tree takes its
 * `::highlight()` style from the host by highlight inheritance, so highlights.css (a document-level
 * sheet) reaches it. Firefox ESR 153 does not carry the style across the shadow boundary, so
 * there such names are marked (counted, hoverable) but not tinted (hazard log C1.4).
 */

/** The shadow host when `node` is a shadow root, else null (plain fragments and documents too). */
export function hostOf(node: Node | null): Element | null {
  if (!node || node.nodeType !== 11) return null;
  return (node as Partial<ShadowRoot>).host ?? null;
}

/** The parent element, or from the top of a shadow tree its host. */
export function parentAcrossShadow(el: Element): Element | null {
  return el.parentElement ?? hostOf(el.parentNode);
}

type Listener = (root: ShadowRoot) => void;
const listeners = new Set<Listener>();

/** Calls `listener` with each open shadow root a scan enters (repeatedly: callers dedupe). */
export function onShadowRootScanned(listener: Listener, signal: AbortSignal): void {
  if (signal.aborted) return;
  listeners.add(listener);
  signal.addEventListener('abort', () => listeners.delete(listener), { once: true });
}

export function reportShadowRoot(root: ShadowRoot): void {
  for (const listener of listeners) listener(root);
}

type HostListener = (host: Element) => void;
const hostListeners = new Set<HostListener>();

/**
 * Calls `listener` with each element a scan passes that may gain a shadow root later: a custom
 * element not yet defined (`<med-card>` in the HTML, its script still loading). When its definition
 * arrives, the upgrade attaches the root and fills it without any change a MutationObserver on the
 * document sees, so the watcher looks again (watcher.ts).
 */
export function onPendingHostScanned(listener: HostListener, signal: AbortSignal): void {
  if (signal.aborted) return;
  hostListeners.add(listener);
  signal.addEventListener('abort', () => hostListeners.delete(listener), { once: true });
}

/**
 * For the scanner: `el` has no shadow root; reported when it is an undefined custom element.
 * `name` may be its `tagName` when the caller has read it: a hyphen in the prefix of an XML name
 * only adds a `:defined` check (elements outside HTML are always defined).
 */
export function notePossibleHost(el: Element, name?: string): void {
  if (hostListeners.size === 0) return;
  if (!(name ?? el.localName).includes('-') || el.matches(':defined')) return;
  for (const listener of hostListeners) listener(el);
}
