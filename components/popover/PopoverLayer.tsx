import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { DrugPopover } from './DrugPopover';
import type { PopoverCard } from '@/rules/views/card';

export interface AnchorRect {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
}

export interface PopoverLayerProps {
  readonly cards: readonly PopoverCard[];
  /** Problems the user must know about, e.g. "your local pack failed to load". */
  readonly notices?: readonly string[];
  readonly anchor: AnchorRect;
  readonly viewport: { readonly width: number; readonly height: number };
  /** Move focus into the dialog (opened by a deliberate click, never by hover). */
  readonly autoFocus: boolean;
  readonly onClose: () => void;
  /** Opened by stepping through the page's flags from the keyboard: position and the way on. */
  readonly step?: {
    readonly index: number;
    readonly total: number;
    readonly onStep: (direction: 'next' | 'previous') => void;
  };
}

const GAP = 6;
const MARGIN = 8;
const WIDTH = 380;

/**
 * Below the name if it fits, else above; if neither fits, the roomier side with the height capped
 * (the popover scrolls), so it never leaves the viewport.
 */
export function placeVertically(
  height: number,
  anchor: AnchorRect,
  viewportHeight: number,
): { top: number; maxHeight?: number } {
  const roomBelow = viewportHeight - MARGIN - (anchor.bottom + GAP);
  const roomAbove = anchor.top - GAP - MARGIN;
  if (height <= roomBelow) return { top: anchor.bottom + GAP };
  if (height <= roomAbove) return { top: anchor.top - GAP - height };
  if (roomBelow >= roomAbove)
    return { top: anchor.bottom + GAP, maxHeight: Math.max(roomBelow, 0) };
  return { top: MARGIN, maxHeight: Math.max(roomAbove, 0) };
}

/** A non-modal dialog beside the flagged name. Escape or the close button dismisses it. */
export function PopoverLayer({
  cards,
  notices = [],
  anchor,
  viewport,
  autoFocus,
  onClose,
  step,
}: PopoverLayerProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ top: number; maxHeight?: number }>({
    top: anchor.bottom + GAP,
  });
  const width = Math.min(WIDTH, viewport.width - 2 * MARGIN);
  const left = Math.max(MARGIN, Math.min(anchor.left, viewport.width - width - MARGIN));

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setPlace(placeVertically(el.scrollHeight, anchor, viewport.height));
    if (autoFocus) el.focus();
  }, [anchor.top, anchor.bottom, viewport.height, autoFocus]);

  const headingId = 'plens-card-0';
  return (
    <div
      ref={ref}
      class="plens-popover"
      role="dialog"
      aria-modal="false"
      aria-labelledby={headingId}
      tabIndex={-1}
      data-testid="plens-popover"
      style={{
        top: `${place.top}px`,
        left: `${left}px`,
        width: `${width}px`,
        ...(place.maxHeight !== undefined ? { maxHeight: `${place.maxHeight}px` } : {}),
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <button type="button" class="plens-close" aria-label="Close" onClick={onClose}>
        ×
      </button>
      {cards.map((card, i) => (
        <DrugPopover key={card.ruleId} card={card} headingId={`plens-card-${i}`} />
      ))}
      {notices.map((notice) => (
        <p key={notice} class="plens-notice" role="note">
          {notice}
        </p>
      ))}
      {step ? (
        <nav class="plens-step" aria-label="Flags on this page">
          <p class="plens-step-position">
            Flag {step.index} of {step.total}
          </p>
          <button type="button" onClick={() => step.onStep('previous')}>
            Previous flag
          </button>
          <button type="button" onClick={() => step.onStep('next')}>
            Next flag
          </button>
        </nav>
      ) : null}
    </div>
  );
}
