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
  /** The medicines behind it, each reachable from the keyboard ("Go to Diazepam"). */
  readonly members?: readonly { readonly ruleId: string; readonly drug: string }[];
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
  /** How many flagged medicines are hidden on this page ("2 hidden — Show"). */
  readonly hidden?: number;
  /** Shows every hidden medicine again, in one step. */
  readonly onShowHidden?: () => void;
  /** Opens a medicine's card on the page (a notice's "Go to …"). */
  readonly onReveal?: (ruleId: string) => void;
}

/** "1 hidden — Show": what a dismissal hides is never hidden silently. */
function HiddenLine({ count, onShow }: { count: number; onShow?: (() => void) | undefined }) {
  if (count === 0) return null;
  const label = `${count} hidden`;
  return (
    <p class="plens-hidden-line" data-testid="plens-hidden">
      <span>{label} — </span>
      <button
        type="button"
        class="plens-hidden-show"
        aria-label={`Show ${count} hidden ${count === 1 ? 'flag' : 'flags'} again`}
        onClick={() => onShow?.()}
      >
        Show
      </button>
    </p>
  );
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
  hidden = 0,
  onShowHidden,
  onReveal,
}: CoPrescribingNoticeProps) {
  const [open, setOpen] = useState<string | null>(null);
  if (items.length === 0 && hidden === 0) return null;
  const cls = `plens-notices${collapsed || items.length === 0 ? ' plens-notices-collapsed' : ''}${dockLeft ? ' plens-notices-left' : ''}${dockTop ? ' plens-notices-top' : ''}`;
  if (items.length === 0) {
    return (
      <section
        class={cls}
        aria-label="Prescribing Lens: hidden flags"
        data-testid="plens-coprescribing"
      >
        <HiddenLine count={hidden} onShow={onShowHidden} />
      </section>
    );
  }
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
        <HiddenLine count={hidden} onShow={onShowHidden} />
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
                {onReveal && item.members && item.members.length > 0 ? (
                  <p class="plens-text">
                    {item.members.map((m) => (
                      <button
                        key={m.ruleId}
                        type="button"
                        class="plens-notice-go"
                        data-focus-key={`go-${item.id}-${m.ruleId}`}
                        onClick={() => onReveal(m.ruleId)}
                      >
                        Go to {m.drug}
                      </button>
                    ))}
                  </p>
                ) : null}
                <SourceList sources={item.sources} />
              </div>
            ) : null}
          </div>
        );
      })}
      <HiddenLine count={hidden} onShow={onShowHidden} />
    </section>
  );
}
