/**
 * Paints marks with the CSS Custom Highlight API: one named Highlight per category, StaticRanges
 * only (live Ranges slow every DOM edit the page makes: PERFORMANCE.md). The ::highlight() styles
 * come from the content script's manifest CSS, so nothing is added to the page. Deltas are applied
 * in one go so the browser repaints once per batch.
 */
import type { HighlightName, Mark, MarkDelta } from './page-session';

export interface HighlightEnv {
  readonly registry: HighlightRegistry;
  readonly createHighlight: () => Highlight;
}

export function defaultHighlightEnv(win: Window & typeof globalThis = window): HighlightEnv | null {
  if (!('highlights' in win.CSS)) return null;
  return { registry: win.CSS.highlights, createHighlight: () => new win.Highlight() };
}

export class Highlighter {
  private readonly highlights = new Map<HighlightName, Highlight>();

  /**
   * @param isVisible marks it rejects stay known (counted in the summary) but unpainted: a drug
   *   the clinician dismissed for this tab or session.
   */
  constructor(
    private readonly env: HighlightEnv,
    private readonly isVisible: (mark: Mark) => boolean = () => true,
  ) {}

  apply(delta: MarkDelta): void {
    for (const mark of delta.removed) this.highlights.get(mark.highlight)?.delete(mark.range);
    for (const mark of delta.added)
      if (this.isVisible(mark)) this.highlightFor(mark).add(mark.range);
    this.ensureRegistered();
  }

  /** Repaints from scratch after visibility changed (dismiss or restore): one registry change. */
  resync(marks: Iterable<Mark>): void {
    for (const h of this.highlights.values()) h.clear();
    for (const mark of marks) if (this.isVisible(mark)) this.highlightFor(mark).add(mark.range);
    this.ensureRegistered();
  }

  /** Re-registers our highlights if the page (or anything else) removed or replaced them. */
  ensureRegistered(): boolean {
    let repaired = false;
    for (const [name, highlight] of this.highlights) {
      if (this.env.registry.get(name) !== highlight) {
        this.env.registry.set(name, highlight);
        repaired = true;
      }
    }
    return repaired;
  }

  clear(): void {
    for (const [name, highlight] of this.highlights) {
      highlight.clear();
      if (this.env.registry.get(name) === highlight) this.env.registry.delete(name);
    }
    this.highlights.clear();
  }

  private highlightFor(mark: Mark): Highlight {
    let h = this.highlights.get(mark.highlight);
    if (!h) {
      h = this.env.createHighlight();
      this.highlights.set(mark.highlight, h);
    }
    return h;
  }
}
