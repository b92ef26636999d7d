/**
 * The work queue between the watcher and the page session: dirty roots in, highlight deltas out,
 * one time slice at a time. A full scan paints once at its end (registering a highlight while a
 * chunked scan still adds to it multiplies paint cost: docs/performance.md); incremental scans paint at
 * the end of each slice.
 */
import type { Mark, MarkDelta, PageSession, ScanJob } from './page-session';
import type { Scheduler } from './scheduler';
import { isInsideSkipped } from './skip-rules';

/** Where mark deltas go: the highlighter, or the viewport culler in front of it. */
export interface Painter {
  apply(delta: MarkDelta): void;
}

export interface AnnotatorHooks {
  /**
   * Called after each full scan completes, e.g. to record a performance measure; `runs` is how
   * many text runs it read (the page's weight to paint).
   */
  readonly onFullScanDone?: (markCount: number, runs: number) => void;
  /**
   * Whether a block lies below the first screen. With it, the first full scan paints what it has
   * found once it passes the fold (the flags the clinician can see), then the rest at its end.
   */
  readonly isBelowFold?: (block: Element) => boolean;
  /** Whether the page is long enough that the first screen's flags should render before the rest. */
  readonly isLongPage?: () => boolean;
  /** Called once the flags on the first screen are painted (at the fold, or at the scan's end). */
  readonly onVisibleDone?: () => void;
  /**
   * Work the first scan's first text run would otherwise do all at once (the rules, the engine's
   * tables: rules/engine/warm-up.ts), one step per call; false once nothing is left. Each step that
   * ran gets a task of its own before the first scan starts.
   */
  readonly prepare?: () => boolean;
  /** Called whenever painted marks change. */
  readonly onChange?: () => void;
  /**
   * A scan threw: its root is left as far as it got, and other work goes on. Called once until
   * `onRecovered`, after the next full scan that completes without an error (a page re-rendering
   * the text that trips a scan would otherwise repeat it every frame).
   */
  readonly onScanError?: (error: unknown) => void;
  readonly onRecovered?: () => void;
}

/** At most this many marks are painted before a first scan ends (a screenful is far fewer). */
export const MAX_EARLY_MARKS = 500;

export class Annotator {
  private readonly queue = new Set<Element>();
  private job: ScanJob | null = null;
  private jobIsFull = false;
  private fullPending = false;
  private sweepPending = false;
  private failed = false;
  private visibleNoted = false;
  private preparing = true;
  /** The first screen's flags wait for the next slice (see `loadFramePending`). */
  private earlyDue = false;
  private heldAdds: Mark[] = [];
  private heldRemoves: Mark[] = [];

  constructor(
    private readonly doc: Document,
    private readonly session: PageSession,
    private readonly painter: Painter,
    private readonly scheduler: Scheduler,
    private readonly hooks: AnnotatorHooks = {},
  ) {}

  /** Re-scan everything (start, navigation, huge mutation batches). */
  requestFull(): void {
    this.fullPending = true;
    this.queue.clear();
    this.kick();
  }

  /**
   * Re-scan what changed. Promptly (the next task, usually before the frame that shows the new
   * rows) rather than when idle: new rows should not appear unflagged for a frame or more.
   */
  requestRoot(root: Element): void {
    if (this.fullPending) return;
    this.queue.add(root);
    this.kick();
  }

  /**
   * Text changed in place: unpaint its marks now (a map look-up and Highlight.delete, no scanning),
   * so a stale range never paints over the new characters; the queued rescan repaints.
   */
  textChanged(node: Node): void {
    const dropped = this.session.dropMarksOn(node);
    if (dropped.length > 0) this.painter.apply({ added: [], removed: dropped });
  }

  /**
   * Nodes left the page: forget their marks once the page is idle. Their ranges no longer paint
   * (a detached range is not rendered), so this is housekeeping (memory, the page summary) and
   * stays out of the way of re-flagging what replaced them.
   */
  requestSweep(): void {
    if (this.sweepPending) return;
    this.sweepPending = true;
    const later = this.scheduler.whenIdle?.bind(this.scheduler) ?? ((work: () => void) => work());
    later(() => {
      this.sweepPending = false;
      const removed = this.session.sweepDisconnected();
      if (removed.length === 0) return;
      this.painter.apply({ added: [], removed });
      this.hooks.onChange?.();
    });
  }

  /** Whether a scan has failed since the last full scan that completed without an error. */
  get hasFailedScan(): boolean {
    return this.failed;
  }

  get isIdle(): boolean {
    return !this.job && !this.fullPending && this.queue.size === 0;
  }

  private kick(): void {
    this.scheduler.request((shouldYield) => this.work(shouldYield));
  }

  private work(shouldYield: () => boolean): boolean {
    if (this.preparing) {
      if (this.hooks.prepare?.()) return false;
      this.preparing = false;
    }
    if (this.earlyDue) {
      // The frame after the page's load has rendered: the first screen's flags get one of their
      // own, then the scan reads on.
      this.earlyDue = false;
      this.paintEarly();
      this.scheduler.yieldToFrame?.();
      return this.isIdle;
    }
    let changed = false;
    // One batch of changes shares section decisions (headings rarely change with the rows).
    if (!this.job) this.session.beginBatch();
    while (!shouldYield()) {
      if (!this.job && !this.startNextJob()) break;
      const job = this.job;
      if (!job) break;
      let done: boolean;
      let failed = false;
      try {
        done = job.step(shouldYield);
      } catch (error) {
        // Whatever this root's text is, one bad node must not stop the page's other scans; what
        // was found so far is painted, and the clinician is told the page is not fully read.
        done = true;
        failed = true;
        if (!this.failed) {
          this.failed = true;
          this.hooks.onScanError?.(error);
        }
      }
      const delta = job.takeDelta();
      if (this.jobIsFull) {
        this.heldAdds.push(...delta.added);
        this.heldRemoves.push(...delta.removed);
        // A first scan has nothing to remove: the first screen's flags can go up on their own,
        // a few dozen ranges, long before a long page is read.
        // A page scrolled far down reaches the fold only after everything above it: then the
        // early batch is no longer the screen's few flags, and the end of the scan paints it.
        if (job.takeFold() && this.heldAdds.length <= MAX_EARLY_MARKS) {
          // On a long page, let that frame render before reading on; a short page is read by
          // then anyway, and waiting would only delay its other flags.
          if (!this.hooks.isLongPage?.()) {
            this.paintEarly();
          } else {
            // Chromium's capture of the page's text runs in the first frame after the load:
            // painting in that frame too made one 60–80 ms task on the 20,000-row page, where
            // two frames take 40–50 and 17–28 ms, and the flags show about as soon.
            if (this.scheduler.loadFramePending?.()) this.earlyDue = true;
            else this.paintEarly();
            this.scheduler.yieldToFrame?.();
            break;
          }
        }
      } else if (delta.added.length > 0 || delta.removed.length > 0) {
        this.painter.apply(delta);
        changed = true;
      }
      if (done) {
        if (this.jobIsFull) {
          this.painter.apply({ added: this.heldAdds, removed: this.heldRemoves });
          this.heldAdds = [];
          this.heldRemoves = [];
          changed = true;
          this.noteVisible();
          this.hooks.onFullScanDone?.(this.session.size, job.runs);
          if (this.failed && !failed) {
            this.failed = false;
            this.hooks.onRecovered?.();
          }
        }
        this.job = null;
        this.jobIsFull = false;
      }
    }
    if (changed) this.hooks.onChange?.();
    return this.isIdle;
  }

  /** Paints what the first full scan found above the fold, before it reads on. */
  private paintEarly(): void {
    this.painter.apply({ added: this.heldAdds, removed: [] });
    this.heldAdds = [];
    // Not a change for the page summary yet: its counts wait for the whole page.
    this.noteVisible();
  }

  private noteVisible(): void {
    if (this.visibleNoted) return;
    this.visibleNoted = true;
    this.hooks.onVisibleDone?.();
  }

  private startNextJob(): boolean {
    const body = this.doc.body;
    if (this.fullPending) {
      this.fullPending = false;
      if (!body) return false;
      this.job = this.session.startScan(body, true, this.hooks.isBelowFold);
      this.jobIsFull = true;
      return true;
    }
    for (const root of this.queue) {
      this.queue.delete(root);
      if (!root.isConnected || this.hasQueuedAncestor(root) || isInsideSkipped(root, body))
        continue;
      this.job = this.session.startScan(root);
      this.jobIsFull = false;
      return true;
    }
    return false;
  }

  private hasQueuedAncestor(root: Element): boolean {
    for (let el = root.parentElement; el; el = el.parentElement) {
      if (this.queue.has(el) || this.job?.root === el) return true;
    }
    return false;
  }
}
