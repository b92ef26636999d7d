/**
 * Runs work in short slices so the clinical page never sees a long task: each slice stops after
 * `budgetMs` and the rest waits for the next idle period (uBO's 4 ms slices; Dark Reader's queue).
 * Injectable: tests pass a synchronous scheduler.
 */
export interface Scheduler {
  /** Asks for `work` to run soon; `work(shouldYield)` returns true when it has nothing left. */
  request(work: (shouldYield: () => boolean) => boolean): void;
}

export interface SliceOptions {
  readonly budgetMs?: number;
  readonly signal: AbortSignal;
  readonly now?: () => number;
}

type IdleWindow = Window & {
  requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number;
};

export function createSliceScheduler(
  win: IdleWindow,
  { budgetMs = 6, signal, now = () => performance.now() }: SliceOptions,
): Scheduler {
  let pending: ((shouldYield: () => boolean) => boolean) | null = null;
  let scheduled = false;

  const schedule = () => {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    // Idle time first, but never later than 50 ms: re-rendered rows must be re-flagged promptly.
    if (win.requestIdleCallback) win.requestIdleCallback(run, { timeout: 50 });
    else win.setTimeout(run, 0);
  };

  const run = () => {
    scheduled = false;
    if (signal.aborted || !pending) return;
    const work = pending;
    const deadline = now() + budgetMs;
    const done = work(() => now() >= deadline);
    if (done && pending === work) pending = null;
    if (pending) schedule();
  };

  return {
    request(work) {
      pending = work;
      schedule();
    },
  };
}

/** Runs everything at once: for unit tests, where determinism beats responsiveness. */
export const synchronousScheduler: Scheduler = {
  request(work) {
    while (!work(() => false));
  },
};
