import { describe, expect, it } from 'vitest';
import { pacedDeadline } from './scheduler';

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
