import { useEffect, useRef, useState } from 'preact/hooks';
import { DrugPopover } from '../popover/DrugPopover';
import { LetterList } from './LetterList';
import type { LetterView, LookupHit, RulesView } from './types';

export interface DrugLookupProps {
  /** The active rule set; null while it loads. */
  readonly rules: RulesView | null;
  readonly onCopy: (letter: LetterView) => void;
  /** Put the cursor in the search box on open (when there is no page list to start from). */
  readonly autoFocus?: boolean;
  /** Opens the options page where the practice profile is set (#19). */
  readonly onSetProfile?: () => void;
}

const MIN_QUERY = 2;

function statusOf(
  query: string,
  rules: RulesView | null,
  hits: readonly LookupHit[],
  shown?: LookupHit,
): string {
  if (query.trim().length < MIN_QUERY) return '';
  if (!rules) return 'Loading the rule packs…';
  if (hits.length === 0)
    return `No flagged medicine matches “${query.trim()}”: it has no contractual flag in the packs in force, or try another spelling.`;
  if (hits.length === 1 || !shown) return `1 medicine matches: ${hits[0]?.drug ?? ''}.`;
  return `${hits.length} medicines match; showing ${shown.drug}.`;
}

/**
 * "What is the position on X?": a typo-tolerant search over the packs in force ("zopiclon",
 * "Zimovane"), answered with the same card as the page's popover and the medicine's next-step
 * letters. Works with no clinical page open.
 */
export function DrugLookup({ rules, onCopy, autoFocus = false, onSetProfile }: DrugLookupProps) {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Only when nothing else has focus: never take the cursor from someone already typing.
    const active = input.current?.ownerDocument.activeElement;
    if (autoFocus && (!active || active === input.current?.ownerDocument.body))
      input.current?.focus();
  }, [autoFocus]);

  const hits = rules && query.trim().length >= MIN_QUERY ? rules.search(query) : [];
  const shown = hits.find((h) => h.ruleId === chosen) ?? hits[0];
  const card = shown && rules ? rules.cardFor(shown.ruleId) : null;
  const letters = shown && rules ? rules.lettersFor(shown.ruleId) : [];
  const isOtherName = shown && shown.matchedName.toLowerCase() !== shown.drug.toLowerCase();

  return (
    <section class="plens-lookup" aria-labelledby="plens-lookup-heading">
      <h2 id="plens-lookup-heading" class="plens-section-heading">
        Look up a medicine
      </h2>
      <label for="plens-lookup-input" class="plens-field-label">
        Medicine name
      </label>
      <p id="plens-lookup-hint" class="plens-hint">
        Generic or brand name; spelling mistakes are fine.
      </p>
      <input
        ref={input}
        id="plens-lookup-input"
        class="plens-input"
        type="search"
        autocomplete="off"
        spellcheck={false}
        aria-describedby="plens-lookup-hint"
        value={query}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setChosen(null);
        }}
        onKeyDown={(e) => {
          // Escape clears the box first; only an empty box lets Escape close the popup.
          if (e.key === 'Escape' && query !== '') {
            e.preventDefault();
            setQuery('');
            setChosen(null);
          }
        }}
      />
      <p role="status" class="plens-lookup-status" data-testid="plens-lookup-status">
        {statusOf(query, rules, hits, shown)}
      </p>
      {hits.length > 1 ? (
        <ul class="plens-hits" aria-label="Matching medicines">
          {hits.map((hit) => (
            <li key={hit.ruleId}>
              <button
                type="button"
                class="plens-hit"
                aria-pressed={hit.ruleId === shown?.ruleId}
                onClick={() => setChosen(hit.ruleId)}
              >
                {hit.drug}
                {hit.matchedName.toLowerCase() !== hit.drug.toLowerCase() ? (
                  <span class="plens-hit-name"> (“{hit.matchedName}”)</span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {card && shown ? (
        <div class="plens-lookup-answer" data-testid="plens-lookup-card">
          {isOtherName ? (
            <p class="plens-hint">
              “{shown.matchedName}” is a name for {shown.drug}.
            </p>
          ) : null}
          <DrugPopover
            card={card}
            headingId="plens-lookup-card-heading"
            {...(onSetProfile ? { onSetProfile } : {})}
          />
          {letters.length > 0 ? (
            <>
              <h3 class="plens-label">Next-step letters</h3>
              <LetterList drug={shown.drug} letters={letters} onCopy={onCopy} />
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
