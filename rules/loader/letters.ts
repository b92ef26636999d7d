/**
 * Next-step letters: a pack's plain-text templates filled for one medicine. Pure. Only the rule,
 * its pack and today's date go in — never anything read from a clinical page, so a copied letter
 * can carry no patient data the clinician did not type themselves.
 *
 * Placeholders (rules/schema/rule-pack.ts `LETTER_PLACEHOLDERS`): {{drug}}, {{category}},
 * {{position}}, {{sources}}, {{pack}}, {{date}}; spaces inside the braces are allowed.
 */
import {
  CATEGORY_LABELS,
  type Category,
  type LetterTemplate,
  type Source,
} from '../schema/rule-pack';
import { replacePlaceholders } from '../schema/letter-placeholders';
import type { ResolvedRule } from './merge';

/** Category names as a GP reads them (the same words as the popover badges). */
export const CATEGORY_NAMES = CATEGORY_LABELS;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A date as a letter writes it: "24 November 2026" (the local calendar day). */
export function formatLetterDate(date: Date): string {
  return `${date.getDate()} ${MONTHS[date.getMonth()] ?? ''} ${date.getFullYear()}`;
}

/** A source's partial date (YYYY, YYYY-MM or YYYY-MM-DD) in words: "2018", "March 2023", "10 September 2019". */
export function formatSourceDate(value: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return value;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  if (m[2] && !month) return value;
  if (!month) return m[1] ?? value;
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

/** One source as a line of a letter: "Title (Publisher, date) https://…". */
export function formatSource(source: Source): string {
  const when = source.date ? `, ${formatSourceDate(source.date)}` : '';
  return `${source.title} (${source.publisher}${when}) ${source.url}`;
}

/**
 * The sources as letter text: one source inline; several as a list, one per line, so each link
 * stays on a line of its own in any mail or document editor.
 */
export function formatSources(sources: readonly Source[]): string {
  if (sources.length === 0) return '';
  if (sources.length === 1) return formatSource(sources[0] as Source);
  return sources.map((s) => `\n- ${formatSource(s)}`).join('');
}

export interface LetterValues {
  readonly drug: string;
  readonly category: string;
  readonly position: string;
  readonly sources: string;
  readonly pack: string;
  readonly date: string;
}

function isLetterKey(key: string): key is keyof LetterValues {
  return ['drug', 'category', 'position', 'sources', 'pack', 'date'].includes(key);
}

function trimBlanksEnd(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return line.slice(0, end);
}

/**
 * Fills a template's placeholders with `values`, as plain text (nothing is interpreted). Unknown
 * placeholders are left as written (the schema refuses them, so none reach here from a pack).
 * Trailing spaces left by a list that starts on the next line are trimmed.
 */
export function fillLetter(body: string, values: LetterValues): string {
  const filled = replacePlaceholders(body, (key) => (isLetterKey(key) ? values[key] : undefined));
  // Line by line, not /[ \t]+\n/g: that expression is quadratic on a long run of spaces.
  const lines = filled.split('\n');
  return lines.map((line, i) => (i < lines.length - 1 ? trimBlanksEnd(line) : line)).join('\n');
}

/** The sources a letter cites: the rule's own, as its popover card shows them. */
export function letterSources(resolved: ResolvedRule): readonly Source[] {
  return resolved.rule.sources;
}

/** The values for one rule and one of its categories, on `today`. */
export function letterValuesFor(
  resolved: ResolvedRule,
  category: Category,
  today: Date,
): LetterValues {
  const { rule, pack, categoryText } = resolved;
  return {
    drug: rule.drug,
    category: CATEGORY_NAMES[category],
    position: rule.position ?? categoryText[category]?.position ?? '',
    sources: formatSources(letterSources(resolved)),
    pack: `${pack.name} ${pack.packVersion}`,
    date: formatLetterDate(today),
  };
}

/** A letter ready to copy. */
export interface FilledLetter {
  readonly id: string;
  readonly title: string;
  readonly audience: LetterTemplate['audience'];
  readonly category: Category;
  /** The filled plain text. */
  readonly text: string;
}

/**
 * Every letter offered for the rule: its categories' letters in the rule's order of importance,
 * each once (a letter id shared by two categories is offered for the first).
 */
export function lettersForRule(resolved: ResolvedRule, today: Date): FilledLetter[] {
  const out: FilledLetter[] = [];
  const seen = new Set<string>();
  for (const category of resolved.rule.categories) {
    const letters = resolved.categoryText[category]?.letters ?? [];
    if (letters.length === 0) continue;
    const values = letterValuesFor(resolved, category, today);
    for (const letter of letters) {
      if (seen.has(letter.id)) continue;
      seen.add(letter.id);
      out.push({
        id: letter.id,
        title: letter.title,
        audience: letter.audience,
        category,
        text: fillLetter(letter.body, values),
      });
    }
  }
  return out;
}
