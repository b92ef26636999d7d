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
}

export interface CoPrescribingNoticeProps {
  readonly items: readonly NoticeItem[];
  readonly onDismiss: (id: string) => void;
}

/**
 * A small, non-modal notice in the corner of the screen: the combination and the medicines, with
 * details on request. It never takes focus, never blocks the page and can be dismissed for the tab.
 */
export function CoPrescribingNotice({ items, onDismiss }: CoPrescribingNoticeProps) {
  const [open, setOpen] = useState<string | null>(null);
  if (items.length === 0) return null;
  return (
    <section
      class="plens-notices"
      aria-label="Prescribing Lens co-prescribing notices"
      data-testid="plens-coprescribing"
    >
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
