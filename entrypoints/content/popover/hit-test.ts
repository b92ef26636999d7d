/**
 * Which mark is under the pointer. Highlights receive no events, so we take the event's target
 * element (inside an open shadow root, the element there: interactions.ts), look up the few marks
 * of its block, and test their rects: < 0.1 ms at any page size (docs/performance.md;
 * highlightsFromPoint and caretPositionFromPoint scale badly).
 */
import type { Mark, PageSession } from '../scan/page-session';
import { blockOf } from '../scan/scanner';

const SLOP_PX = 2;

export function rectsOf(mark: Mark, doc: Document): DOMRect[] {
  const r = mark.range;
  if (!r.startContainer.isConnected) return [];
  const live = doc.createRange();
  try {
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    return [...live.getClientRects()];
  } catch {
    // The text changed under a stale StaticRange; the next scan replaces it.
    return [];
  } finally {
    live.detach();
  }
}

export function markAtPoint(
  session: PageSession,
  target: Element,
  x: number,
  y: number,
  doc: Document,
): Mark | null {
  const block = blockOf(target);
  const found = block ? markIn(session.marksIn(block), x, y, doc) : null;
  // Text directly under a shadow root belongs to its host's block, even when the host is inline
  // and so not a block itself; the pointer then lands on the host.
  if (found || !target.shadowRoot || target === block) return found;
  return markIn(session.marksIn(target), x, y, doc);
}

function markIn(marks: readonly Mark[], x: number, y: number, doc: Document): Mark | null {
  for (const mark of marks) {
    for (const rect of rectsOf(mark, doc)) {
      if (
        x >= rect.left - SLOP_PX &&
        x <= rect.right + SLOP_PX &&
        y >= rect.top - SLOP_PX &&
        y <= rect.bottom + SLOP_PX
      ) {
        return mark;
      }
    }
  }
  return null;
}

/** The bounding box of a mark's first line, to anchor the popover. */
export function anchorRectOf(mark: Mark, doc: Document): DOMRect | null {
  return rectsOf(mark, doc)[0] ?? null;
}
