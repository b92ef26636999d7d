/**
 * Next-step letters: a pack's plain-text templates filled for one medicine. Pure. Only the rule,
 * its pack and today's date go in — never anything read from a clinical page, so a copied letter
 * can carry no patient data the clinician did not type themselves.
 *
 * Placeholders (rules/schema/rule-pack.ts `LETTER_PLACEHOLDERS`): {{drug}}, {{category}},
 * {{position}}, {{sources}}, {{pack}}, {{date}}, {{commissioner}}; spaces inside the braces are
 * allowed.
 *
 * Which letters a rule offers is the rule's choice when it lists `letters`, else its categories'
 * `default` letters: a letter chosen by category alone reached patients it misled (an opioid
 * substitution patient told "this does not mean you are addicted") and bodies it did not concern
 * (the ICB asked about a hospital-only medicine).
 */
import {
  CATEGORY_LABELS,
  COMMISSIONER_LABELS,
  type Category,
  type Commissioner,
  type LetterTemplate,
  type Source,
} from '../schema/rule-pack';
import { formatDate, formatDay } from './dates';
import { replacePlaceholders } from '../schema/letter-placeholders';
import type { ResolvedRule } from '../loader/merge';
import type { PracticePosition, ReferralLine } from './practice-position';

/** Category names as a GP reads them (the same words as the popover badges). */
export const CATEGORY_NAMES = CATEGORY_LABELS;

/** One source as a line of a letter: "Title (Publisher, date) https://…". */
export function formatSource(source: Source): string {
  const when = source.date ? `, ${formatDate(source.date)}` : '';
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
  readonly commissioner: string;
}

function isLetterKey(key: string): key is keyof LetterValues {
  return ['drug', 'category', 'position', 'sources', 'pack', 'date', 'commissioner'].includes(key);
}

/** The body that commissions the rule's service: the rule's, else its first category's, else the ICB. */
export function commissionerFor(resolved: ResolvedRule): Commissioner {
  const { rule, categoryText } = resolved;
  if (rule.commissioner) return rule.commissioner;
  for (const category of rule.categories) {
    const c = categoryText[category]?.commissioner;
    if (c) return c;
  }
  return 'icb';
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

/**
 * The values for one rule and one of its categories, on `today`. `letter`, when given, may bring
 * its own sources (a commissioner letter cites the contract, not the popover's news items).
 */
export function letterValuesFor(
  resolved: ResolvedRule,
  category: Category,
  today: Date,
  letter?: Pick<LetterTemplate, 'sources'>,
): LetterValues {
  const { rule, pack, categoryText } = resolved;
  return {
    drug: rule.drug,
    category: CATEGORY_NAMES[category],
    position: rule.position ?? categoryText[category]?.position ?? '',
    sources: formatSources(letter?.sources ?? letterSources(resolved)),
    pack: `${pack.name} ${pack.packVersion}`,
    date: formatDay(today),
    commissioner: COMMISSIONER_LABELS[commissionerFor(resolved)],
  };
}

/** Who reads the letter, as a GP would write it on the envelope. */
export function addresseeOf(resolved: ResolvedRule, audience: LetterTemplate['audience']): string {
  switch (audience) {
    case 'commissioner':
      return COMMISSIONER_LABELS[commissionerFor(resolved)];
    case 'specialist':
      return 'the specialist team';
    case 'patient':
      return 'the patient';
    case 'practice':
      return 'the practice team';
  }
}

/**
 * Blanks the clinician fills in their own system after pasting. Never filled from a page: a letter
 * leaves the extension with no patient data in it. Square brackets and capitals, as in the pack's
 * own "[reason: …]" blanks, so they stand out and are easy to search for.
 */
export const LETTER_BLANKS = {
  practice: '[PRACTICE NAME AND ADDRESS]',
  date: '[DATE]',
  addressee: '[ADDRESSEE / SPECIALIST]',
  patientName: '[PATIENT NAME]',
  nhsNumber: '[NHS NUMBER]',
  dateOfBirth: '[DATE OF BIRTH]',
  signature: '[SIGNATURE]',
  signer: '[NAME AND ROLE]',
} as const;

const B = LETTER_BLANKS;

/** The closing line a sign-off follows ("Yours sincerely,"), or -1 when the body has none. */
function closingLineIndex(lines: readonly string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    return line.startsWith('Yours ') ? i : -1;
  }
  return -1;
}

/**
 * A filled body set in a letter: letterhead, date, addressee and patient blanks before it, the
 * practice's own paragraph (#19, from the profile) before the closing line, and signature blanks
 * after it. A commissioner letter is about a service, not a patient, so it has no patient blanks;
 * a patient letter is addressed to the patient.
 */
export function setInLetter(
  body: string,
  audience: LetterTemplate['audience'],
  practiceNote = '',
): string {
  // A patient letter is dated in its own words ("Written {{date}} by your GP practice").
  const head: string[] = audience === 'patient' ? [B.practice, ''] : [B.practice, B.date, ''];
  if (audience === 'specialist') head.push(`To: ${B.addressee}`, '');
  if (audience === 'patient') head.push(`For: ${B.patientName}`, '');
  else if (audience !== 'commissioner')
    head.push(
      `Patient: ${B.patientName}`,
      `NHS number: ${B.nhsNumber}`,
      `Date of birth: ${B.dateOfBirth}`,
      '',
    );
  // Trailing blank lines dropped by hand: /\n+$/ is quadratic on a long run of newlines.
  const lines = body.split('\n');
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  const closing = closingLineIndex(lines);
  const before = closing < 0 ? lines : lines.slice(0, closing);
  const after = closing < 0 ? [] : lines.slice(closing);
  const main = [...before];
  while (main.length > 0 && main[main.length - 1]?.trim() === '') main.pop();
  const out = [...head, ...main];
  if (practiceNote) out.push('', practiceNote);
  if (after.length > 0) out.push('', ...after);
  if (audience !== 'patient') out.push('', B.signature, B.signer);
  return [...out, ''].join('\n');
}

/** A letter ready to copy. */
export interface FilledLetter {
  readonly id: string;
  readonly title: string;
  readonly audience: LetterTemplate['audience'];
  /** Who the letter is addressed to, e.g. "the local authority public health commissioner". */
  readonly addressee: string;
  readonly category: Category;
  /** The filled plain text. */
  readonly text: string;
}

/**
 * Every letter offered for the rule. A rule that lists `letters` gets exactly those, in its order,
 * found among its categories' letters (unknown ids are skipped: validation reports them). Otherwise
 * its categories' `default` letters in the rule's order of importance, each once (a letter id
 * shared by two categories is offered for the first).
 */
export function lettersForRule(
  resolved: ResolvedRule,
  today: Date,
  practice?: PracticePosition,
): FilledLetter[] {
  const out: FilledLetter[] = [];
  const fill = (letter: LetterTemplate, category: Category) => {
    // A letter about a category the practice's own service answers (a notice to the commissioner
    // about stop-smoking prescribing, from a practice signed up to it) would misstate its contract.
    if (practice && !practice.remaining.includes(category)) return;
    const body = fillLetter(letter.body, letterValuesFor(resolved, category, today, letter));
    const note = practice ? practiceParagraph(practice, letter.audience) : '';
    out.push({
      id: letter.id,
      title: letter.title,
      audience: letter.audience,
      addressee: addresseeOf(resolved, letter.audience),
      category,
      text: setInLetter(body, letter.audience, note),
    });
  };
  const chosen = resolved.rule.letters;
  if (chosen) {
    for (const id of chosen) {
      const found = findLetter(resolved, id);
      if (found) fill(found.letter, found.category);
    }
    return out;
  }
  const seen = new Set<string>();
  for (const category of resolved.rule.categories) {
    for (const letter of resolved.categoryText[category]?.letters ?? []) {
      if (seen.has(letter.id) || letter.offer === 'when-listed') continue;
      seen.add(letter.id);
      fill(letter, category);
    }
  }
  return out;
}

/** The first of the rule's categories that has a letter with this id, and the letter. */
export function findLetter(
  resolved: ResolvedRule,
  id: string,
): { letter: LetterTemplate; category: Category } | undefined {
  for (const category of resolved.rule.categories) {
    const letter = resolved.categoryText[category]?.letters?.find((l) => l.id === id);
    if (letter) return { letter, category };
  }
  return undefined;
}

function referralRoute(r: ReferralLine): string {
  const how = [
    r.phone ? `phone ${r.phone}` : '',
    r.url ?? '',
    r.ers ? `e-RS: ${r.ers}` : '',
    r.note ?? '',
  ].filter((x) => x !== '');
  return `${r.name} (${r.provider}, ${r.area})${how.length > 0 ? `: ${how.join('; ')}` : ''} [checked ${formatDate(r.lastReviewed)}]`;
}

/**
 * What the practice profile and directory add to a letter (#19): the practice's service, its
 * commissioner and the referral route on record. Organisational facts only, never patient data;
 * a patient letter gets the referral route alone.
 */
export function practiceParagraph(
  practice: PracticePosition,
  audience: LetterTemplate['audience'],
): string {
  const lines: string[] = [];
  if (audience !== 'patient') {
    const provided = practice.services.find((s) => s.provided);
    const missing = practice.services.find((s) => !s.provided);
    if (practice.status === 'provided' && provided)
      lines.push(
        `This practice provides the ${provided.name}, commissioned by ${provided.commissioner}${provided.specification ? ` (specification: ${provided.specification})` : ''}.`,
      );
    else if (practice.status === 'not-provided' && missing)
      lines.push(
        `This practice does not provide the ${missing.name}; it is commissioned by ${missing.commissioner}, who must arrange another provider.`,
      );
  }
  const route = practice.referrals.find((r) => r.kind !== 'resource');
  if (route) lines.push(`Referral route on record: ${referralRoute(route)}.`);
  else if (practice.showReferrals && audience !== 'patient')
    lines.push(
      `No local referral service is recorded for this${practice.icbName ? ` in ${practice.icbName}` : ''}.`,
    );
  return lines.join('\n');
}
