/**
 * On very large pages, paints only the marks near the viewport. Changing a highlight repaints all
 * of its ranges, so 5,800 registered ranges on a 20,000-row screen made a 450 ms rendering task
 * (bench/README.md); registering only the rows within a screen of the viewport keeps each repaint
 * small, and scrolling brings the rest in (an IntersectionObserver, one batch per callback).
 * Marks, hit-testing and the page summary still cover the whole page. Small pages paint everything.
 */
import type { Highlighter } from './highlighter';
import type { Mark, MarkDelta, PageSession } from '../scan/page-session';

/** Above this many marks on the page, paint near the viewport only. */
export const CULL_ABOVE = 1500;
/**
 * Blocks given to the observer per task when culling starts. Observing all of a 20,000-row page's
 * blocks at once (and the observer's first report of them all) made one long task, 160 ms once
 * while Blink's heap was being marked (tests/e2e/hostile-scale.spec.ts).
 */
export const OBSERVE_PER_TASK = 2000;

export class ViewportCuller {
  private observer: IntersectionObserver | null = null;
  private readonly visible = new Set<Element>();
  private readonly observed = new Set<Element>();
  /** Blocks of the marks painted before culling began (the first screen's, painted first). */
  private readonly paintedBefore = new Set<Element>();
  /** Blocks waiting for their turn to be observed (culling's start, a task at a time). */
  private waiting: Element[] = [];
  private waitTimer: number | null = null;

  constructor(
    private readonly win: Window & typeof globalThis,
    private readonly session: PageSession,
    private readonly highlighter: Highlighter,
    private readonly threshold = CULL_ABOVE,
    private readonly observePerTask = OBSERVE_PER_TASK,
  ) {}

  get isCulling(): boolean {
    return this.observer !== null;
  }

  /** Applies a mark delta, painting only visible blocks' marks while culling. */
  apply(delta: MarkDelta): void {
    if (
      !this.observer &&
      this.session.size > this.threshold &&
      'IntersectionObserver' in this.win
    ) {
      this.start();
      return;
    }
    if (!this.observer) {
      for (const mark of delta.added) this.paintedBefore.add(mark.block);
      this.highlighter.apply(delta);
      return;
    }
    for (const mark of delta.added) this.observe(mark.block);
    this.highlighter.apply({
      added: delta.added.filter((m) => this.visible.has(m.block)),
      removed: delta.removed,
    });
  }

  /** Repaints from scratch (dismiss/restore), respecting culling. */
  resync(): void {
    this.highlighter.resync(this.paintable());
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.waiting = [];
    if (this.waitTimer !== null) this.win.clearTimeout(this.waitTimer);
    this.waitTimer = null;
    this.paintedBefore.clear();
    this.visible.clear();
    this.observed.clear();
  }

  private *paintable(): Generator<Mark> {
    for (const mark of this.session.allMarks())
      if (!this.observer || this.visible.has(mark.block)) yield mark;
  }

  private start(): void {
    // One screen above and below: scrolling rarely outruns it, and it stays a few hundred ranges.
    this.observer = new this.win.IntersectionObserver((entries) => this.onIntersect(entries), {
      rootMargin: '100% 0px 100% 0px',
    });
    // Keep what is painted (the first screen's flags, painted before the rest of a long page was
    // read: unpainting them would blink), unpaint the rest, and let the observer's first callback
    // settle what is near the viewport: it reports every observed block, in view or not.
    for (const block of this.paintedBefore) this.visible.add(block);
    this.highlighter.resync(this.paintable());
    // The painted blocks first, so the first screen's flags go as soon as it scrolls away; the
    // rest a task at a time (their marks stay unpainted until observed near the viewport).
    const blocks = new Set(this.paintedBefore);
    this.paintedBefore.clear();
    for (const mark of this.session.allMarks()) blocks.add(mark.block);
    this.waiting = [...blocks];
    this.observeWaiting();
  }

  private observeWaiting(): void {
    this.waitTimer = null;
    const chunk = this.waiting.splice(0, this.observePerTask);
    for (const block of chunk) this.observe(block);
    if (this.waiting.length === 0) return;
    this.waitTimer = this.win.setTimeout(() => this.observeWaiting(), 0);
  }

  private observe(block: Element): void {
    if (this.observed.has(block) || !this.observer) return;
    this.observed.add(block);
    this.observer.observe(block);
  }

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    const added: Mark[] = [];
    const removed: Mark[] = [];
    for (const entry of entries) {
      const block = entry.target;
      if (!block.isConnected) {
        this.observer?.unobserve(block);
        this.observed.delete(block);
        this.visible.delete(block);
        continue;
      }
      const marks = this.session.marksIn(block);
      if (entry.isIntersecting) {
        if (!this.visible.has(block)) added.push(...marks);
        this.visible.add(block);
      } else if (this.visible.delete(block)) {
        removed.push(...marks);
      }
    }
    if (added.length > 0 || removed.length > 0) this.highlighter.apply({ added, removed });
  }
}
