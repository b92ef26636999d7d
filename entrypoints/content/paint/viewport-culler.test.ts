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
