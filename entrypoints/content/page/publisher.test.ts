import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Lifetime } from './lifetime';
import type { PageState } from './page-summary';
import { SummaryPublisher } from './publisher';

const EMPTY: PageState = { summary: { flagged: [], alerts: [] }, notices: [] };

function setUp(
  steps: () => Generator<void, PageState, void> = function* () {
    yield;
    return EMPTY;
  },
) {
  const sent: unknown[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    sent.push(message);
  });
  const compute = vi.fn(steps);
  const life: Lifetime = {
    signal: new AbortController().signal,
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    setInterval: (fn, ms) => window.setInterval(fn, ms),
  };
  const publisher = new SummaryPublisher({ compute, showNotices: () => undefined, life });
  return { publisher, compute, sent };
}

describe('the page summary sent to the background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  test('asked to report again, a settled frame reports at once', async () => {
    const { publisher, sent } = setUp();
    publisher.reportAgain();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
  });

  test('a frame still settling reports once, when its marks are still', async () => {
    const { publisher, compute, sent } = setUp();
    publisher.schedule();
    publisher.reportAgain();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toHaveLength(1);
    expect(compute).toHaveBeenCalledTimes(1);
    // Settled again: the next request is answered at once.
    publisher.reportAgain();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(2);
  });

  test('a big summary is worked out over several tasks, and a newer change supersedes it', async () => {
    let steps = 0;
    let started = 0;
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const { publisher, sent } = setUp(function* () {
      started++;
      for (let i = 0; i < 3; i++) {
        steps++;
        clock += 5; // each step outlasts the 4 ms budget
        yield;
      }
      return EMPTY;
    });
    publisher.schedule();
    await vi.advanceTimersByTimeAsync(250);
    expect(steps).toBe(1);
    expect(sent).toHaveLength(0);
    // The marks change mid-way: the stale summary stops; the next one reports.
    publisher.schedule();
    await vi.advanceTimersByTimeAsync(0);
    expect(steps).toBe(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toHaveLength(1);
    expect(started).toBe(2);
    expect(steps).toBe(4);
  });
});
