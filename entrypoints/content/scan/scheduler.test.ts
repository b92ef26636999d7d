import { describe, expect, it } from 'vitest';
import { createSliceScheduler, pacedDeadline } from './scheduler';

/** A clock the test moves, counting how often it is read. */
function fakeClock() {
  const clock = { t: 0, reads: 0, now: () => (clock.reads++, clock.t) };
  return clock;
}

/** Runs units of `unitMs` each until the slice says yield; returns how many ran. */
function unitsUntilYield(clock: ReturnType<typeof fakeClock>, budgetMs: number, unitMs: number) {
  const shouldYield = pacedDeadline(clock.t + budgetMs, clock.now);
  for (let units = 1; units < 100_000; units++) {
    clock.t += unitMs;
    if (shouldYield()) return units;
  }
  throw new Error('never yielded');
}

describe('pacedDeadline', () => {
  it('reads the clock rarely while units are quick, and still yields at the budget', () => {
    const clock = fakeClock();
    const units = unitsUntilYield(clock, 6, 0.004);
    // 6 ms of 4 µs units: 1,500 units, yielded within one read interval of the budget.
    expect(units).toBeGreaterThanOrEqual(1500);
    expect(units).toBeLessThanOrEqual(1500 + 8);
    expect(clock.reads).toBeLessThanOrEqual(units / 8 + 5);
  });

  it('reads after every unit while units are slow, so a slow stretch cannot overrun the budget', () => {
    const clock = fakeClock();
    // The first units of a page compile code, or pay 5 ms GC marking steps on a huge DOM.
    const units = unitsUntilYield(clock, 6, 5);
    expect(units).toBe(2);
  });

  it('returns to reading after every unit the moment a unit turns slow', () => {
    const clock = fakeClock();
    const shouldYield = pacedDeadline(6, clock.now);
    // Warm up on quick units until reads are 8 units apart.
    for (let i = 0; i < 200; i++) {
      clock.t += 0.004;
      expect(shouldYield()).toBe(false);
    }
    // Then every unit pays a 5 ms marking step: at most one read interval passes before yielding.
    let slow = 0;
    do {
      clock.t += 5;
      slow++;
    } while (!shouldYield());
    expect(slow).toBeLessThanOrEqual(8);
    expect(clock.t).toBeLessThan(50);
  });
});

describe('yieldToFrame', () => {
  /** A window whose frames, timers and tasks the test runs by hand. */
  function fakeWindow() {
    const frames: (() => void)[] = [];
    const timers: (() => void)[] = [];
    const tasks: (() => void)[] = [];
    const win = {
      requestAnimationFrame: (cb: () => void) => frames.push(cb),
      setTimeout: (cb: () => void) => timers.push(cb),
      scheduler: {
        postTask: (cb: () => void) => {
          tasks.push(cb);
          return Promise.resolve();
        },
      },
    };
    const drain = (queue: (() => void)[]) => {
      for (const cb of queue.splice(0)) cb();
    };
    return { win: win as unknown as Window, frames, timers, tasks, drain };
  }

  it('the slice after a paint of the first screen waits for a frame, then work goes on', () => {
    const { win, frames, tasks, drain } = fakeWindow();
    const scheduler = createSliceScheduler(win, { signal: new AbortController().signal });
    const slices: number[] = [];
    scheduler.request(() => {
      slices.push(slices.length);
      if (slices.length === 1) scheduler.yieldToFrame?.();
      return slices.length === 3;
    });
    drain(tasks);
    expect(slices).toEqual([0]);
    drain(tasks);
    expect(slices).toEqual([0]); // nothing until the frame
    drain(frames);
    drain(tasks);
    expect(slices).toEqual([0, 1]);
    drain(tasks);
    expect(slices).toEqual([0, 1, 2]);
  });

  it('a hidden tab, which renders no frames, goes on after a pause', () => {
    const { win, timers, tasks, drain } = fakeWindow();
    const scheduler = createSliceScheduler(win, { signal: new AbortController().signal });
    let slices = 0;
    scheduler.request(() => {
      slices++;
      scheduler.yieldToFrame?.();
      return slices === 2;
    });
    drain(tasks);
    drain(timers);
    drain(tasks);
    expect(slices).toBe(2);
  });
});

describe('loadFramePending', () => {
  /** A top-level window whose document, load event, frames and clock the test drives. */
  function pageWindow(
    doc: { readyState: DocumentReadyState; visibilityState: DocumentVisibilityState },
    loadEventEnd = 0,
    nowMs = 0,
  ) {
    const frames: (() => void)[] = [];
    const timerMs: number[] = [];
    const onLoad: (() => void)[] = [];
    const tasks: (() => void)[] = [];
    const win = {
      document: doc,
      performance: { getEntriesByType: () => [{ loadEventEnd }] },
      requestAnimationFrame: (cb: () => void) => frames.push(cb),
      setTimeout: (_cb: () => void, ms: number) => timerMs.push(ms),
      addEventListener: (type: string, cb: () => void) => {
        if (type === 'load') onLoad.push(cb);
      },
      scheduler: {
        postTask: (cb: () => void) => {
          tasks.push(cb);
          return Promise.resolve();
        },
      },
    } as Record<string, unknown>;
    win.top = win;
    win.self = win;
    const scheduler = createSliceScheduler(win as unknown as Window, {
      signal: new AbortController().signal,
      now: () => nowMs,
    });
    const run = (queue: (() => void)[]) => {
      for (const cb of queue.splice(0)) cb();
    };
    return { scheduler, frames, onLoad, tasks, timerMs, run };
  }

  it('a page still loading at start: pending until the first frame after its load', () => {
    const doc = { readyState: 'interactive', visibilityState: 'visible' } as const;
    const { scheduler, frames, onLoad, run } = pageWindow(doc);
    expect(scheduler.loadFramePending?.()).toBe(true);
    run(frames); // a frame before the load does not count
    expect(scheduler.loadFramePending?.()).toBe(true);
    run(onLoad);
    expect(scheduler.loadFramePending?.()).toBe(true);
    run(frames);
    expect(scheduler.loadFramePending?.()).toBe(false);
  });

  it('a page loaded a moment ago: pending until the next frame; long ago: not pending', () => {
    const doc = { readyState: 'complete', visibilityState: 'visible' } as const;
    const recent = pageWindow(doc, 1000, 1020);
    expect(recent.scheduler.loadFramePending?.()).toBe(true);
    recent.run(recent.frames);
    expect(recent.scheduler.loadFramePending?.()).toBe(false);
    expect(pageWindow(doc, 1000, 5000).scheduler.loadFramePending?.()).toBe(false);
  });

  it('a hidden tab renders no frame: nothing to wait for', () => {
    const doc = { readyState: 'interactive', visibilityState: 'hidden' } as const;
    expect(pageWindow(doc).scheduler.loadFramePending?.()).toBe(false);
  });

  it('a wait for the first frame after load is patient; other waits are cut at 250 ms', () => {
    const loading = pageWindow({ readyState: 'interactive', visibilityState: 'visible' });
    const hidden = pageWindow({ readyState: 'interactive', visibilityState: 'hidden' });
    const loadedLongAgo = pageWindow({ readyState: 'complete', visibilityState: 'visible' });
    for (const { scheduler, tasks, run } of [loading, hidden, loadedLongAgo]) {
      scheduler.request(() => {
        scheduler.yieldToFrame?.();
        return false;
      });
      run(tasks);
    }
    expect(loading.timerMs).toEqual([1000]);
    expect(hidden.timerMs).toEqual([250]);
    expect(loadedLongAgo.timerMs).toEqual([250]);
  });
});
