/**
 * A stand-in layout for happy-dom, which has none: each name's line boxes, keyed by the text a live
 * Range covers. Spies on `Range.prototype.getClientRects` (restored after each test by the DOM
 * project's `restoreMocks`), so the code under test keeps creating its own ranges.
 */
import { vi } from 'vitest';

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export function box(left: number, top: number, width = 80, height = 18): Box {
  return { left, top, width, height };
}

/** Lays out each listed text at its boxes (one per line); any other range has none. */
export function fakeLayout(boxesByText: Readonly<Record<string, readonly Box[]>>): void {
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
    const boxes = boxesByText[this.toString()] ?? [];
    const rects = boxes.map((b) => new DOMRect(b.left, b.top, b.width, b.height));
    return rects as unknown as DOMRectList;
  });
}

/**
 * Runs `body` with `document.elementsFromPoint` (which happy-dom lacks) answering `hits`, then
 * puts back whatever was there.
 */
export function withElementsFromPoint(
  hits: (x: number, y: number) => Element[],
  body: () => void,
): void {
  const original = Object.getOwnPropertyDescriptor(document, 'elementsFromPoint');
  Object.defineProperty(document, 'elementsFromPoint', { configurable: true, value: hits });
  try {
    body();
  } finally {
    if (original) Object.defineProperty(document, 'elementsFromPoint', original);
    else Reflect.deleteProperty(document, 'elementsFromPoint');
  }
}
