/**
 * Runs work in short slices so the clinical page never sees a long task: each slice stops after
 * `budgetMs` and yields to the event loop, so input and rendering go first (uBO's 4 ms slices;
 * Dark Reader's queue). A batch starts with the next task and continues with prompt macrotasks:
 * waiting for idle cost the first scan 30–65 ms during page load and left 20–40 ms gaps between
 * slices (bench/README.md). Injectable: tests use a synchronous one.
 */
/** Housekeeping (forgetting removed marks) waits for idle, but never longer than this. */
const IDLE_TIMEOUT_MS = 500;
/** Where requestIdleCallback is missing (Safari), housekeeping runs after this pause instead. */
const IDLE_FALLBACK_MS = 50;

export interface Scheduler {
  /**
   * Asks for `work` to run soon; `work(shouldYield)` returns true when it has nothing left. Work asks
   * `shouldYield()` after every unit (a text run), however small: the scheduler decides how often
   * that reads the clock. It starts with the next task: the clinician is looking at an unmarked
   * screen.
   */
  request(work: (shouldYield: () => boolean) => boolean): void;
  /**
   * Runs `work` once when the page is idle (after the next frame): housekeeping nobody sees.
   * Without it, such work runs at once.
   */
  whenIdle?(work: () => void): void;
  /**
   * The work just painted what the clinician is looking at: its next slice waits for a frame.
   * Back-to-back slices otherwise held the frame that shows the first screen's flags back by
   * 300–500 ms on the 20,000-row page (bench/README.md, page20k_visible_flags_ms).
   */
  yieldToFrame?(): void;
  /**
   * True until the first frame after the document's load has rendered. Chromium runs its own
   * capture of the page's text (translation, phishing checks: `ChromeRenderFrameObserver::
   * CapturePageText`, up to 65,535 characters) inside that frame, 37–54 ms on the 20,000-row
   * page; Chromium holds the load event until document_idle content scripts have run, so without
   * care that frame is the one that paints our first flags (bench/README.md, "Why the first
   * screen's frame was long").
   */
  loadFramePending?(): boolean;
}

export interface SliceOptions {
  readonly budgetMs?: number;
  readonly signal: AbortSignal;
  readonly now?: () => number;
}

interface TaskScheduler {
  postTask(
    cb: () => void,
    options?: { priority?: 'user-blocking' | 'user-visible' | 'background' },
  ): Promise<unknown>;
}

type SchedulingWindow = Window & {
  requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number;
  scheduler?: TaskScheduler;
};

/** A macrotask that runs as soon as the event loop allows (after input and rendering). */
function continuation(win: SchedulingWindow): (cb: () => void) => void {
  const scheduler = win.scheduler;
  if (scheduler && typeof scheduler.postTask === 'function') {
    return (cb) => {
      scheduler.postTask(cb, { priority: 'user-visible' }).catch(() => undefined);
    };
  }
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (cb) => {
    queue.push(cb);
    channel.port2.postMessage(null);
  };
}

/** A hidden tab renders no frames: a slice that waits for one goes on after this long. */
const FRAME_WAIT_LIMIT_MS = 250;
/**
 * Waiting for the first frame after load (`loadFramePending`, which only a visible top-level page
 * reports): that frame always comes, but late: on the 20,000-row page the browser is still
 * rasterising the page's own first frame 250–430 ms after our start, and a wait cut at 250 ms
 * painted the first flags into it after all.
 */
const LOAD_FRAME_WAIT_LIMIT_MS = 1000;

/** Units quicker than this between clock reads let the next read wait twice as many units. */
const QUICK_GAP_MS = 0.5;
/** At most this many units between clock reads: 30–40 µs of text runs on a quiet page. */
const MAX_UNITS_BETWEEN_READS = 8;

/**
 * The "time to yield?" question a slice's work asks after every unit. Reading the clock costs about
 * 0.2 µs, a twentieth of a text run, so while units are quick it is read only every few of them;
 * after a slow stretch it is read after each unit again. Units are slow when it matters most: the
 * first runs on a page compile our code, and while V8 marks a huge page's DOM an allocation can pay
 * a 5 ms marking step: a fixed 16 units between reads made a 100 ms slice on the 20,000-row page.
 */
export function pacedDeadline(deadline: number, now: () => number): () => boolean {
  let every = 1;
  let left = 1;
  let last = now();
  return () => {
    if (--left > 0) return false;
    const t = now();
    if (t >= deadline) return true;
    every = t - last < QUICK_GAP_MS ? Math.min(every * 2, MAX_UNITS_BETWEEN_READS) : 1;
    left = every;
    last = t;
    return false;
  };
}

export function createSliceScheduler(
  win: SchedulingWindow,
  { budgetMs = 6, signal, now = () => performance.now() }: SliceOptions,
): Scheduler {
  let pending: ((shouldYield: () => boolean) => boolean) | null = null;
  let scheduled = false;
  let frameWanted = false;
  const next = continuation(win);
  // requestAnimationFrame runs just before the frame renders; the continuation after it.
  const afterFrame = (cb: () => void, limitMs: number) => {
    let called = false;
    const once = () => {
      if (called) return;
      called = true;
      next(cb);
    };
    win.requestAnimationFrame(once);
    win.setTimeout(once, limitMs);
  };

  const loadFrame = trackLoadFrame(win, signal, now);

  const run = () => {
    scheduled = false;
    if (signal.aborted || !pending) return;
    const work = pending;
    const done = work(pacedDeadline(now() + budgetMs, now));
    if (done && pending === work) pending = null;
    if (pending && !signal.aborted) {
      scheduled = true;
      if (frameWanted && typeof win.requestAnimationFrame === 'function')
        afterFrame(run, loadFrame() ? LOAD_FRAME_WAIT_LIMIT_MS : FRAME_WAIT_LIMIT_MS);
      else next(run);
    }
    frameWanted = false;
  };

  let idleQueued = false;
  const idleWork: (() => void)[] = [];
  const runIdle = () => {
    idleQueued = false;
    if (signal.aborted) return;
    for (const work of idleWork.splice(0)) work();
  };

  return {
    whenIdle(work) {
      idleWork.push(work);
      if (idleQueued || signal.aborted) return;
      idleQueued = true;
      if (win.requestIdleCallback) win.requestIdleCallback(runIdle, { timeout: IDLE_TIMEOUT_MS });
      else win.setTimeout(runIdle, IDLE_FALLBACK_MS);
    },
    yieldToFrame() {
      frameWanted = true;
    },
    loadFramePending: loadFrame,
    request(work) {
      pending = work;
      if (scheduled || signal.aborted) return;
      scheduled = true;
      next(run);
    },
  };
}

/** A document that finished loading this recently may not have rendered a frame since. */
const RECENT_LOAD_MS = 500;

/**
 * Whether the first frame after the document's load is still to come. A document_idle script
 * often starts before the load event (Chromium holds the load until such scripts have run), so
 * the load is watched for; a document that loaded a moment ago counts as not yet rendered, since no frame
 * need have followed a load that changed nothing on screen. Either way the first frame from then
 * on settles it.
 */
function trackLoadFrame(win: SchedulingWindow, signal: AbortSignal, now: () => number) {
  const doc = (win as Partial<Window>).document;
  // Chromium captures the text of top-level documents only, and a hidden tab renders no frame.
  if (!doc || typeof win.requestAnimationFrame !== 'function' || win.top !== win.self)
    return () => false;
  let pending = true;
  // A rAF callback runs inside the frame, before its lifecycle: any task after it finds that
  // frame, and Chromium's capture in it, done.
  const settleAtNextFrame = () =>
    win.requestAnimationFrame(() => {
      pending = false;
    });
  const isPending = () => pending && doc.visibilityState === 'visible';
  if (doc.readyState !== 'complete') {
    win.addEventListener('load', settleAtNextFrame, { once: true, signal });
    return isPending;
  }
  const nav = (win as Partial<Window>).performance?.getEntriesByType('navigation')[0];
  const loadEnd = nav && 'loadEventEnd' in nav ? Number(nav.loadEventEnd) : 0;
  if (!(loadEnd > 0 && now() - loadEnd < RECENT_LOAD_MS)) return () => false;
  settleAtNextFrame();
  return isPending;
}

/** Runs everything at once: for unit tests, where determinism beats responsiveness. */
export const synchronousScheduler: Scheduler = {
  request(work) {
    while (!work(() => false));
  },
  whenIdle(work) {
    work();
  },
};
