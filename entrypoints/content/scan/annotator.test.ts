import { describe, expect, test } from 'vitest';
import {
  createTestSession,
  fakeHighlightEnv,
  paintedTexts,
  testHighlighter,
} from '../../../tests/support/content';
import { Annotator } from './annotator';
import type { Scheduler } from './scheduler';

const NAMES = ['Zopiclone', 'Warfarin', 'Codeine', 'Methotrexate'];

/** A scheduler run slice by slice by the test, with the page's first frame after load in its hands. */
function manualScheduler(loadFramePending: () => boolean) {
  let work: ((shouldYield: () => boolean) => boolean) | null = null;
  let frameWanted = false;
  const scheduler: Scheduler = {
    request(w) {
      work = w;
    },
    yieldToFrame() {
      frameWanted = true;
    },
    loadFramePending,
  };
  return {
    scheduler,
    /** Runs one slice; true if it asked for a frame before the next. */
    slice: (): boolean => {
      frameWanted = false;
      if (work?.(() => false)) work = null;
      return frameWanted;
    },
  };
}

/** A long page of 40 rows, one drug each; rows from 10 on are below the first screen. */
function setup(loadFramePending: () => boolean, prepare?: () => boolean) {
  const rows = Array.from({ length: 40 }, (_, i) => `${NAMES[i % 4]} ${i}mg tablets`);
  document.body.innerHTML = `<ul>${rows.map((r, i) => `<li data-i="${i}">${r}</li>`).join('')}</ul>`;
  const env = fakeHighlightEnv();
  const highlighter = testHighlighter(env);
  const batches: number[][] = [];
  const events: string[] = [];
  const painter = {
    apply(delta: Parameters<typeof highlighter.apply>[0]) {
      if (delta.added.length > 0)
        batches.push(delta.added.map((m) => Number(m.block.getAttribute('data-i'))));
      highlighter.apply(delta);
    },
  };
  const run = manualScheduler(loadFramePending);
  new Annotator(document, createTestSession(), painter, run.scheduler, {
    isBelowFold: (block) => Number(block.getAttribute('data-i')) >= 10,
    isLongPage: () => true,
    onVisibleDone: () => events.push('visible'),
    onFullScanDone: () => events.push('full'),
    ...(prepare ? { prepare } : {}),
  }).requestFull();
  return { env, batches, events, slice: run.slice };
}

describe("the first screen's flags and the first frame after the page's load", () => {
  test('they wait for that frame, then get a frame of their own before the rest is read', () => {
    let loadFrameRendered = false;
    const { env, batches, events, slice } = setup(() => !loadFrameRendered);
    expect(slice()).toBe(true);
    // Read up to the fold, nothing painted: the next frame is the browser's own long one.
    expect(batches).toEqual([]);
    expect(events).toEqual([]);
    loadFrameRendered = true;
    expect(slice()).toBe(true);
    expect(batches).toHaveLength(1);
    expect(Math.max(...(batches[0] ?? []))).toBeLessThan(20);
    expect(events).toEqual(['visible']);
    while (events.length < 2) slice();
    expect(batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(Object.values(paintedTexts(env)).flat()).toHaveLength(40);
    expect(events).toEqual(['visible', 'full']);
  });

  test('a frame that never comes delays them by one wait only', () => {
    const { batches, events, slice } = setup(() => true);
    slice();
    expect(batches).toEqual([]);
    slice();
    expect(batches).toHaveLength(1);
    expect(events).toEqual(['visible']);
  });

  test('once that frame has rendered, they are painted as soon as the scan passes the fold', () => {
    const { batches, events, slice } = setup(() => false);
    expect(slice()).toBe(true);
    expect(batches).toHaveLength(1);
    expect(events).toEqual(['visible']);
  });
});

describe('preparing before the first scan', () => {
  test('each step gets a slice of its own, then the scan reads and flags as before', () => {
    let left = 3;
    const steps: number[] = [];
    const { env, batches, events, slice } = setup(
      () => false,
      () => {
        if (left === 0) return false;
        steps.push(left--);
        return true;
      },
    );
    for (let i = 1; i <= 3; i++) {
      slice();
      expect(steps).toHaveLength(i);
      expect(batches).toEqual([]);
    }
    while (events.length < 2) slice();
    expect(steps).toEqual([3, 2, 1]);
    expect(Object.values(paintedTexts(env)).flat()).toHaveLength(40);
    expect(events).toEqual(['visible', 'full']);
  });

  test('a page with nothing to prepare is read in its first slice', () => {
    const { batches, slice } = setup(
      () => false,
      () => false,
    );
    slice();
    expect(batches.length).toBeGreaterThan(0);
  });
});
