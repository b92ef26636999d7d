/**
 * Whether the page is too heavy for decorated marks. In Chromium, a registered highlight whose
 * style has `text-decoration` makes each re-validation of the highlight markers re-compute the
 * visual overflow of its text's whole painting layer (HighlightRegistry::ValidateHighlightMarkers
 * → LayoutObject::InvalidateVisualOverflow → PaintLayer::SetNeedsVisualOverflowRecalc). Markers
 * are re-validated after every registry change and every DOM or style change the page makes, so
 * on the 20,000-row page one decorated range made each such frame a 100–160 ms task (a tint alone:
 * 20–30 ms), the page's own hover and typing frames included. Heavy pages are painted plain
 * (paint/highlight-names.ts, `PlainName`); measurements in bench/README.md.
 *
 * Decided from the page's height when the first marks are painted (the first screen's, before the
 * page is read), and again from the text runs read when each full scan ends: a page whose bulk
 * sits in an inner scroller is short but heavy, and a page can grow or shrink.
 */

/** Taller than this many screens: heavy (the 2,000-row bench page is about 120, 10,000 rows 600). */
export const HEAVY_SCREENS = 300;
/**
 * More text runs than this: heavy. On a loaded 2-core machine a decorated re-validation cost about
 * 0.6 µs per run (10 ms at 2,000 rows, 95 ms at 20,000), so this keeps it near 25 ms at worst.
 */
export const HEAVY_RUNS = 40_000;

export class PaintWeight {
  private heavy: boolean | null = null;

  /** @param screens the document's height in viewport heights (read at most once per scan). */
  constructor(private readonly screens: () => number) {}

  /** Whether marks are painted plain; decided from the page's height the first time it is asked. */
  get isHeavy(): boolean {
    this.heavy ??= this.screens() > HEAVY_SCREENS;
    return this.heavy;
  }

  /**
   * A full scan read `runs` text runs: decides again. True if marks already painted must be
   * repainted under the other names.
   */
  noteFullScan(runs: number): boolean {
    const was = this.heavy;
    this.heavy = runs > HEAVY_RUNS || this.screens() > HEAVY_SCREENS;
    return was !== null && was !== this.heavy;
  }
}

/** The document's height in viewport heights (a layout read; the page is laid out by then). */
export function documentScreens(win: Window): number {
  return win.document.documentElement.scrollHeight / Math.max(1, win.innerHeight);
}
