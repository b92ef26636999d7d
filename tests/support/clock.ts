/**
 * A hand-driven clock for code that takes its timers from a `Window`: timeouts, intervals and
 * animation frames (one every 16 ms) run only when a test advances time.
 */
import { vi } from 'vitest';

interface Timer {
  at: number;
  readonly every: number | null;
  readonly fn: () => void;
}

export class FakeClock {
  private now = 0;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  readonly setTimeout = (fn: () => void, ms = 0): number => this.add(fn, ms, null);
  readonly setInterval = (fn: () => void, ms = 0): number => this.add(fn, ms, ms);
  readonly clearTimeout = (id: number | undefined): void => {
    if (id !== undefined) this.timers.delete(id);
  };
  readonly clearInterval = this.clearTimeout;
  readonly requestAnimationFrame = (fn: (time: number) => void): number =>
    this.add(() => fn(this.now), 16 - (this.now % 16) || 16, null);
  readonly cancelAnimationFrame = this.clearTimeout;

  /** Timers, intervals and frames still scheduled. */
  get pending(): number {
    return this.timers.size;
  }

  /** Runs everything due within `ms`, in time order (callbacks may schedule more). */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      let due: [number, Timer] | null = null;
      for (const entry of this.timers) {
        if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
      }
      if (!due) break;
      const [id, timer] = due;
      this.now = timer.at;
      if (timer.every === null) this.timers.delete(id);
      else timer.at += Math.max(timer.every, 1);
      timer.fn();
    }
    this.now = end;
  }

  /** Puts this clock in place of `win`'s timers (restored by Vitest's `restoreMocks`). */
  install(win: Window): this {
    // The fakes take functions only (never code strings), so they are narrower than Window's.
    vi.spyOn(win, 'setTimeout').mockImplementation(
      this.setTimeout as unknown as Window['setTimeout'],
    );
    vi.spyOn(win, 'setInterval').mockImplementation(
      this.setInterval as unknown as Window['setInterval'],
    );
    vi.spyOn(win, 'clearTimeout').mockImplementation(this.clearTimeout);
    vi.spyOn(win, 'clearInterval').mockImplementation(this.clearInterval);
    vi.spyOn(win, 'requestAnimationFrame').mockImplementation(this.requestAnimationFrame);
    vi.spyOn(win, 'cancelAnimationFrame').mockImplementation(this.cancelAnimationFrame);
    return this;
  }

  private add(fn: () => void, ms: number, every: number | null): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + ms, every, fn });
    return id;
  }
}
