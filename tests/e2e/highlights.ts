/** Reading what a person sees highlighted: our named highlights' texts, in document order. */
import type { Frame, Page } from '@playwright/test';

export const HIGHLIGHT_NAMES = [
  'plens-shared-care',
  'plens-specialist-initiation',
  'plens-no-commissioned-service',
  'plens-dependence-forming',
  'plens-possible',
  'plens-past',
] as const;

export type HighlightTexts = Partial<Record<(typeof HIGHLIGHT_NAMES)[number], string[]>>;

/**
 * Runs inside the page (any browser): every non-empty highlight of ours, each as its ranges' texts
 * sorted into document order. Self-contained so it can be passed to `evaluate`. A heavy page's
 * marks are painted without underline under `<name>-plain` (paint/paint-weight.ts): the same
 * marks to a person, so they are read under the name.
 */
export function collectHighlightTexts(names: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of names) {
    const ranges = [
      ...(CSS.highlights.get(name) ?? []),
      ...(CSS.highlights.get(`${name}-plain`) ?? []),
    ];
    if (ranges.length === 0) continue;
    const live: Range[] = [];
    for (const r of ranges) {
      if (!r.startContainer.isConnected) continue;
      const range = document.createRange();
      try {
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
      } catch {
        continue;
      }
      live.push(range);
    }
    // Ranges in different trees (a name inside a shadow root) cannot be compared as ranges:
    // those are ordered by their nodes' paths, flattened through shadow hosts. (No named inner
    // functions: callers running under tsx would send esbuild's `__name` wrapper to the page.)
    const paths = new Map<Range, Node[]>();
    for (const range of live) {
      const path: Node[] = [];
      for (let n: Node | null = range.startContainer; n;) {
        path.unshift(n);
        const root = n.getRootNode();
        n = root instanceof ShadowRoot && root === n ? root.host : n.parentNode;
      }
      paths.set(range, path);
    }
    live.sort((a, b) => {
      if (a.startContainer.getRootNode() === b.startContainer.getRootNode()) {
        return a.compareBoundaryPoints(Range.START_TO_START, b);
      }
      const pa = paths.get(a) ?? [];
      const pb = paths.get(b) ?? [];
      let i = 0;
      while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
      const x = pa[i];
      const y = pb[i];
      if (!x || !y) return pa.length - pb.length;
      if (x instanceof ShadowRoot) return 1; // a host's shadow tree after its light children
      if (y instanceof ShadowRoot) return -1;
      return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    if (live.length > 0) out[name] = live.map((r) => r.toString());
  }
  return out;
}

/** What a person sees highlighted on a page or in a frame. */
export function readHighlights(target: Page | Frame): Promise<HighlightTexts> {
  return target.evaluate(collectHighlightTexts, [...HIGHLIGHT_NAMES]);
}

/** Drops empty lists so expectations can omit categories a page does not use. */
export function withoutEmpty(texts: Readonly<Record<string, readonly string[]>>): HighlightTexts {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(texts)) if (v.length > 0) out[k] = [...v];
  return out;
}
