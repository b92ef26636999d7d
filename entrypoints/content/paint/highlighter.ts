/**
 * Paints marks with the CSS Custom Highlight API: one named Highlight per category, StaticRanges
 * only (live Ranges slow every DOM edit the page makes: docs/performance.md). The ::highlight() styles
 * come from the content script's manifest CSS, so nothing is added to the page. Deltas are applied
 * in one go so the browser repaints once per batch.
 *
 * A page can delete our highlights from the registry; they are put back on the next check. A page
 * that keeps deleting them (every frame, say) would leave the clinician an unmarked page with the
 * extension apparently running, so two checks in a row that find ours gone, 250 ms apart, count as
 * blocked and are reported (`onBlockedChange`: the toolbar button turns grey, issue #7 "inactive
 * within 2 s"), as is the first check that finds them still there.
 *
 * The page can also reach into a registered Highlight: clear it, delete one range, or add its own
 * (a fake flag). So each check compares the ranges, not just the objects, with our own record of
 * what we painted: missing ones are put back, foreign ones dropped, and either counts as a repair
 * (issue #16). `ensureRegistered(otherRepair)` lets the caller count the overlay host the same way.
 */
import type { Mark, MarkDelta } from '../scan/page-session';
import type { HighlightName } from './highlight-names';

/** After a repair, look again this soon: a one-off deletion and a page fighting us differ here. */
const RECHECK_MS = 250;

export interface HighlightEnv {
  readonly registry: HighlightRegistry;
  readonly createHighlight: () => Highlight;
  /** Told when the page starts and stops removing our highlights as fast as we restore them. */
  readonly onBlockedChange?: (isBlocked: boolean) => void;
  /** One-off timers for the re-check after a repair (without them, only the caller's checks run). */
  readonly setTimeout?: (fn: () => void, ms: number) => number;
  readonly clearTimeout?: (id: number) => void;
}

export function defaultHighlightEnv(
  onBlockedChange: (isBlocked: boolean) => void,
  win: Window & typeof globalThis = window,
): HighlightEnv | null {
  if (!('highlights' in win.CSS)) return null;
  return {
    registry: win.CSS.highlights,
    createHighlight: () => new win.Highlight(),
    onBlockedChange,
    setTimeout: (fn, ms) => win.setTimeout(fn, ms),
    clearTimeout: (id) => win.clearTimeout(id),
  };
}

export class Highlighter {
  private readonly highlights = new Map<HighlightName, Highlight>();
  /** What we painted, per name: the truth the page cannot edit. */
  private readonly painted = new Map<HighlightName, Set<AbstractRange>>();
  /**
   * The name each range was painted under: a mark's name can change after it was painted (a new
   * style or practice profile), and its removal must find it where it is.
   */
  private readonly paintedAs = new Map<AbstractRange, HighlightName>();
  /** Names we have registered before: finding one missing is a repair, not a first paint. */
  private readonly registered = new Set<HighlightName>();
  /** Consecutive checks that had to put our highlights back. */
  private repairs = 0;
  private isBlocked = false;
  private recheck: number | null = null;

  /**
   * @param nameOf the highlight a mark paints in now (it follows the prescriber's style; after a
   *   change of style, `resync` repaints every mark under its new name)
   * @param isVisible marks it rejects stay known (counted in the summary) but unpainted: a drug
   *   the clinician dismissed for this tab or session.
   */
  constructor(
    private readonly env: HighlightEnv,
    private readonly nameOf: (mark: Mark) => HighlightName,
    private readonly isVisible: (mark: Mark) => boolean = () => true,
  ) {}

  /** Whether the page is removing our highlights as fast as we restore them. */
  get isPaintBlocked(): boolean {
    return this.isBlocked;
  }

  apply(delta: MarkDelta): void {
    for (const mark of delta.removed) {
      const name = this.paintedAs.get(mark.range);
      if (name === undefined) continue;
      this.paintedAs.delete(mark.range);
      this.highlights.get(name)?.delete(mark.range);
      this.painted.get(name)?.delete(mark.range);
    }
    for (const mark of delta.added) if (this.isVisible(mark)) this.paint(mark);
    // O(delta): comparing every painted range with the page's copy here made each batch cost
    // O(all marks) (incremental10_ms, host_mutation_slowdown: issue #22). The full comparison
    // runs on the caller's periodic check (ensureRegistered); a batch only puts back a highlight
    // the page unregistered, which would otherwise hide the marks just painted until then.
    this.noteCheck(this.registerMissing());
  }

  /** Registers our highlights the registry lacks; true if one had been registered before. */
  private registerMissing(): boolean {
    let repaired = false;
    for (const [name, highlight] of this.highlights) {
      if (this.env.registry.get(name) === highlight) continue;
      if (this.registered.has(name)) repaired = true;
      this.env.registry.set(name, highlight);
      this.registered.add(name);
    }
    return repaired;
  }

  /** Repaints from scratch after visibility changed (dismiss or restore): one registry change. */
  resync(marks: Iterable<Mark>): void {
    for (const h of this.highlights.values()) h.clear();
    for (const p of this.painted.values()) p.clear();
    this.paintedAs.clear();
    for (const mark of marks) if (this.isVisible(mark)) this.paint(mark);
    this.ensureRegistered();
  }

  /**
   * Re-registers our highlights if the page (or anything else) removed or replaced them; true when
   * it had to.
   */
  ensureRegistered(otherRepair = false): boolean {
    let repaired = otherRepair;
    for (const [name, highlight] of this.highlights) {
      if (this.restoreRanges(highlight, this.painted.get(name))) repaired = true;
      if (this.env.registry.get(name) === highlight) continue;
      if (this.registered.has(name)) repaired = true;
      this.env.registry.set(name, highlight);
      this.registered.add(name);
    }
    this.noteCheck(repaired);
    return repaired;
  }

  /** Makes `highlight` hold exactly `ours`: true if the page had changed it. O(ranges). */
  private restoreRanges(
    highlight: Highlight,
    ours: ReadonlySet<AbstractRange> = new Set(),
  ): boolean {
    let changed = false;
    let intact = highlight.size === ours.size;
    if (intact) for (const r of ours) if (!highlight.has(r)) intact = false;
    if (!intact) {
      const foreign: AbstractRange[] = [];
      highlight.forEach((r) => {
        if (!ours.has(r)) foreign.push(r);
      });
      for (const r of foreign) highlight.delete(r);
      for (const r of ours) if (!highlight.has(r)) highlight.add(r);
      changed = true;
    }
    return changed;
  }

  clear(): void {
    this.paintedAs.clear();
    for (const [name, highlight] of this.highlights) {
      highlight.clear();
      if (this.env.registry.get(name) === highlight) this.env.registry.delete(name);
    }
    this.highlights.clear();
    this.painted.clear();
    this.registered.clear();
    if (this.recheck !== null) this.env.clearTimeout?.(this.recheck);
    this.recheck = null;
    this.repairs = 0;
  }

  private noteCheck(repaired: boolean): void {
    this.repairs = repaired ? this.repairs + 1 : 0;
    const isBlocked = this.repairs >= 2 || (this.isBlocked && repaired);
    if (isBlocked !== this.isBlocked) {
      this.isBlocked = isBlocked;
      this.env.onBlockedChange?.(isBlocked);
    }
    if (repaired && this.recheck === null && this.env.setTimeout) {
      this.recheck = this.env.setTimeout(() => {
        this.recheck = null;
        this.ensureRegistered();
      }, RECHECK_MS);
    }
  }

  private paint(mark: Mark): void {
    const name = this.nameOf(mark);
    let h = this.highlights.get(name);
    let p = this.painted.get(name);
    if (!h || !p) {
      h = this.env.createHighlight();
      p = new Set();
      this.highlights.set(name, h);
      this.painted.set(name, p);
    }
    h.add(mark.range);
    p.add(mark.range);
    this.paintedAs.set(mark.range, name);
  }
}
