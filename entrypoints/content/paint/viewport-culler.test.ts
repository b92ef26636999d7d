import { describe, expect, test } from 'vitest';
import { Annotator } from '../scan/annotator';
import { synchronousScheduler } from '../scan/scheduler';
import {
  createTestSession,
  fakeHighlightEnv,
  paintedTexts,
  testHighlighter,
} from '../../../tests/support/content';
import { ViewportCuller } from './viewport-culler';

/** An IntersectionObserver we drive by hand: tests say which blocks are near the viewport. */
class FakeObserver {
  static last: FakeObserver | null = null;
  readonly targets = new Set<Element>();
  constructor(readonly callback: (entries: IntersectionObserverEntry[]) => void) {
    FakeObserver.last = this;
  }
  observe(el: Element) {
    this.targets.add(el);
  }
  unobserve(el: Element) {
    this.targets.delete(el);
  }
  disconnect() {
    this.targets.clear();
  }
  show(els: Element[], isIntersecting = true) {
    this.callback(
      els.map((target) => ({ target, isIntersecting }) as unknown as IntersectionObserverEntry),
    );
  }
}

function setup(rows: string[], threshold: number) {
  document.body.innerHTML = `<ul>${rows.map((r, i) => `<li id="r${i}">${r}</li>`).join('')}</ul>`;
  const env = fakeHighlightEnv();
  const session = createTestSession();
  const highlighter = testHighlighter(env);
  const win = { IntersectionObserver: FakeObserver } as unknown as Window & typeof globalThis;
  const culler = new ViewportCuller(win, session, highlighter, threshold);
  new Annotator(document, session, culler, synchronousScheduler).requestFull();
  const row = (i: number) => document.getElementById(`r${i}`) as Element;
  return { env, culler, row };
}

describe('ViewportCuller', () => {
  test('a page under the threshold is painted in full, with no observer', () => {
    const { env, culler } = setup(['Zopiclone', 'Warfarin'], 10);
    expect(culler.isCulling).toBe(false);
    expect(paintedTexts(env)).toEqual({
      'plens-dependence-forming': ['Zopiclone'],
      'plens-no-commissioned-service': ['Warfarin'],
    });
  });

  test('a large page paints only the rows near the viewport, and scrolling brings others in', () => {
    const { env, culler, row } = setup(['Zopiclone', 'Warfarin', 'Codeine', 'Methotrexate'], 2);
    expect(culler.isCulling).toBe(true);
    expect(paintedTexts(env)).toEqual({});
    FakeObserver.last?.show([row(0), row(1)]);
    expect(paintedTexts(env)).toEqual({
      'plens-dependence-forming': ['Zopiclone'],
      'plens-no-commissioned-service': ['Warfarin'],
    });
    FakeObserver.last?.show([row(0)], false);
    FakeObserver.last?.show([row(3)]);
    expect(paintedTexts(env)).toEqual({
      'plens-no-commissioned-service': ['Warfarin'],
      'plens-shared-care': ['Methotrexate'],
    });
  });
});

describe('the first screen first', () => {
  const NAMES = ['Zopiclone', 'Warfarin', 'Codeine', 'Methotrexate'];
  /** 40 rows, one drug each; rows from `fold` on are below the first screen. */
  function setupFold(fold: number, threshold: number) {
    const rows = Array.from({ length: 40 }, (_, i) => `${NAMES[i % 4]} ${i}mg tablets`);
    document.body.innerHTML = `<ul>${rows.map((r, i) => `<li data-i="${i}">${r}</li>`).join('')}</ul>`;
    const env = fakeHighlightEnv();
    const session = createTestSession();
    const highlighter = testHighlighter(env);
    const win = { IntersectionObserver: FakeObserver } as unknown as Window & typeof globalThis;
    const culler = new ViewportCuller(win, session, highlighter, threshold);
    const batches: number[][] = [];
    const events: string[] = [];
    const painter = {
      apply(delta: Parameters<ViewportCuller['apply']>[0]) {
        batches.push(delta.added.map((m) => Number(m.block.getAttribute('data-i'))));
        culler.apply(delta);
      },
    };
    new Annotator(document, session, painter, synchronousScheduler, {
      isBelowFold: (block) => Number(block.getAttribute('data-i')) >= fold,
      onVisibleDone: () => events.push('visible'),
      onFullScanDone: () => events.push('full'),
    }).requestFull();
    return { env, culler, batches, events };
  }

  test('a long page paints the rows above the fold before reading the rest', () => {
    const { batches, events } = setupFold(10, 1000);
    expect(batches).toHaveLength(2);
    // The fold is looked for every few rows, so the first batch ends a little past it.
    expect(Math.max(...(batches[0] ?? []))).toBeLessThan(20);
    expect(batches[0]).toContain(0);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(events).toEqual(['visible', 'full']);
  });

  test('a page with no fold in it paints once, at the end', () => {
    const { batches, events } = setupFold(1000, 1000);
    expect(batches).toHaveLength(1);
    expect(events).toEqual(['visible', 'full']);
  });

  test('flags painted first stay painted when culling starts, until the observer reports', () => {
    const { env, culler } = setupFold(4, 10);
    expect(culler.isCulling).toBe(true);
    // Rows 0–7 were painted before the rest of the page was read: still painted, no blink.
    expect(paintedTexts(env)['plens-dependence-forming']).toEqual([
      'Codeine',
      'Codeine',
      'Zopiclone',
      'Zopiclone',
    ]);
    const firstScreen = [...document.querySelectorAll('li')].slice(0, 3);
    const below = [...document.querySelectorAll('li')].slice(3, 8);
    FakeObserver.last?.show(firstScreen);
    FakeObserver.last?.show(below, false);
    expect(paintedTexts(env)).toEqual({
      'plens-dependence-forming': ['Codeine', 'Zopiclone'],
      'plens-no-commissioned-service': ['Warfarin'],
    });
  });

  test('a big page has its blocks observed a task at a time, the painted ones first', () => {
    const rows = ['Zopiclone', 'Warfarin', 'Codeine', 'Methotrexate', 'Zopiclone', 'Warfarin'];
    document.body.innerHTML = `<ul>${rows.map((r, i) => `<li id="r${i}">${r}</li>`).join('')}</ul>`;
    const env = fakeHighlightEnv();
    const session = createTestSession();
    const highlighter = testHighlighter(env);
    const tasks: (() => void)[] = [];
    const win = {
      IntersectionObserver: FakeObserver,
      setTimeout: (fn: () => void) => tasks.push(fn),
      clearTimeout: () => undefined,
    } as unknown as Window & typeof globalThis;
    const culler = new ViewportCuller(win, session, highlighter, 3, 2);
    new Annotator(document, session, culler, synchronousScheduler).requestFull();
    expect(culler.isCulling).toBe(true);
    const observed = () => FakeObserver.last?.targets.size ?? 0;
    expect(observed()).toBe(2);
    expect(tasks).toHaveLength(1);
    while (tasks.length > 0) tasks.shift()?.();
    expect(observed()).toBe(6);
    // Once observed, a block near the viewport is painted as before.
    FakeObserver.last?.show([document.getElementById('r5') as Element]);
    expect(paintedTexts(env)).toEqual({ 'plens-no-commissioned-service': ['Warfarin'] });
  });
});
