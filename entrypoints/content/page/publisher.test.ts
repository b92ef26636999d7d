import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Lifetime } from './lifetime';
import { SummaryPublisher } from './publisher';

function setUp() {
  const sent: unknown[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    sent.push(message);
  });
  const compute = vi.fn(() => ({ summary: { flagged: [], alerts: [] }, notices: [] }));
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
});
