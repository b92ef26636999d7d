/**
 * Pointer and keyboard wiring for popovers. Quiet by design: hover opens after a short pause and
 * never takes focus; a click on a flagged name pins the popover and moves focus into it only when
 * the click landed on plain text (never away from a control the user is using). Escape closes
 * and focus returns. Every listener is passive where it can be and tied to `signal`.
 */
import { anchorRectOf, markAtPoint, rectsOf } from './hit-test';
import type { Overlay } from './overlay';
import type { Mark, PageSession } from '../scan/page-session';
import { hostOf } from '../scan/shadow-roots';
import type { PopoverCard } from '@/rules/views/card';
import type { StepDirection, StepOutcome } from '@/rules/schema/messages';

const HOVER_OPEN_MS = 250;
const HOVER_CLOSE_MS = 400;
const COLUMN_SLOP_PX = 8;
/** Text the user types into: while one has focus, hover cards stay away from its form. */
const TEXT_ENTRY =
  'input:not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="submit"]),textarea,[contenteditable=""],[contenteditable="true"],[role="combobox"],[role="searchbox"],[role="textbox"]';
/** A dropdown of suggestions under a search box. */
const SUGGESTIONS = '[role="listbox"],[role="option"],datalist,[role="menu"]';
const INTERACTIVE =
  'a[href],button,input,select,textarea,summary,[tabindex],[contenteditable],[role="button"],[role="link"]';

export interface InteractionDeps {
  readonly doc: Document;
  readonly session: PageSession;
  readonly overlay: Overlay;
  readonly cardsFor: (mark: Mark) => PopoverCard[];
  /** Problems the user must hear about (e.g. a local pack that failed to load). */
  readonly notices: () => readonly string[];
  readonly signal: AbortSignal;
  /**
   * Whether input came from the user. A page can dispatch clicks, keys and pointer moves at us to
   * open, close or steal focus (issue #16); only trusted events count. Tests (happy-dom cannot make
   * trusted events) stand in for the user here.
   */
  readonly isTrusted?: (e: Event) => boolean;
  /** Whether a mark is painted (not hidden by a dismissal): stepping visits only those. */
  readonly isShown?: (mark: Mark) => boolean;
}

export interface InteractionApi {
  /** Scrolls a mark into view and opens its popover pinned, moving focus into it (from the popup). */
  reveal(mark: Mark): boolean;
  /** Whether the open popover is pinned (stays until Escape, a click elsewhere or its close button). */
  isPinned(): boolean;
  /**
   * The keyboard route to the marks, which take no Tab stop: opens the next (or previous) shown
   * mark's card in page order, pinned, with focus inside; wraps at the ends. False with none.
   */
  step(direction: StepDirection): boolean;
  /**
   * The keyboard command's step, which may go on into another frame: like `step`, but past this
   * frame's last (or first) flag it closes the card and answers "end" instead of wrapping round;
   * `fromEdge` starts at the first (next) or last (previous) flag.
   */
  stepAcross(direction: StepDirection, fromEdge: boolean): StepOutcome;
}

/**
 * Puts the keyboard back at a flagged name after its card closes, when nothing on the page had
 * focus before (the card came from the popup or the shortcut): focus goes to the name's own link
 * or control if it sits in one, else the browser's focus starting point is moved to the name (a
 * collapsed selection there, no caret in plain text), so Tab carries on from the name, not from
 * the top of the page. Nothing in the page's DOM changes.
 */
export function returnKeyboardTo(mark: Mark, doc: Document): void {
  const start = mark.range.startContainer;
  if (!start.isConnected) return;
  const el = start.parentElement;
  const control = el?.closest<HTMLElement>(FOCUSABLE);
  if (control) {
    control.focus({ preventScroll: true });
    return;
  }
  doc.getSelection()?.collapse(start, mark.range.startOffset);
}

const FOCUSABLE = 'a[href],button,select,summary,[tabindex]:not([tabindex="-1"])';

/** Page (document) order of two marks; marks in a shadow tree sort by their host. */
export function comparePageOrder(a: Mark, b: Mark): number {
  const an = a.range.startContainer;
  const bn = b.range.startContainer;
  if (an === bn) return a.range.startOffset - b.range.startOffset;
  const pos = an.compareDocumentPosition(bn);
  if (pos & 4 /* FOLLOWING */) return -1;
  if (pos & 2 /* PRECEDING */) return 1;
  return a.id - b.id;
}

/**
 * The element the pointer is really over. Inside an open shadow root the document sees the event
 * retargeted to the host; the composed path's first entry is the element inside (for a closed
 * root it stays the host, whose names we do not read). The path is built only when the target
 * is a host, so ordinary moves allocate nothing.
 */
function deepTarget(e: Event, win: Window & typeof globalThis): EventTarget | null {
  const target = e.target;
  if (!(target instanceof win.Element) || !target.shadowRoot) return target;
  return e.composedPath()[0] ?? target;
}

export function wireInteractions({
  doc,
  session,
  overlay,
  notices,
  cardsFor,
  signal,
  isTrusted = (e) => e.isTrusted,
  isShown = () => true,
}: InteractionDeps): InteractionApi {
  const win = doc.defaultView;
  if (!win) {
    return {
      reveal: () => false,
      isPinned: () => false,
      step: () => false,
      stepAcross: () => 'none',
    };
  }
  let openTimer = 0;
  let closeTimer = 0;
  let pendingMove: { target: EventTarget | null; x: number; y: number } | null = null;
  let moveFrame = 0;
  // Its own frame: sharing one with pointer moves dropped a scroll that landed in a move's frame.
  let scrollFrame = 0;
  /** The mark whose popover is pinned (clicked, or revealed from the popup); null when hovering. */
  let pinnedMark: Mark | null = null;
  const isPinned = () => pinnedMark !== null && overlay.showing === pinnedMark.id;
  const pin = (mark: Mark) => {
    pinnedMark = mark;
  };

  const cancelOpen = () => {
    win.clearTimeout(openTimer);
    openTimer = 0;
  };
  const cancelClose = () => {
    win.clearTimeout(closeTimer);
    closeTimer = 0;
  };

  /** The mark whose card hover opened (for telling a sweep down its column from a visit). */
  let hoverMark: Mark | null = null;
  /** The card last opened by stepping, and where it stood: the next step goes on from it. */
  let stepped: { mark: Mark; index: number; total: number } | null = null;
  const open = (mark: Mark, focus: boolean) => {
    const rect = anchorRectOf(mark, doc);
    const cards = cardsFor(mark);
    if (!rect || cards.length === 0) return;
    hoverMark = focus ? null : mark;
    const at = stepped?.mark.id === mark.id ? stepped : null;
    overlay.show(mark.id, {
      cards,
      anchor: rect,
      focus,
      notices: notices(),
      ...(at ? { step: { index: at.index, total: at.total, onStep: step } } : {}),
    });
  };

  const reveal = (mark: Mark): boolean => {
    const start = mark.range.startContainer;
    const target = start.parentElement ?? hostOf(start.parentNode);
    if (!target?.isConnected) return false;
    // The page's own scrolling only: nothing is moved or added.
    target.scrollIntoView({ block: 'center', inline: 'nearest' });
    cancelOpen();
    cancelClose();
    // Open after layout settles so the popover anchors to the name's new position.
    win.requestAnimationFrame(() => {
      open(mark, true);
      pin(mark);
    });
    return true;
  };

  const stepMarks = (): Mark[] =>
    [...session.allMarks()]
      .filter((m) => m.range.startContainer.isConnected && isShown(m))
      .sort(comparePageOrder);

  /** Where the last step stood among `marks`, or -1 when nothing was stepped to or pinned here. */
  function stepPosition(marks: readonly Mark[], direction: StepDirection): number {
    const from = isPinned() ? pinnedMark : (stepped?.mark ?? null);
    if (!from) return -1;
    const at = marks.findIndex((m) => m.id === from.id);
    if (at !== -1) return at;
    // The mark stepped from has gone (the page changed): go on from where it stood.
    const after = marks.findIndex((m) => comparePageOrder(from, m) < 0);
    const before = after === -1 ? marks.length - 1 : after - 1;
    return direction === 'previous' ? before + 1 : before;
  }

  function stepTo(marks: readonly Mark[], index: number): boolean {
    const mark = marks[index];
    if (!mark) return false;
    stepped = { mark, index: index + 1, total: marks.length };
    return reveal(mark);
  }

  function step(direction: StepDirection): boolean {
    const marks = stepMarks();
    const n = marks.length;
    if (n === 0) return false;
    const at = stepPosition(marks, direction);
    const index = direction === 'next' ? (at + 1) % n : at === -1 ? n - 1 : (at - 1 + n) % n;
    return stepTo(marks, index);
  }

  function stepAcross(direction: StepDirection, fromEdge: boolean): StepOutcome {
    const marks = stepMarks();
    const n = marks.length;
    if (n === 0) return 'none';
    const at = fromEdge ? -1 : stepPosition(marks, direction);
    const index = direction === 'next' ? at + 1 : at === -1 ? n - 1 : at - 1;
    if (index < 0 || index >= n) {
      // Past this frame's flags: the background goes on to the next frame that has some.
      stepped = null;
      pinnedMark = null;
      if (overlay.isOpen) overlay.hide();
      return 'end';
    }
    return stepTo(marks, index) ? 'moved' : 'none';
  }

  /**
   * The user is typing: focus is in a text field. A hover card must not cover the field or its
   * dropdown, so names in the suggestions and in the same form open no hover card (a click still
   * pins one).
   */
  const isNearTyping = (mark: Mark): boolean => {
    const active = doc.activeElement;
    if (!(active instanceof win.Element) || !active.matches(TEXT_ENTRY)) return false;
    if (mark.block.closest(SUGGESTIONS)) return true;
    const form = active.closest('form');
    return form !== null && form.contains(mark.block);
  };

  /**
   * A name under the hover card at this point (the card lies below its name, over the next rows).
   * Moving on down a column is a sweep, not a visit to the card: the card gives way to the row.
   */
  /** Where the pointer was at the last move read, to tell a sweep's direction. */
  let lastPoint = { x: 0, y: 0 };
  const markBeneath = (x: number, y: number, from: { x: number; y: number }): Mark | null => {
    if (isPinned() || typeof doc.elementsFromPoint !== 'function') return null;
    // Only in the shown name's own column: travelling across to read the card or follow its
    // link keeps it; carrying on straight down the list does not.
    const shown = hoverMark && overlay.showing === hoverMark.id ? hoverMark : null;
    if (!shown) return null;
    const inColumn = rectsOf(shown, doc).some(
      (r) => x >= r.left - COLUMN_SLOP_PX && x <= r.right + COLUMN_SLOP_PX,
    );
    // And heading down (or up) the list: a diagonal move is on its way into the card.
    const dx = Math.abs(x - from.x);
    const dy = Math.abs(y - from.y);
    if (!inColumn || dx * 2 > dy) return null;
    for (const el of doc.elementsFromPoint(x, y)) {
      if (overlay.contains(el)) continue;
      const mark = markAtPoint(session, el, x, y, doc);
      return mark && mark.id !== overlay.showing ? mark : null;
    }
    return null;
  };

  const onMove = (e: { target: EventTarget | null; x: number; y: number }) => {
    const from = lastPoint;
    lastPoint = { x: e.x, y: e.y };
    let target = e.target;
    if (overlay.contains(target)) {
      const beneath = markBeneath(e.x, e.y, from);
      if (!beneath) {
        cancelClose();
        return;
      }
      target = beneath.block;
    }
    const mark = target instanceof win.Element ? markAtPoint(session, target, e.x, e.y, doc) : null;
    if (mark && !isPinned() && isNearTyping(mark)) {
      cancelOpen();
      return;
    }
    if (mark) {
      cancelClose();
      if (overlay.showing === mark.id || isPinned()) return;
      cancelOpen();
      // Another name: the card of the one before closes now, so it never hides the next row.
      if (overlay.isOpen) overlay.hide();
      openTimer = win.setTimeout(() => open(mark, false), HOVER_OPEN_MS);
    } else {
      cancelOpen();
      if (overlay.isOpen && !isPinned() && !closeTimer) {
        closeTimer = win.setTimeout(() => {
          closeTimer = 0;
          overlay.hide();
        }, HOVER_CLOSE_MS);
      }
    }
  };

  doc.addEventListener(
    'pointermove',
    (e) => {
      if (!isTrusted(e) || e.pointerType === 'touch') return;
      // The path is readable only while the event is dispatched, so take the target now.
      pendingMove = { target: deepTarget(e, win), x: e.clientX, y: e.clientY };
      if (moveFrame) return;
      moveFrame = win.requestAnimationFrame(() => {
        moveFrame = 0;
        if (pendingMove) onMove(pendingMove);
        pendingMove = null;
      });
    },
    { passive: true, signal },
  );

  // The pointer left this document (e.g. out of an iframe): a hover popover closes as it would
  // on moving away; no pointermove reaches us once the pointer is outside the frame.
  doc.addEventListener(
    'mouseout',
    (e) => {
      if (!isTrusted(e) || e.relatedTarget !== null || isPinned() || !overlay.isOpen) return;
      cancelOpen();
      if (!closeTimer) {
        closeTimer = win.setTimeout(() => {
          closeTimer = 0;
          overlay.hide();
        }, HOVER_CLOSE_MS);
      }
    },
    { passive: true, signal },
  );

  doc.addEventListener(
    'click',
    (e) => {
      if (!isTrusted(e) || overlay.contains(e.target)) return;
      const target = deepTarget(e, win);
      const mark =
        target instanceof win.Element
          ? markAtPoint(session, target, e.clientX, e.clientY, doc)
          : null;
      cancelOpen();
      cancelClose();
      if (mark) {
        const onControl = target instanceof win.Element && target.closest(INTERACTIVE) !== null;
        open(mark, !onControl);
        pin(mark);
      } else if (overlay.isOpen) {
        overlay.hide();
      }
    },
    { passive: true, signal },
  );

  doc.addEventListener(
    'keydown',
    (e) => {
      if (!isTrusted(e)) return;
      if (e.key === 'Escape' && overlay.isOpen) overlay.hide();
      // Typing in a field: a hover card (never a pinned one) gets out of the way, and a pending
      // one never opens over what is being typed.
      else if (!isPinned() && e.target instanceof win.Element && e.target.matches(TEXT_ENTRY)) {
        cancelOpen();
        if (overlay.isOpen) overlay.hide();
      }
    },
    { passive: true, signal },
  );

  // A pinned popover follows its name on scroll; a hover popover just closes.
  win.addEventListener(
    'scroll',
    (e) => {
      if (!isTrusted(e) || !overlay.isOpen) return;
      const mark = pinnedMark;
      if (!mark || !isPinned()) {
        overlay.hide();
        return;
      }
      if (scrollFrame) return;
      scrollFrame = win.requestAnimationFrame(() => {
        scrollFrame = 0;
        if (overlay.showing === mark.id) open(mark, false);
      });
    },
    { passive: true, capture: true, signal },
  );

  signal.addEventListener('abort', () => {
    cancelOpen();
    cancelClose();
    overlay.hide();
  });

  return {
    isPinned,
    step,
    stepAcross,
    reveal(mark) {
      stepped = null;
      return reveal(mark);
    },
  };
}
