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
 * sorted into document order. Self-contained so it can be passed to `evaluate`.
 */
export function collectHighlightTexts(names: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of names) {
    const highlight = CSS.highlights.get(name);
    if (!highlight || highlight.size === 0) continue;
    const live: Range[] = [];
    for (const r of highlight) {
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
    live.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
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
