import { describe, expect, it, vi } from 'vitest';
import { offerToFrames, takeFromAncestors, waitForOffer, type WaitTimers } from './shared-engine';

/** A frame's isolated-world global as another frame sees it (see shared-parse.test.ts). */
function frame(parent?: object | null): Record<string, unknown> {
  const self: Record<string, unknown> = { JSON, Map, Array };
  self.parent = parent === undefined ? self : parent;
  return self;
}

const isRules = (value: unknown): value is { rules: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { rules?: unknown }).rules === 'string';

describe('frames take the ready rules of a frame above them', () => {
  it('takes what the top frame offers, built by the top frame’s function for exactly the parts asked', () => {
    const top = frame();
    const provide = vi.fn((body: unknown) => ({ rules: `built from ${String(body)}` }));
    offerToFrames((body) => provide(body), top);
    const child = frame(frame(top));
    expect(takeFromAncestors(['A'], isRules, child)).toEqual({ rules: 'built from A' });
    expect(takeFromAncestors(['B'], isRules, child)).toEqual({ rules: 'built from B' });
    expect(provide.mock.calls).toEqual([['A'], ['B']]);
  });

  it('asks the highest offering frame first, then the ones below it', () => {
    const top = frame();
    const middle = frame(top);
    offerToFrames(() => ({ rules: 'middle' }), middle);
    expect(takeFromAncestors([], isRules, frame(middle))).toEqual({ rules: 'middle' });
    offerToFrames(() => ({ rules: 'top' }), top);
    expect(takeFromAncestors([], isRules, frame(middle))).toEqual({ rules: 'top' });
    // An answer it cannot use (the top has nothing for these parts): the next frame down.
    offerToFrames(() => null, top);
    expect(takeFromAncestors([], isRules, frame(middle))).toEqual({ rules: 'middle' });
  });

  it('restores its own (null) with no frame above, or a detached one (parent null)', () => {
    const top = frame();
    offerToFrames(() => ({ rules: 'top' }), top);
    expect(takeFromAncestors([], isRules, top)).toBeNull();
    expect(takeFromAncestors([], isRules, frame(null))).toBeNull();
  });

  it('restores its own when the offer throws (a frame being torn down) or was withdrawn', () => {
    const top = frame();
    offerToFrames(() => {
      throw new Error('context gone');
    }, top);
    expect(takeFromAncestors([], isRules, frame(top))).toBeNull();
    const withdraw = offerToFrames(() => ({ rules: 'top' }), top);
    expect(takeFromAncestors([], isRules, frame(top))).toEqual({ rules: 'top' });
    withdraw();
    expect(takeFromAncestors([], isRules, frame(top))).toBeNull();
  });

  it('ignores what is not an offer under the name, and answers that are not rules', () => {
    const top = frame();
    top.__plensRulesOffer = { take: () => ({ rules: 'not ours' }) };
    expect(takeFromAncestors([], isRules, frame(top))).toBeNull();
    offerToFrames(() => ({ rules: 42 }), top);
    expect(takeFromAncestors([], isRules, frame(top))).toBeNull();
  });

  it('never hands an asking frame’s objects to the offering frame', () => {
    const top = frame();
    const provide = vi.fn(() => ({ rules: 'top' }));
    offerToFrames(provide, top);
    const offer = top.__plensRulesOffer as { take(...parts: unknown[]): unknown };
    expect(offer.take('text', { body: 'an object' })).toBeNull();
    expect(provide).not.toHaveBeenCalled();
  });

  it('stops below a cross-origin frame, and does not share in Firefox', () => {
    const crossOrigin = {
      get JSON(): never {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
    };
    const middle = frame(crossOrigin);
    offerToFrames(() => ({ rules: 'middle' }), middle);
    expect(takeFromAncestors([], isRules, frame(middle))).toEqual({ rules: 'middle' });
    const firefoxFrame = { ...frame(middle), cloneInto: () => undefined };
    expect(takeFromAncestors([], isRules, firefoxFrame)).toBeNull();
    offerToFrames(() => ({ rules: 'firefox' }), firefoxFrame);
    expect(firefoxFrame).not.toHaveProperty('__plensRulesOffer');
  });
});

/** A frame whose document is still loading (its document_idle script not yet run), or loaded. */
function loadingFrame(parent?: object | null, readyState = 'interactive'): Record<string, unknown> {
  return { ...frame(parent), WeakRef, document: { readyState }, parent: parent ?? null };
}

/** Timers the test fires by hand: the bound passes when the test says so. */
function handTimers(): WaitTimers & { fire(): void; pending(): number } {
  const due = new Map<number, () => void>();
  let next = 0;
  return {
    set: (fn) => {
      due.set(++next, fn);
      return next;
    },
    clear: (id) => void due.delete(id as number),
    fire: () => {
      for (const [id, fn] of [...due]) {
        due.delete(id);
        fn();
      }
    },
    pending: () => due.size,
  };
}

describe('a frame that starts before the frames above it waits, briefly, for their offer', () => {
  it('wakes when the top frame offers, and then takes its rules', async () => {
    const top = loadingFrame();
    const timers = handTimers();
    const waiting = waitForOffer(250, timers, frame(top));
    expect(waiting).not.toBeNull();
    offerToFrames(() => ({ rules: 'top' }), top);
    await expect(waiting).resolves.toBe(true);
    expect(timers.pending()).toBe(0); // the bound's timer is cleared
    expect(takeFromAncestors([], isRules, frame(top))).toEqual({ rules: 'top' });
  });

  it('gives up after the bound when no offer comes (then restores its own)', async () => {
    const top = loadingFrame();
    const timers = handTimers();
    const waiting = waitForOffer(250, timers, frame(top));
    timers.fire();
    await expect(waiting).resolves.toBe(false);
    expect(takeFromAncestors([], isRules, frame(top))).toBeNull();
    // Its weak reference is taken back: the frame above keeps nothing for it.
    expect(top.__plensOfferWaiters).toEqual([]);
  });

  it('does not wait with no frame above, a detached one, an offer already there, or frames above loaded', () => {
    const timers = handTimers();
    expect(waitForOffer(250, timers, loadingFrame())).toBeNull(); // the top frame itself
    expect(waitForOffer(250, timers, frame(null))).toBeNull(); // detached: parent null
    const offering = loadingFrame();
    offerToFrames(() => ({ rules: 'top' }), offering);
    expect(waitForOffer(250, timers, frame(offering))).toBeNull();
    // Loaded and no offer: a page we do not run in, or loaded before the extension was.
    expect(waitForOffer(250, timers, frame(loadingFrame(null, 'complete')))).toBeNull();
    expect(
      waitForOffer(250, timers, { ...frame(loadingFrame()), cloneInto: () => undefined }),
    ).toBeNull(); // Firefox
    expect(timers.pending()).toBe(0);
  });

  it('leaves the frame above only its own weak references, dropped when it offers', async () => {
    const top = loadingFrame();
    const middle = loadingFrame(top);
    const timers = handTimers();
    const waiting = waitForOffer(250, timers, frame(middle));
    const onTop = top.__plensOfferWaiters as unknown[];
    expect(onTop).toHaveLength(1);
    expect(onTop[0]).toBeInstanceOf(WeakRef);
    expect(middle.__plensOfferWaiters).toHaveLength(1);
    // The middle frame offers first (its own wait over): the waiting frame wakes once.
    offerToFrames(() => ({ rules: 'middle' }), middle);
    await expect(waiting).resolves.toBe(true);
    expect(middle.__plensOfferWaiters).toBeUndefined();
    expect(onTop).toEqual([]);
    offerToFrames(() => ({ rules: 'top' }), top);
    expect(takeFromAncestors([], isRules, frame(middle))).toEqual({ rules: 'top' });
  });

  it('a frame above being torn down while asked ends the wait at once, never in an error', () => {
    const gone = loadingFrame();
    Object.defineProperty(gone, '__plensRulesOffer', {
      get() {
        throw new Error('context gone');
      },
    });
    expect(waitForOffer(250, handTimers(), frame(gone))).toBeNull();
  });
});
