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

/** "Prescribing Lens national pack 2026.11.0", with the layer said once, not twice. */
export function packLine(pack: PopoverCard['pack']): string {
  const layer = LAYER_LABELS[pack.layer];
  const named = pack.name.toLowerCase().includes(layer) ? pack.name : `${pack.name} (${layer})`;
  return `${named}, version ${pack.packVersion}`;
}

/** A category's position without its label pasted in front when the text already starts with it. */
function withoutRepeatedLabel(label: string, text: string): { label?: string; text: string } {
  return text.toLowerCase().startsWith(label.toLowerCase()) ? { text } : { label, text };
}

/** One rule's position, advice and sources. Text only: nothing from a pack is read as HTML. */
export function DrugPopover({ card, headingId, onSetProfile }: DrugPopoverProps) {
  const fuzzy = card.kind === 'fuzzy';
  const showMatched = card.matchedText.trim().toLowerCase() !== card.drug.toLowerCase();
  return (
    <article class="plens-card" data-rule-id={card.ruleId}>
      {fuzzy ? (
        <p class="plens-possible" data-testid="plens-possible">
          {card.isFamily
            ? `Possible match: “${card.matchedText}” names several products, and only some contain ${card.drug.toLowerCase()}. Check which product this is.`
            : `Possible match: “${card.matchedText}” is not an exact name. Did you mean ${card.drug}?`}
        </p>
      ) : null}
      <h2 id={headingId} class="plens-drug">
        {card.drug}
      </h2>
      {card.summary ? (
        <p class="plens-summary" data-testid="plens-summary">
          {card.summary}
        </p>
      ) : null}
      {showMatched && !fuzzy ? (
        <p class="plens-as-shown">
          Shown as “{card.matchedText}”, a name for {card.drug}
        </p>
      ) : null}
      {card.isPast ? (
        <p class="plens-as-shown" data-testid="plens-past-note">
          Listed under past or discontinued medication on this screen.
        </p>
      ) : null}
      {card.isUnstated ? (
        <p class="plens-as-shown" data-testid="plens-unstated-note">
          Possible current medicine: the page does not say whether it is current or past. Check the
          record.
        </p>
      ) : null}
      {card.isMention && !card.isPast ? (
        <p class="plens-as-shown" data-testid="plens-mention-note">
          Mentioned in a note, an allergy or problem entry, a search suggestion or a result, not
          listed as a current medicine: not counted, and no co-prescribing alert.
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
      {card.alsoPositions.map((p) => {
        const shown = withoutRepeatedLabel(CATEGORY_LABELS[p.category], p.position);
        return (
          <p key={p.category} class="plens-text plens-also">
            {shown.label ? <strong>{shown.label}: </strong> : null}
            {shown.text}
          </p>
        );
      })}
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
          <h3 class="plens-label">Good to know</h3>
          <p class="plens-text">{card.notes}</p>
        </>
      ) : null}
      <h3 class="plens-label">Sources</h3>
      <SourceList sources={card.sources} emptyText={`No source given by ${card.pack.name}`} />
      <footer class="plens-footer">
        {packLine(card.pack)} · published {formatDate(card.pack.publishedAt)} · review by{' '}
        {formatDate(card.pack.reviewBy)}
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
