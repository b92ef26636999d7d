/**
 * One MutationObserver for the document. The callback only records (uBO #205: never work inside
 * it); the annotator does the work later in time slices. A huge batch becomes one full rescan
 * (Dark Reader's createOptimizedTreeObserver).
 */
import { blockOf } from './scanner';
import { INLINE_TAGS, OVERLAY_TAG, SKIPPED_TAGS } from './skip-rules';

export interface WatchTarget {
  /** Called synchronously for a text node whose characters changed (cheap: unpaints only). */
  textChanged?(node: Node): void;
  requestRoot(root: Element): void;
  requestFull(): void;
  requestSweep(): void;
}

/** Above this many dirty roots in one batch, re-scan the whole page instead. */
export const HUGE_BATCH = 600;

function rootFor(node: Node): Element | null {
  if (node.nodeType === 1) {
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag) || tag === OVERLAY_TAG) return null;
  } else if (node.nodeType !== 3) return null;
  if (!node.parentElement) return null;
  // An inline element or text node changes its block's run; a block element is its own root.
  return blockOf(node);
}

export function watchDom(doc: Document, target: WatchTarget, signal: AbortSignal): void {
  const observer = new MutationObserver((records) => {
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
          if (node.nodeName.toUpperCase() === OVERLAY_TAG) continue;
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
        if (joinsText && record.target.nodeType === 1) {
          const root = blockOf(record.target);
          if (root) roots.add(root);
        }
      } else {
        target.textChanged?.(record.target);
        const root = rootFor(record.target);
        if (root) roots.add(root);
      }
    }
    if (removed) target.requestSweep();
    if (roots.size > HUGE_BATCH) target.requestFull();
    else for (const root of roots) target.requestRoot(root);
  });
  observer.observe(doc, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['hidden'],
  });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
