import { useEffect, useRef, useState } from 'preact/hooks';
import { CATEGORIES, type Category } from '@/rules/schema/rule-pack';
import { CATEGORY_LABELS } from '@/rules/schema/rule-pack';
import { DrugPopover } from '../popover/DrugPopover';
import type { PopoverCard } from '@/rules/views/card';
import { currentCount } from '@/rules/views/page-report';
import { LetterList } from './LetterList';
import type { DismissScope, LetterView, PopupDrug, TabScope } from './types';

/** The dismiss buttons' words: each scope says exactly what it does and where. */
export function hideLabel(scope: DismissScope, tabScope: TabScope = 'record'): string {
  if (scope === 'session') return 'Hide in every tab until the browser closes';
  return tabScope === 'record'
    ? 'Hide on this patient’s record (this tab)'
    : 'Hide on this page (this tab)';
}

/** Where a hidden medicine is hidden, in the list's words. */
export function hiddenWhere(drug: PopupDrug, tabScope: TabScope = 'record'): string {
  if (drug.dismissedScope === 'session') return 'Hidden in every tab';
  return tabScope === 'record'
    ? 'Hidden on this record (this tab)'
    : 'Hidden on this page (this tab)';
}

export interface FlaggedMedicinesProps {
  readonly drugs: readonly PopupDrug[];
  /** What "this tab" is tied to on this page: one patient's record, or the page (no single patient). */
  readonly tabScope?: TabScope;
  readonly onReveal: (drug: PopupDrug) => void;
  readonly onDismiss: (drug: PopupDrug, scope: DismissScope) => void;
  readonly onRestore: (drug: PopupDrug) => void;
  readonly lettersFor: (ruleId: string) => readonly LetterView[];
  /** The page popover's card for the rule (summary, position, advice), shown under "More". */
  readonly cardFor?: (ruleId: string) => PopoverCard | null;
  readonly onCopy: (letter: LetterView) => void;
  readonly onSetProfile?: () => void;
}

/**
 * "1 current, 2 past, 1 possible": only the counts that are not zero. Counts are of medication
 * items (rows), not mentions; on a list of patients, how many patients have it current; names in
 * notes, search suggestions or results are "mentioned", never current.
 */
export function describeCounts(drug: PopupDrug): string {
  const parts: string[] = [];
  if (drug.current > 0) {
    const n = drug.patients;
    parts.push(
      n === undefined
        ? currentCount(drug.current, drug.unstated ?? 0)
        : `current for ${n} ${n === 1 ? 'patient' : 'patients'}`,
    );
  }
  if (drug.past > 0) parts.push(`${drug.past} past`);
  if (drug.possible > 0) parts.push(`${drug.possible} possible`);
  const mentions = drug.mentions ?? 0;
  if (mentions > 0) parts.push(`mentioned ${mentions === 1 ? 'once' : `${mentions} times`}`);
  // Not a trap for this practice (#19): listed, but said so, and left out of the badge.
  if (drug.commissioned === true) parts.push('covered by your practice’s service');
  return parts.join(', ');
}

/** Names as shown on the page, when they differ from the drug's own name. */
function shownAs(drug: PopupDrug): string {
  const other = drug.names.filter((n) => n.toLowerCase() !== drug.drug.toLowerCase());
  return other.length > 0 ? `shown as ${other.map((n) => `“${n}”`).join(', ')}` : '';
}

/**
 * Not current: only in past or discontinued sections, or only mentioned (notes, search
 * suggestions, results); nothing current, nothing possible.
 */
export function isPastOnly(drug: PopupDrug): boolean {
  return drug.current === 0 && drug.possible === 0 && (drug.past > 0 || (drug.mentions ?? 0) > 0);
}

interface Group {
  readonly key: Category | 'past';
  readonly label: string;
  readonly drugs: readonly PopupDrug[];
}

function groupDrugs(drugs: readonly PopupDrug[]): Group[] {
  const byName = (a: PopupDrug, b: PopupDrug) => a.drug.localeCompare(b.drug);
  const groups: Group[] = CATEGORIES.map((c) => ({
    key: c,
    label: CATEGORY_LABELS[c],
    drugs: drugs.filter((d) => !isPastOnly(d) && d.categories[0] === c).sort(byName),
  }));
  groups.push({
    key: 'past',
    label: 'Past medication',
    drugs: drugs.filter(isPastOnly).sort(byName),
  });
  return groups.filter((g) => g.drugs.length > 0);
}

interface ItemProps extends Omit<FlaggedMedicinesProps, 'drugs'> {
  readonly drug: PopupDrug;
}

function FlaggedItem({
  drug,
  tabScope,
  onReveal,
  onDismiss,
  onRestore,
  lettersFor,
  cardFor,
  onCopy,
  onSetProfile,
}: ItemProps) {
  const [expanded, setExpanded] = useState(false);
  const moreRef = useRef<HTMLButtonElement>(null);
  const mainRef = useRef<HTMLButtonElement>(null);
  const restoreRef = useRef<HTMLButtonElement>(null);
  // After "Dismiss" the item turns into its dismissed form (and back after "Restore"): keep the
  // keyboard where it was, on the button that undoes what was just done.
  const focusAfterChange = useRef(false);
  useEffect(() => {
    if (drug.dismissed) setExpanded(false);
    if (!focusAfterChange.current) return;
    focusAfterChange.current = false;
    (drug.dismissed ? restoreRef : mainRef).current?.focus();
  }, [drug.dismissed]);
  const nameId = `plens-item-${drug.ruleId}`;
  const panelId = `plens-item-panel-${drug.ruleId}`;
  const shown = shownAs(drug);
  const counts = describeCounts(drug);
  const meta = [shown, counts].filter(Boolean).join('; ');

  if (drug.dismissed) {
    return (
      <li class="plens-item plens-item--dismissed" data-rule-id={drug.ruleId}>
        <div class="plens-item-row">
          <p class="plens-item-main" id={nameId}>
            <span class="plens-item-drug">{drug.drug}</span>{' '}
            <span class="plens-item-meta">
              {hiddenWhere(drug, tabScope)}
              {meta ? `; ${meta}` : ''}
            </span>
          </p>
          <button
            type="button"
            class="plens-button plens-item-side"
            ref={restoreRef}
            aria-describedby={nameId}
            onClick={() => {
              focusAfterChange.current = true;
              onRestore(drug);
            }}
          >
            Show again
          </button>
        </div>
      </li>
    );
  }

  const letters = expanded ? lettersFor(drug.ruleId) : [];
  const card = expanded && cardFor ? cardFor(drug.ruleId) : null;
  const collapse = () => {
    setExpanded(false);
    moreRef.current?.focus();
  };
  return (
    <li class="plens-item" data-rule-id={drug.ruleId}>
      <div class="plens-item-row">
        <button
          type="button"
          ref={mainRef}
          class="plens-item-main"
          id={nameId}
          data-testid="plens-reveal"
          onClick={() => onReveal(drug)}
        >
          <span class="plens-item-drug">{drug.drug}</span>{' '}
          {meta ? <span class="plens-item-meta">{meta}</span> : null}
        </button>
        <button
          type="button"
          ref={moreRef}
          class="plens-button plens-item-side"
          aria-expanded={expanded}
          aria-controls={panelId}
          aria-label={`More: ${drug.drug}`}
          onClick={() => setExpanded(!expanded)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && expanded) {
              e.preventDefault();
              setExpanded(false);
            }
          }}
        >
          More
        </button>
      </div>
      <div
        id={panelId}
        class="plens-item-panel"
        role="group"
        aria-label={`${drug.drug}: position, advice, hide and letters`}
        hidden={!expanded}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            collapse();
          }
        }}
      >
        {card ? (
          <div class="plens-item-card" data-testid="plens-item-card">
            <DrugPopover
              card={card}
              headingId={`plens-item-card-${drug.ruleId}`}
              {...(onSetProfile ? { onSetProfile } : {})}
            />
          </div>
        ) : null}
        <div class="plens-item-actions">
          {(['tab', 'session'] as const).map((scope) => (
            <button
              key={scope}
              type="button"
              class="plens-button"
              onClick={() => {
                focusAfterChange.current = true;
                onDismiss(drug, scope);
              }}
            >
              {hideLabel(scope, tabScope)}
            </button>
          ))}
        </div>
        <LetterList drug={drug.drug} letters={letters} onCopy={onCopy} />
      </div>
    </li>
  );
}

/**
 * The page's flagged medicines, grouped by each medicine's first category, then those only in past
 * sections. A medicine's button scrolls the page to it and opens its popover; "More" offers
 * hiding it (on this record in this tab, or in every tab) and its next-step letters. Hidden
 * medicines stay listed, greyed, saying where they are hidden, with "Show again".
 */
export function FlaggedMedicines({ drugs, ...actions }: FlaggedMedicinesProps) {
  const groups = groupDrugs(drugs);
  return (
    <>
      {groups.map((group) => {
        const headingId = `plens-group-${group.key}`;
        return (
          <div key={group.key} class={`plens-group plens-group--${group.key}`}>
            <h3 id={headingId} class="plens-group-heading">
              {group.label} <span class="plens-group-count">({group.drugs.length})</span>
            </h3>
            {group.key === 'past' ? (
              <p class="plens-hint">
                Only in past or discontinued sections of the page, or only mentioned (notes, search
                suggestions, results).
              </p>
            ) : null}
            <ul class="plens-items" aria-labelledby={headingId}>
              {group.drugs.map((drug) => (
                <FlaggedItem key={drug.ruleId} drug={drug} {...actions} />
              ))}
            </ul>
          </div>
        );
      })}
    </>
  );
}
