/**
 * The popover card for one effective rule: the text a GP reads, resolved from the rule, its
 * category defaults and its pack. Shared by the page popover and the popup's look-up, so both
 * always say the same thing. Pure: data in, data out.
 */
import { visibleText } from './visible-text';
import type { ResolvedRule } from '../loader/merge';
import type { Category, Source } from '../schema/rule-pack';
import { practicePosition, type PracticeContext, type PracticePosition } from './practice-position';

// Abbreviations whose full stop does not end a sentence (pack text is written in plain English).
const ABBREVIATIONS: ReadonlySet<string> = new Set(['e.g', 'i.e', 'etc', 'approx', 'vs', 'cf']);

/**
 * The first sentence of pack text: up to the first full stop followed by a space that does not
 * close an abbreviation. One pass with indexOf, so linear on any text a pack holds.
 */
export function firstSentence(text: string): string {
  const trimmed = text.trim();
  let from = 0;
  for (;;) {
    const stop = trimmed.indexOf('. ', from);
    if (stop < 0) return trimmed;
    const wordStart = trimmed.lastIndexOf(' ', stop - 1) + 1;
    const word = trimmed.slice(wordStart, stop).replace(/^\(/, '').toLowerCase();
    if (!ABBREVIATIONS.has(word)) return trimmed.slice(0, stop + 1);
    from = stop + 2;
  }
}

/**
 * The card's one line (what it is, why it matters, the next step), the same on the page card, the
 * popup's look-up and its list. The pack's own summary where it wrote one; else the first sentences
 * of the position and the advice. Where the practice provides the service answering every category
 * (#19), the line says so; where it answers the first category only, the line follows the next.
 */
export function cardSummary(resolved: ResolvedRule, practice?: PracticePosition): string {
  const { rule, categoryText } = resolved;
  const primary = rule.categories[0];
  if (!primary) return '';
  const provided = practice?.services.find((s) => s.provided);
  if (practice && practice.remaining.length === 0 && provided) {
    return `Your practice provides the ${provided.name}: ${firstSentence(provided.text)}`;
  }
  const category = practice?.remaining[0] ?? primary;
  if (rule.summary && category === primary) return rule.summary;
  if (!rule.position || category !== primary) {
    const text = categoryText[category];
    if (text?.summary) return text.summary;
    if (text && !rule.position) return joinSentences(text.position, rule.advice ?? text.advice);
  }
  return joinSentences(rule.position ?? '', rule.advice ?? categoryText[primary]?.advice ?? '');
}

function joinSentences(position: string, advice: string): string {
  const what = firstSentence(position);
  const next = firstSentence(advice);
  if (next === '' || next === what) return what;
  return what === '' ? next : `${what} ${next}`;
}

/** Everything one popover card shows about one rule; built by the content script, rendered as text. */
export interface PopoverCard {
  readonly ruleId: string;
  readonly drug: string;
  /** The name as it appears on the page. */
  readonly matchedText: string;
  readonly kind: 'exact' | 'fuzzy';
  /**
   * A possible match because the name is a family whose products differ in whether they contain
   * the medicine ("Solpadeine": Plus and Max contain codeine, Headache does not), not a misspelling.
   */
  readonly isFamily?: boolean;
  /** The name sits in a past or discontinued section of the screen. */
  readonly isPast?: boolean;
  /**
   * The name is mentioned (a note, a search suggestion, a result, another column of a row), not
   * listed as a medicine: it is not counted as current and joins no co-prescribing alert.
   */
  readonly isMention?: boolean;
  /** Current only by default: the page does not say current or past (a possible current medicine). */
  readonly isUnstated?: boolean;
  readonly categories: readonly Category[];
  /** One line before the detail: what it is, why it matters, the next step (cardSummary). */
  readonly summary: string;
  readonly position: string;
  readonly advice: string;
  /** Positions of the rule's other categories, when the rule gives no text of its own. */
  readonly alsoPositions: readonly { readonly category: Category; readonly position: string }[];
  readonly notes?: string;
  readonly sources: readonly Source[];
  readonly pack: {
    readonly name: string;
    readonly packVersion: string;
    readonly publishedAt: string;
    readonly reviewBy: string;
    readonly layer: 'bundled' | 'local' | 'managed';
  };
  readonly reviewOverdue: boolean;
  /**
   * "Your practice" and "Where to refer" (#19): what this practice's services mean for the medicine
   * and where to refer. Absent where the caller has no practice context (older callers).
   */
  readonly practice?: PracticePosition;
}

/** How the name was found: on the page (as shown, exact or fuzzy, current or past) or looked up. */
export interface CardView {
  readonly matchedText: string;
  readonly kind: 'exact' | 'fuzzy';
  /** A family name's possible match (PopoverCard.isFamily). */
  readonly isFamily?: boolean;
  readonly isPast: boolean;
  readonly isMention?: boolean;
  readonly isUnstated?: boolean;
}

/**
 * @param isLinkAllowed policy filter for source links; a source it refuses keeps its title and
 *   publisher but loses its link (shown as plain text).
 */
export function cardFromRule(
  resolved: ResolvedRule,
  view: CardView,
  today: string,
  isLinkAllowed: (url: string) => boolean = () => true,
  practice?: Omit<PracticeContext, 'today' | 'isLinkAllowed'>,
): PopoverCard | null {
  const { rule, pack, categoryText } = resolved;
  const [primary, ...others] = rule.categories;
  if (!primary) return null;
  const primaryText = categoryText[primary];
  const practiceView = practice
    ? practicePosition(resolved, { ...practice, today, isLinkAllowed })
    : undefined;
  return {
    ruleId: rule.id,
    drug: rule.drug,
    // Page text: shown without bidi controls or invisibles (issue #16).
    matchedText: visibleText(view.matchedText),
    kind: view.kind,
    ...(view.isFamily && view.kind === 'fuzzy' ? { isFamily: true } : {}),
    isPast: view.isPast,
    ...(view.isMention ? { isMention: true } : {}),
    ...(view.isUnstated && !view.isPast && !view.isMention ? { isUnstated: true } : {}),
    categories: rule.categories,
    summary: cardSummary(resolved, practiceView),
    position: rule.position ?? primaryText?.position ?? '',
    advice: rule.advice ?? primaryText?.advice ?? '',
    alsoPositions: rule.position
      ? []
      : others.flatMap((c) => {
          const position = categoryText[c]?.position;
          return position ? [{ category: c, position }] : [];
        }),
    ...(rule.notes ? { notes: rule.notes } : {}),
    sources: rule.sources.map((source) =>
      isLinkAllowed(source.url) ? source : { ...source, url: '' },
    ),
    pack: {
      name: pack.name,
      packVersion: pack.packVersion,
      publishedAt: pack.publishedAt,
      reviewBy: pack.reviewBy,
      layer: pack.layer,
    },
    reviewOverdue: pack.reviewBy < today,
    ...(practiceView ? { practice: practiceView } : {}),
  };
}
