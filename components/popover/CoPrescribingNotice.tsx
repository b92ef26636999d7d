import { useState } from 'preact/hooks';
import type { Source } from '@/rules/schema/rule-pack';
import { SourceList } from './SourceList';

/** One triggered co-prescribing alert, as the content script resolved it. */
export interface NoticeItem {
  readonly id: string;
  readonly title: string;
  /** The medicines that triggered it, as a phrase ("Buprenorphine, Codeine + Diazepam"). */
  readonly drugs: string;
  readonly message: string;
  readonly advice: string;
  readonly sources: readonly Source[];
  /** Raised on a list of several patients (for one of them): the notice starts folded there. */
  readonly onList?: boolean;
}

export interface CoPrescribingNoticeProps {
  readonly items: readonly NoticeItem[];
  readonly onDismiss: (id: string) => void;
  /** Folded to one line ("2 co-prescribing alerts — Show"), so it covers as little as it can. */
  readonly collapsed?: boolean;
  /** The user folds or unfolds it; absent, it cannot be folded. */
  readonly onToggleCollapsed?: () => void;
  /** Dock in the bottom-left corner (a card is open on the right). */
  readonly dockLeft?: boolean;
  /** Dock at the top instead of the bottom (the page has controls under the bottom corner). */
  readonly dockTop?: boolean;
}

/**
 * A small, non-modal notice in the corner of the screen: the combination and the medicines, with
 * details on request. It never takes focus, never blocks the page and can be dismissed for the tab.
 */
export function CoPrescribingNotice({
  items,
  onDismiss,
  collapsed = false,
  onToggleCollapsed,
  dockLeft = false,
  dockTop = false,
}: CoPrescribingNoticeProps) {
  const [open, setOpen] = useState<string | null>(null);
  if (items.length === 0) return null;
  const cls = `plens-notices${collapsed ? ' plens-notices-collapsed' : ''}${dockLeft ? ' plens-notices-left' : ''}${dockTop ? ' plens-notices-top' : ''}`;
  const count = `${items.length} co-prescribing ${items.length === 1 ? 'alert' : 'alerts'}`;
  if (collapsed) {
    return (
      <section
        class={cls}
        aria-label="Prescribing Lens co-prescribing notices"
        data-testid="plens-coprescribing"
      >
        <p class="plens-notice-title">
          <strong>{count}</strong>{' '}
          <button
            type="button"
            class="plens-notice-fold"
            aria-expanded="false"
            onClick={() => onToggleCollapsed?.()}
          >
            Show
          </button>
        </p>
      </section>
    );
  }
  return (
    <section
      class={cls}
      aria-label="Prescribing Lens co-prescribing notices"
      data-testid="plens-coprescribing"
    >
      {onToggleCollapsed ? (
        <button
          type="button"
          class="plens-notice-fold"
          aria-expanded="true"
          aria-label={`Collapse ${count}`}
          onClick={onToggleCollapsed}
        >
          Collapse
        </button>
      ) : null}
      {items.map((item) => {
        const expanded = open === item.id;
        const detailsId = `plens-notice-${item.id}`;
        return (
          <div key={item.id} class="plens-notice-item">
            <p class="plens-notice-title">
              <strong>{item.title}</strong>
              <span class="plens-notice-drugs"> — {item.drugs}</span>
            </p>
            <div class="plens-notice-actions">
              <button
                type="button"
                aria-expanded={expanded}
                aria-controls={detailsId}
                onClick={() => setOpen(expanded ? null : item.id)}
              >
                {expanded ? 'Hide details' : 'Details'}
              </button>
              <button
                type="button"
                aria-label={`Dismiss “${item.title}” for this tab`}
                onClick={() => onDismiss(item.id)}
              >
                Dismiss
              </button>
            </div>
            {expanded ? (
              <div id={detailsId} class="plens-notice-details">
                <p class="plens-text">{item.message}</p>
                <p class="plens-text">
                  <strong>What to do:</strong> {item.advice}
                </p>
                <SourceList sources={item.sources} />
              </div>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
