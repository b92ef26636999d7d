import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { DrugPopover } from './DrugPopover';
import type { PopoverCard } from './types';

export interface AnchorRect {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
}

export interface PopoverLayerProps {
  readonly cards: readonly PopoverCard[];
  readonly anchor: AnchorRect;
  readonly viewport: { readonly width: number; readonly height: number };
  /** Move focus into the dialog (opened by a deliberate click, never by hover). */
  readonly autoFocus: boolean;
  readonly onClose: () => void;
}

const GAP = 6;
const MARGIN = 8;
const WIDTH = 380;

/** A non-modal dialog beside the flagged name. Escape or the close button dismisses it. */
export function PopoverLayer({ cards, anchor, viewport, autoFocus, onClose }: PopoverLayerProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(anchor.bottom + GAP);
  const width = Math.min(WIDTH, viewport.width - 2 * MARGIN);
  const left = Math.max(MARGIN, Math.min(anchor.left, viewport.width - width - MARGIN));

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const height = el.offsetHeight;
    const below = anchor.bottom + GAP;
    const above = anchor.top - GAP - height;
    setTop(below + height > viewport.height - MARGIN && above >= MARGIN ? above : below);
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
      style={{ top: `${top}px`, left: `${left}px`, width: `${width}px` }}
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
    </div>
  );
}
