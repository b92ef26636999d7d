import { describe, expect, test } from 'vitest';
import { Annotator } from '../scan/annotator';
import { Highlighter, type HighlightEnv } from './highlighter';
import { highlightNameOf } from './highlight-names';
import { synchronousScheduler } from '../scan/scheduler';
import {
  createTestSession,
  fakeHighlightEnv,
  fakeStaticRange,
  paintedTexts,
  testHighlighter,
} from '../../../tests/support/content';

/** A page showing two flagged medicines, painted, with hand-driven timers and the reports seen. */
function paintedPage() {
  document.body.innerHTML = '<p>Zopiclone 7.5mg tablets</p><p>Methotrexate 2.5mg tablets</p>';
  const timers = new Map<number, () => void>();
  let nextTimer = 1;
  const reports: boolean[] = [];
  const env: HighlightEnv & { registry: Map<string, Highlight> } = {
    ...fakeHighlightEnv(),
    onBlockedChange: (isBlocked) => reports.push(isBlocked),
    setTimeout: (fn) => {
      timers.set(nextTimer, fn);
      return nextTimer++;
    },
    clearTimeout: (id) => timers.delete(id),
  };
  const highlighter = testHighlighter(env);
  new Annotator(document, createTestSession(), highlighter, synchronousScheduler).requestFull();
  /** The page's own periodic check (index.ts: every second). */
  const check = () => highlighter.ensureRegistered();
  /** Runs the re-checks the highlighter asked for, as the clock would. */
  const runTimers = () => {
    const due = [...timers];
    timers.clear();
    for (const [, fn] of due) fn();
  };
  return { env, highlighter, reports, check, runTimers, timers };
}

const PAINTED = {
  'plens-dependence-forming': ['Zopiclone'],
  'plens-shared-care': ['Methotrexate'],
};

describe('a page removing our highlights', () => {
  test('first paint is not a repair and reports nothing', () => {
    const { env, reports, check, timers } = paintedPage();
    expect(paintedTexts(env)).toEqual(PAINTED);
    expect(check()).toBe(false);
    expect(reports).toEqual([]);
    expect(timers.size).toBe(0);
  });

  test('deleted once (a route change, say): put back, looked at once more, never reported blocked', () => {
    const { env, reports, check, runTimers, timers } = paintedPage();
    env.registry.clear();
    expect(check()).toBe(true);
    expect(paintedTexts(env)).toEqual(PAINTED);
    expect(timers.size).toBe(1);
    runTimers();
    expect(timers.size).toBe(0);
    expect(reports).toEqual([]);
  });

  test('deleted again by the quick re-check: reported blocked; reported working once they stay', () => {
    const { env, reports, check, runTimers } = paintedPage();
    env.registry.delete('plens-shared-care');
    check();
    env.registry.clear();
    runTimers();
    expect(reports).toEqual([true]);
    // Still fighting: still blocked, no repeated report.
    env.registry.set('plens-shared-care', env.createHighlight());
    runTimers();
    expect(reports).toEqual([true]);
    // The page stops: the next re-check finds ours in place.
    runTimers();
    expect(reports).toEqual([true, false]);
    expect(paintedTexts(env)).toEqual(PAINTED);
  });

  test('teardown cancels the pending re-check', () => {
    const { env, highlighter, check, timers } = paintedPage();
    env.registry.clear();
    check();
    expect(timers.size).toBe(1);
    highlighter.clear();
    expect(timers.size).toBe(0);
    expect(env.registry.size).toBe(0);
  });
});

describe('a page editing the ranges inside our highlights (issue #16)', () => {
  test('clearing one of ours is found on the next check and repainted', () => {
    const { env, check } = paintedPage();
    env.registry.get('plens-shared-care')?.clear();
    expect(check()).toBe(true);
    expect(paintedTexts(env)).toEqual(PAINTED);
  });

  test('deleting one range is found and repainted', () => {
    const { env, check } = paintedPage();
    const h = env.registry.get('plens-dependence-forming');
    const [first] = h ? [...h] : [];
    if (first) h?.delete(first);
    expect(check()).toBe(true);
    expect(paintedTexts(env)).toEqual(PAINTED);
  });

  test('a range the page added (a fake flag) is dropped', () => {
    const { env, check } = paintedPage();
    const fake = fakeStaticRange({
      startContainer: document.body,
      startOffset: 0,
      endContainer: document.body,
      endOffset: 1,
    });
    env.registry.get('plens-shared-care')?.add(fake);
    expect(check()).toBe(true);
    expect(env.registry.get('plens-shared-care')?.has(fake)).toBe(false);
    expect(paintedTexts(env)).toEqual(PAINTED);
  });

  test('a page that keeps clearing them is reported blocked', () => {
    const { env, reports, check, runTimers } = paintedPage();
    env.registry.get('plens-shared-care')?.clear();
    check();
    env.registry.get('plens-shared-care')?.clear();
    runTimers();
    expect(reports).toEqual([true]);
  });

  test('an overlay the page removed counts as a repair too', () => {
    const { check, highlighter } = paintedPage();
    expect(check()).toBe(false);
    expect(highlighter.ensureRegistered(true)).toBe(true);
  });
});

describe('a mark whose highlight name changes after it was painted', () => {
  test('a re-scan after a new practice profile or style leaves no stale mark behind', () => {
    document.body.innerHTML = '<p>Zopiclone 7.5mg tablets</p>';
    const env = fakeHighlightEnv();
    let style: 'tint' | 'underline' = 'tint';
    const highlighter = new Highlighter(env, (mark) => highlightNameOf(mark, style));
    const annotator = new Annotator(
      document,
      createTestSession(),
      highlighter,
      synchronousScheduler,
    );
    annotator.requestFull();
    expect(paintedTexts(env)).toEqual({ 'plens-dependence-forming': ['Zopiclone'] });
    // The name now depends on something else (the profile made it quiet); the page is re-read.
    style = 'underline';
    annotator.requestFull();
    expect(paintedTexts(env)).toEqual({ 'plens-dependence-forming-underline': ['Zopiclone'] });
  });
});

describe('a batch of new marks', () => {
  test('costs the batch, not every painted range (issue #22: incremental10_ms)', () => {
    const { env, highlighter } = paintedPage();
    const painted = env.registry.get('plens-shared-care');
    if (!painted) throw new Error('nothing painted');
    let reads = 0;
    const has = painted.has.bind(painted);
    painted.has = (range) => {
      reads++;
      return has(range);
    };
    highlighter.apply({ added: [], removed: [] });
    expect(reads).toBe(0);
    // The periodic check still compares everything.
    expect(highlighter.ensureRegistered()).toBe(false);
    expect(reads).toBeGreaterThan(0);
  });

  test('a highlight the page unregistered is put back with the batch', () => {
    const { env, highlighter } = paintedPage();
    env.registry.delete('plens-shared-care');
    highlighter.apply({ added: [], removed: [] });
    expect(paintedTexts(env)).toEqual(PAINTED);
  });
});
