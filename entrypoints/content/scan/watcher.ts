/**
 * One MutationObserver for the document and every open shadow root the scanner enters (a
 * document's observer never sees inside shadow trees; `observe()` once per root). The callback
 * only records (uBO #205: never work inside it); the annotator does the work later in time slices.
 * A huge batch becomes one full rescan (Dark Reader's createOptimizedTreeObserver). Roots whose
 * host left the document are dropped after removals settle, so the set never outgrows the page.
 */
import { blockOf } from './scanner';
import { hostOf, onPendingHostScanned, onShadowRootScanned } from './shadow-roots';
import { INLINE_TAGS, isOurOverlay, SKIPPED_TAGS } from './skip-rules';

export interface WatchTarget {
  /** Called synchronously for a text node whose characters changed (cheap: unpaints only). */
  textChanged?(node: Node): void;
  requestRoot(root: Element): void;
  requestFull(): void;
  requestSweep(): void;
}

/** Above this many dirty roots in one batch, re-scan the whole page instead. */
export const HUGE_BATCH = 600;

/** After a removal, how long to wait before dropping shadow roots that left (one check per burst). */
export const SHADOW_PRUNE_MS = 1000;

/** What the watcher observes (the benchmark's observer-only peer uses the same). */
export const WATCH_OPTIONS: MutationObserverInit = {
  subtree: true,
  childList: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['hidden'],
};

function rootFor(node: Node): Element | null {
  if (node.nodeType === 1) {
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag) || isOurOverlay(el)) return null;
  } else if (node.nodeType !== 3) return null;
  if (!node.parentElement && !hostOf(node.parentNode)) return null;
  // An inline element or text node changes its block's run; a block element is its own root.
  return blockOf(node);
}

export interface DomWatch {
  /** Shadow roots observed now (bounded by those on the page; for tests). */
  readonly shadowRootCount: number;
  /** Undefined custom elements waiting for a definition that may give them a root (for tests). */
  readonly pendingHostCount: number;
}

/** Undefined custom elements looked at again, at most: the rest wait for the next scan. */
const MAX_PENDING_HOSTS = 1000;
/** How often they are looked at, and for how long after the last new one was found. */
export const PENDING_CHECK_MS = 1000;
export const PENDING_WATCH_MS = 30_000;

export function watchDom(doc: Document, target: WatchTarget, signal: AbortSignal): DomWatch {
  const win = doc.defaultView;
  const shadowRoots = new Set<ShadowRoot>();
  let pruneTimer = 0;
  // Custom elements not yet defined when scanned: an upgrade attaches and fills a shadow root
  // without a mutation the document's observer sees. Looked at every second for 30 s after the
  // last new one was found (definitions load with the page), then forgotten: the set must not
  // keep removed elements alive, and frameworks whose component tags are never defined (Angular)
  // would otherwise keep it full. Not on each mutation batch: that is the page's hot path.
  const pendingHosts = new Set<Element>();
  let pendingTimer = 0;
  let pendingUntil = 0;
  const checkPendingHosts = () => {
    for (const host of pendingHosts) {
      if (!host.isConnected) pendingHosts.delete(host);
      else if (host.shadowRoot) {
        pendingHosts.delete(host);
        target.requestRoot(host);
      } else if (host.matches(':defined')) pendingHosts.delete(host); // no open root: nothing to read
    }
  };
  const tick = () => {
    pendingTimer = 0;
    if (signal.aborted) return;
    checkPendingHosts();
    if (Date.now() >= pendingUntil) pendingHosts.clear();
    if (pendingHosts.size > 0) pendingTimer = win?.setTimeout(tick, PENDING_CHECK_MS) ?? 0;
  };
  onPendingHostScanned((host) => {
    if (host.ownerDocument !== doc || pendingHosts.has(host)) return;
    if (pendingHosts.size >= MAX_PENDING_HOSTS) return;
    pendingHosts.add(host);
    pendingUntil = Date.now() + PENDING_WATCH_MS;
    if (!pendingTimer) pendingTimer = win?.setTimeout(tick, PENDING_CHECK_MS) ?? 0;
  }, signal);
  const handle = (records: MutationRecord[]) => {
    const roots = new Set<Element>();
    let removed = false;
    for (const record of records) {
      if (record.type === 'childList') {
        for (const node of record.addedNodes) {
          const root = rootFor(node);
          if (root) roots.add(root);
        }
        let joinsText = false;
        for (const node of record.removedNodes) {
          if (isOurOverlay(node)) continue;
          removed = true;
          // Removing text or an inline piece (`<b>clone</b>`) changes the run of the block it
          // left; removing a block (a table row) changes no other block's text, so the sweep
          // alone suffices — re-scanning the whole <tbody> per replaced row cost 14 ms per 10 rows.
          if (
            node.nodeType === 3 ||
            (node.nodeType === 1 && INLINE_TAGS.has(node.nodeName.toUpperCase()))
          ) {
            joinsText = true;
          }
        }
        if (joinsText) {
          const t = record.target;
          const root = t.nodeType === 1 ? blockOf(t) : hostOf(t);
          if (root) roots.add(root);
        }
      } else {
        target.textChanged?.(record.target);
        const root = rootFor(record.target);
        if (root) roots.add(root);
      }
    }
    if (removed) {
      target.requestSweep();
      if (shadowRoots.size > 0 && !pruneTimer) {
        pruneTimer = win?.setTimeout(pruneShadowRoots, SHADOW_PRUNE_MS) ?? 0;
      }
    }
    if (roots.size > HUGE_BATCH) target.requestFull();
    else for (const root of roots) target.requestRoot(root);
  };
  const observer = new MutationObserver(handle);
  // A MutationObserver cannot stop observing one node: re-observe those still on the page.
  const pruneShadowRoots = () => {
    pruneTimer = 0;
    let left = false;
    for (const root of shadowRoots) {
      if (!root.host.isConnected) {
        shadowRoots.delete(root);
        left = true;
      }
    }
    if (!left || signal.aborted) return;
    const pending = observer.takeRecords();
    observer.disconnect();
    observer.observe(doc, WATCH_OPTIONS);
    for (const root of shadowRoots) observer.observe(root, WATCH_OPTIONS);
    if (pending.length > 0) handle(pending);
  };
  observer.observe(doc, WATCH_OPTIONS);
  // Found by scans, including roots attached later: a new component's host is an added node.
  onShadowRootScanned((root) => {
    if (shadowRoots.has(root) || root.ownerDocument !== doc || !root.host.isConnected) return;
    shadowRoots.add(root);
    observer.observe(root, WATCH_OPTIONS);
  }, signal);
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      shadowRoots.clear();
      pendingHosts.clear();
      if (pruneTimer) win?.clearTimeout(pruneTimer);
      if (pendingTimer) win?.clearTimeout(pendingTimer);
    },
    { once: true },
  );
  return {
    get shadowRootCount() {
      return shadowRoots.size;
    },
    get pendingHostCount() {
      return pendingHosts.size;
    },
  };
}
