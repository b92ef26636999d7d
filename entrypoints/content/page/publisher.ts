/**
 * Sends this frame's page summary (counts per medicine, co-prescribing alerts: no free page text)
 * to the background for the badge and popup, and shows the co-prescribing notice, a short while
 * after the marks stop changing.
 */
import { browser } from 'wxt/browser';
import type { PageSummary } from '@/rules/schema/messages';
import type { Lifetime } from './lifetime';
import { runToEnd, type PageState } from './page-summary';

/** Marks change in bursts while a page renders; one summary per burst is enough for the badge. */
const PUBLISH_DEBOUNCE_MS = 250;
/** A worker still installing drops the first message (fresh profile): one retry after this. */
const RETRY_MS = 1000;
/** A scheduled publish works this long per task before it lets the page run. */
const STEP_BUDGET_MS = 4;

export interface PublisherDeps {
  /**
   * The page's state now (summary and notices), worked out in steps: a scheduled publish runs
   * them a few milliseconds per task (a big page's summary is tens of thousands of marks), an
   * immediate one runs them all at once.
   */
  readonly compute: () => Generator<void, PageState, void>;
  readonly showNotices: (notices: PageState['notices']) => void;
  readonly life: Lifetime;
}

export class SummaryPublisher {
  private timer = 0;
  /** A publish is scheduled and has not run yet. */
  private isDue = false;
  private last: PageSummary = { flagged: [], alerts: [] };
  /** Bumped by every publish and schedule: a summary worked out in steps stops if it is stale. */
  private generation = 0;

  constructor(private readonly deps: PublisherDeps) {}

  /** The summary last sent (what the popup asks for). */
  get summary(): PageSummary {
    return this.last;
  }

  /** Computes and sends now. */
  publish(): void {
    this.generation++;
    window.clearTimeout(this.timer);
    this.send(runToEnd(this.deps.compute()));
  }

  /**
   * Computes a few milliseconds per task, then sends. A publish or schedule in between makes
   * this one stale: it stops, and the newer one reports.
   */
  private publishInSteps(): void {
    const generation = ++this.generation;
    const steps = this.deps.compute();
    const work = () => {
      if (generation !== this.generation) return;
      const deadline = performance.now() + STEP_BUDGET_MS;
      for (;;) {
        const next = steps.next();
        if (next.done) return this.send(next.value);
        if (performance.now() >= deadline) break;
      }
      this.timer = this.deps.life.setTimeout(work, 0);
    };
    work();
  }

  private send(state: PageState): void {
    this.isDue = false;
    this.last = state.summary;
    this.deps.showNotices(state.notices);
    const message = { type: 'plens:summary', summary: state.summary };
    browser.runtime.sendMessage(message).catch(() =>
      this.deps.life.setTimeout(() => {
        browser.runtime.sendMessage(message).catch(() => undefined);
      }, RETRY_MS),
    );
  }

  /** Publishes once the marks have been still for a moment. */
  schedule(): void {
    window.clearTimeout(this.timer);
    this.generation++;
    this.isDue = true;
    this.timer = this.deps.life.setTimeout(() => this.publishInSteps(), PUBLISH_DEBOUNCE_MS);
  }

  /**
   * The background asks every frame to report again once a page has loaded (it may have
   * forgotten the tab's frames). A frame still settling has a publish due within moments, which
   * reports the same or a newer summary: working it out and sending it twice was paid by every
   * frame of a page as it loads.
   */
  reportAgain(): void {
    if (!this.isDue) this.publish();
  }
}
