import { formatDate } from '@/rules/views/dates';
import { CATEGORY_LABELS } from '@/rules/schema/rule-pack';
import { PracticeSection } from './PracticeSection';
import { SourceList } from './SourceList';
import type { PopoverCard } from '@/rules/views/card';

export interface DrugPopoverProps {
  readonly card: PopoverCard;
  /** Id of the card's heading, so the dialog can be labelled by it. */
  readonly headingId: string;
  /** Opens the options page at "Your practice" when the profile is not set (#19). */
  readonly onSetProfile?: () => void;
}

const LAYER_LABELS = { bundled: 'national pack', local: 'local pack', managed: 'managed pack' };

/** One rule's position, advice and sources. Text only: nothing from a pack is read as HTML. */
export function DrugPopover({ card, headingId, onSetProfile }: DrugPopoverProps) {
  const fuzzy = card.kind === 'fuzzy';
  const showMatched = card.matchedText.trim().toLowerCase() !== card.drug.toLowerCase();
  return (
    <article class="plens-card" data-rule-id={card.ruleId}>
      {fuzzy ? (
        <p class="plens-possible" data-testid="plens-possible">
          Possible match: “{card.matchedText}” is not an exact name. Did you mean {card.drug}?
        </p>
      ) : null}
      <h2 id={headingId} class="plens-drug">
        {card.drug}
      </h2>
      {showMatched && !fuzzy ? <p class="plens-as-shown">Shown as “{card.matchedText}”</p> : null}
      {card.isPast ? (
        <p class="plens-as-shown" data-testid="plens-past-note">
          Listed under past or discontinued medication on this screen.
        </p>
      ) : null}
      {card.isMention && !card.isPast ? (
        <p class="plens-as-shown" data-testid="plens-mention-note">
          Mentioned here (a note, a search suggestion or a result), not listed as a current
          medicine: not counted, and no co-prescribing alert.
        </p>
      ) : null}
      <ul class="plens-badges" aria-label="Categories">
        {card.categories.map((c) => (
          <li key={c} class={`plens-badge plens-badge--${c}`}>
            {CATEGORY_LABELS[c]}
          </li>
        ))}
      </ul>
      <h3 class="plens-label">Contractual position</h3>
      <p class="plens-text" data-testid="plens-position">
        {card.position}
      </p>
      {card.alsoPositions.map((p) => (
        <p key={p.category} class="plens-text plens-also">
          <strong>{CATEGORY_LABELS[p.category]}:</strong> {p.position}
        </p>
      ))}
      <h3 class="plens-label">What to do</h3>
      <p class="plens-text" data-testid="plens-advice">
        {card.advice}
      </p>
      {card.practice ? (
        <PracticeSection
          practice={card.practice}
          fallbackAdvice={card.advice}
          idPrefix={`${headingId}-${card.ruleId}`}
          {...(onSetProfile ? { onSetProfile } : {})}
        />
      ) : null}
      {card.notes ? (
        <>
          <h3 class="plens-label">Local variation</h3>
          <p class="plens-text">{card.notes}</p>
        </>
      ) : null}
      <h3 class="plens-label">Sources</h3>
      <SourceList sources={card.sources} emptyText={`No source given by ${card.pack.name}`} />
      <footer class="plens-footer">
        {card.pack.name} {card.pack.packVersion} ({LAYER_LABELS[card.pack.layer]}) · published{' '}
        {formatDate(card.pack.publishedAt)} · review by {formatDate(card.pack.reviewBy)}
        {card.reviewOverdue ? (
          <strong class="plens-warning" role="note">
            {' '}
            Review date passed: this content may be out of date.
          </strong>
        ) : null}
      </footer>
    </article>
  );
}
