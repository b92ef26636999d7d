import { describe, expect, it, vi } from 'vitest';
import { offerToFrames, takeFromAncestors } from './shared-engine';

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
