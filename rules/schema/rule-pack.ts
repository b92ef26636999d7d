/**
 * The rule-pack contract: one valibot schema is the source of both the runtime validation and the
 * TypeScript types. Every pack (the bundled national pack included) passes through it before the
 * engine or the UI sees it. Pack authors: see docs/rule-pack.md.
 */
import * as v from 'valibot';
import { ICB_IDS, PLACE_CODES } from './icb-ids';
import { hasInvisible } from './invisible';
import { letterPlaceholders } from './letter-placeholders';

/** The four contractual traps a flag can warn about; order is display priority. */
export const CATEGORIES = [
  'shared-care',
  'specialist-initiation',
  'no-commissioned-service',
  'dependence-forming',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Plain-English category names a GP recognises: popover badges, options, popup and letters. */
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  'shared-care': 'Shared care',
  'specialist-initiation': 'Specialist initiation',
  'no-commissioned-service': 'No commissioned service',
  'dependence-forming': 'Dependence-forming',
};

export const CURRENT_SCHEMA_VERSION = 1;

/**
 * The largest pack accepted from any source (file, policy, URL): far above any real ICB pack, and
 * small enough that validating and compiling it once, off the page, stays within seconds.
 */
export const MAX_PACK_BYTES = 5 * 1024 * 1024;

// Bounds keep a hostile or broken pack from costing memory or layout; far above any real pack.
const MAX_SHORT = 200;
const MAX_TEXT = 4000;
const MAX_RULES = 5000;
const MAX_NAMES = 1000;

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// Invisible characters (rules/schema/invisible.ts) hide what a name really says or reorder how it
// reads; a letter body may still have its line breaks.
const hasInvisibleExceptNewline = (s: string) => hasInvisible(s.replace(/\n/g, ''));
// U+FFFD and unpaired surrogates are what is left of text saved in the wrong encoding, or of a JSON
// "\ud800" escape; the file's bytes decode, but the words are no longer the ones the author wrote.
const BROKEN = /[\ud800-\udfff\ufffd]/u;

/** Why `value` is not a safe https link, or undefined when it is. Exported for tests. */
export function urlProblem(
  value: string,
): 'unsafe' | 'international-host' | 'not-canonical' | undefined {
  if (value !== value.trim() || /\s/.test(value) || hasInvisible(value)) return 'unsafe';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'unsafe';
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username || url.password) {
    return 'unsafe';
  }
  // The URL parser has already turned any non-ASCII host into punycode, so one test covers
  // "nhs.uк" (Cyrillic к) and a pasted "xn--…" alike: a look-alike host behind a trusted-looking link.
  if (url.hostname.split('.').some((label) => label.startsWith('xn--'))) {
    return 'international-host';
  }
  // Browsers forgive "HTTPS://", "https:/host", "https:\\host", "https:///host", "%65vil.com" and a
  // backslash before "@", but other readers of the file (a reviewer, a proxy, another validator) may
  // see a different host. Only the parser's own spelling (with or without the root "/") is accepted,
  // so what the admin reads is exactly where the link goes.
  if (url.href !== value && url.href !== `${value}/`) return 'not-canonical';
  return undefined;
}

/**
 * True for an absolute https URL with an ASCII host, no embedded credentials, written exactly as the
 * URL parser writes it.
 */
export function isSafeHttpsUrl(value: string): boolean {
  return urlProblem(value) === undefined;
}

function canonicalUrl(value: string): string {
  try {
    return new URL(value).href;
  } catch {
    return value;
  }
}

const LETTER = /\p{L}[\p{L}\p{M}]*/gu;
const SCRIPTS = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
] as const;

/**
 * Describes the first word that mixes Latin, Cyrillic and Greek letters ("zоpiclone" with a Cyrillic
 * "о"), or undefined. Such a word looks like a real drug name to the admin reviewing the pack but
 * matches nothing on screen (or matches a decoy), so a flag silently stops working. Separate words
 * in different alphabets ("α-tocopherol", a Greek letter before a hyphen) are fine.
 */
export function describeMixedScript(text: string): string | undefined {
  for (const [word] of text.matchAll(LETTER)) {
    const letters = [...word];
    const counts = SCRIPTS.map(([name, re]) => ({
      name,
      re,
      count: letters.filter((ch) => re.test(ch)).length,
    })).filter((s) => s.count > 0);
    if (counts.length < 2) continue;
    counts.sort((a, b) => b.count - a.count);
    const main = counts[0];
    const odd = counts[1];
    if (!main || !odd) continue;
    const ch = letters.find((l) => odd.re.test(l)) ?? '';
    const code = `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return `"${word}" is ${main.name} except "${ch}" (${code}), which is ${odd.name}`;
  }
  return undefined;
}

const YMD = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** False for dates the calendar does not have, such as 2026-02-30; partial dates are fine. */
function isRealDate(value: string): boolean {
  const m = YMD.exec(value);
  if (!m?.[3]) return true;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const shortText = /* @__NO_SIDE_EFFECTS__ */ (what: string) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.trim(),
    v.minLength(1, `${what} must not be empty`),
    v.maxLength(MAX_SHORT, `${what} is longer than ${MAX_SHORT} characters`),
    v.check((s) => !hasInvisible(s), `${what} contains invisible or control characters`),
    v.check(
      (s) => !BROKEN.test(s),
      `${what} contains a broken character (U+FFFD or half a surrogate pair); save the file as UTF-8 and retype it`,
    ),
    v.check(
      (s) => describeMixedScript(s) === undefined,
      (issue) =>
        `${what} mixes alphabets in one word: ${describeMixedScript(String(issue.input)) ?? ''}; a look-alike letter can disguise a name, so retype it in one alphabet`,
    ),
  );

const longText = /* @__NO_SIDE_EFFECTS__ */ (what: string) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.trim(),
    v.minLength(1, `${what} must not be empty`),
    v.maxLength(MAX_TEXT, `${what} is longer than ${MAX_TEXT} characters`),
    v.check((s) => !hasInvisible(s), `${what} contains invisible or control characters`),
    v.check(
      (s) => !BROKEN.test(s),
      `${what} contains a broken character (U+FFFD or half a surrogate pair); save the file as UTF-8 and retype it`,
    ),
  );

/** A card's one-line summary: read at a glance, so held to two short sentences' length. */
export const MAX_SUMMARY = 240;
const summaryText = /* @__NO_SIDE_EFFECTS__ */ (what: string) =>
  v.pipe(
    longText(what),
    v.maxLength(
      MAX_SUMMARY,
      `${what} is longer than ${MAX_SUMMARY} characters: keep it to one line`,
    ),
  );

const isoDate = /* @__NO_SIDE_EFFECTS__ */ (what: string) =>
  v.pipe(
    v.string(`${what} must be a date written YYYY-MM-DD`),
    v.regex(ISO_DATE, `${what} must be a date written YYYY-MM-DD`),
    v.check(isRealDate, (issue) => `${what} ${String(issue.input)} is not a date in the calendar`),
  );

/** A document a rule rests on. */
export const SourceSchema = v.strictObject({
  /** Title as published, e.g. "Responsibility for prescribing between primary & secondary/tertiary care". */
  title: shortText('Source title'),
  /** Organisation that published it, e.g. "NHS England". */
  publisher: shortText('Source publisher'),
  /** Publication or last-update date: YYYY, YYYY-MM or YYYY-MM-DD. */
  date: v.optional(
    v.pipe(
      v.string('Source date must be text'),
      v.regex(PARTIAL_DATE, 'Source date must be YYYY, YYYY-MM or YYYY-MM-DD'),
      v.check(
        isRealDate,
        (issue) => `Source date ${String(issue.input)} is not a date in the calendar`,
      ),
    ),
  ),
  /**
   * https link to the document, written as a browser's address bar writes it. Other schemes (http,
   * javascript:, data:), credentials, international (punycode) hosts and sloppy spellings that
   * browsers silently repair ("HTTPS://", "https:/host", backslashes) are refused.
   */
  url: v.pipe(
    v.string('Source url must be text'),
    v.maxLength(2000, 'Source url is longer than 2000 characters'),
    v.check((s) => urlProblem(s) !== 'unsafe', 'Source url must be an https:// link with a host'),
    v.check(
      (s) => urlProblem(s) !== 'international-host',
      'Source url has an international (punycode "xn--") host, which can imitate a familiar address; use the plain ASCII address',
    ),
    v.check(
      (s) => urlProblem(s) !== 'not-canonical',
      (issue) =>
        `Source url must be written exactly as a browser writes it: "${canonicalUrl(String(issue.input))}"`,
    ),
  ),
});
export type Source = v.InferOutput<typeof SourceSchema>;

const CategorySchema = v.picklist(CATEGORIES, `Category must be one of: ${CATEGORIES.join(', ')}`);

const classId = /* @__NO_SIDE_EFFECTS__ */ (what: string) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.maxLength(60, `${what} is longer than 60 characters`),
    v.regex(ID, `${what} must be lower-case letters and digits joined by hyphens`),
  );

/** Placeholders a letter template may use; anything else in braces is refused. */
export const LETTER_PLACEHOLDERS = [
  'drug',
  'category',
  'position',
  'sources',
  'pack',
  'date',
  'commissioner',
] as const;

/**
 * Who commissions (and so answers for) a service a practice is not obliged to provide. Since 2013
 * stop-smoking and drug and alcohol services are commissioned by local authority public health,
 * not by the ICB; a notice sent to the wrong body goes unanswered while the patient waits.
 */
export const COMMISSIONERS = ['icb', 'local-authority', 'nhs-england', 'trust'] as const;
export type Commissioner = (typeof COMMISSIONERS)[number];

/** How a letter names each commissioner, in running text ("Dear colleagues at …"). */
export const COMMISSIONER_LABELS: Readonly<Record<Commissioner, string>> = {
  icb: 'the integrated care board (ICB)',
  'local-authority': 'the local authority public health commissioner',
  'nhs-england': 'NHS England (specialised commissioning)',
  trust: 'the hospital trust that provides the specialist service',
};

const CommissionerSchema = v.picklist(
  COMMISSIONERS,
  `Commissioner must be one of: ${COMMISSIONERS.join(', ')}`,
);

/**
 * A plain-text letter a clinician can copy and adapt: e.g. declining a shared-care request,
 * telling the commissioner about unfunded work, or a note for a patient. Never reads patient data
 * from the page: only the placeholders `{{drug}}`, `{{category}}`, `{{position}}`, `{{sources}}`,
 * `{{pack}}`, `{{date}}` and `{{commissioner}}` are filled.
 */
export const LetterTemplateSchema = v.strictObject({
  /** Stable id, e.g. "decline-shared-care". */
  id: v.pipe(
    v.string('Letter id must be text'),
    v.regex(ID, 'Letter id must be lower-case letters and digits joined by hyphens'),
  ),
  /** Button label, e.g. "Decline shared care (to the specialist)". */
  title: shortText('Letter title'),
  /** Who it is addressed to. */
  audience: v.picklist(
    ['specialist', 'commissioner', 'patient', 'practice'],
    'Letter audience must be specialist, commissioner, patient or practice',
  ),
  /**
   * `default` (the default): offered for every rule of the category unless the rule lists its own
   * letters. `when-listed`: offered only to rules that name it in their `letters`, for letters that
   * fit a few rules of a category and would mislead the rest (e.g. "keep prescribing this
   * hospital-only medicine").
   */
  offer: v.optional(
    v.picklist(['default', 'when-listed'], 'Letter offer must be default or when-listed'),
  ),
  /**
   * What the letter cites as {{sources}} instead of the rule's sources: a letter to a commissioner
   * should rest on the contract, not on the news items or another area's service a popover may cite.
   */
  sources: v.optional(
    v.pipe(
      v.array(SourceSchema, 'Letter sources must be a list'),
      v.minLength(1, 'Letter sources, when given, must list at least one source'),
    ),
  ),
  /** The letter, plain text with placeholders. */
  body: v.pipe(
    v.string('Letter body must be text'),
    v.minLength(1, 'Letter body must not be empty'),
    v.maxLength(8000, 'Letter body is longer than 8000 characters'),
    v.check(
      (s) => !hasInvisibleExceptNewline(s),
      'Letter body contains invisible or control characters',
    ),
    v.check(
      (s) => !BROKEN.test(s),
      'Letter body contains a broken character (U+FFFD or half a surrogate pair); save the file as UTF-8 and retype it',
    ),
    v.check(
      (s) =>
        letterPlaceholders(s).every((p) =>
          (LETTER_PLACEHOLDERS as readonly string[]).includes(p.key),
        ),
      `Letter body may only use the placeholders ${LETTER_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
    ),
  ),
});
export type LetterTemplate = v.InferOutput<typeof LetterTemplateSchema>;

/**
 * A co-prescribing warning: fires when every group has at least one medicine of its classes in the
 * screen's current medication (not past sections), e.g. an opioid with a benzodiazepine, z-drug or
 * gabapentinoid.
 */
export const CoPrescribingAlertSchema = v.strictObject({
  /** Stable id, e.g. "opioid-with-sedative". Local packs override by id. */
  id: v.pipe(
    v.string('Alert id must be text'),
    v.regex(ID, 'Alert id must be lower-case letters and digits joined by hyphens'),
  ),
  /** Short heading, e.g. "Opioid with a benzodiazepine, z-drug or gabapentinoid". */
  title: shortText('Alert title'),
  /** Two or more groups of rule classes; each group must be matched by a different current medicine. */
  groups: v.pipe(
    v.array(
      v.pipe(
        v.array(classId('Alert class'), 'Alert group must be a list of classes'),
        v.minLength(1, 'Alert group must list at least one class'),
      ),
      'Alert groups must be a list',
    ),
    v.minLength(2, 'Alert groups must list at least two groups'),
  ),
  /** What the combination risks, in plain English. */
  message: longText('Alert message'),
  /** What to do. */
  advice: longText('Alert advice'),
  sources: v.pipe(
    v.array(SourceSchema, 'Alert sources must be a list'),
    v.minLength(1, 'Alert sources must list at least one source'),
  ),
});
export type CoPrescribingAlert = v.InferOutput<typeof CoPrescribingAlertSchema>;

/** Text shown for every rule of a category unless the rule gives its own. */
export const CategoryTextSchema = v.strictObject({
  /**
   * One line at the top of the card: what the position is, why it matters and the next step, e.g.
   * "Shared care is voluntary: take over only under an agreement the practice accepts; ask the
   * specialist for one." Absent: the card uses the position's and the advice's first sentences.
   */
  summary: v.optional(summaryText('Category summary')),
  /** The practice's contractual position, e.g. "Non-core, voluntary work: the practice may decline." */
  position: longText('Category position'),
  /** What to do instead: who should prescribe or monitor, what to ask for. */
  advice: longText('Category advice'),
  /** Where the category's position comes from. */
  sources: v.optional(
    v.pipe(
      v.array(SourceSchema, 'Category sources must be a list'),
      v.minLength(1, 'Category sources must list at least one source'),
    ),
  ),
  /**
   * Who commissions the service for this category's rules unless a rule says otherwise; a
   * commissioner letter is addressed to it. Absent: the ICB.
   */
  commissioner: v.optional(CommissionerSchema),
  /** Next-step letters offered for every medicine of this category. */
  letters: v.optional(
    v.pipe(
      v.array(LetterTemplateSchema, 'Category letters must be a list'),
      v.maxLength(10, 'Category letters lists more than 10 letters'),
    ),
  ),
});
export type CategoryText = v.InferOutput<typeof CategoryTextSchema>;

/** One medicine (or one form of it) and what it means for a GP practice. */
export const RuleSchema = v.strictObject({
  /** Stable id, lower-case words joined by hyphens, e.g. "methotrexate-oral". Local packs override by id. */
  id: v.pipe(
    v.string('Rule id must be text'),
    v.maxLength(80, 'Rule id is longer than 80 characters'),
    v.regex(ID, 'Rule id must be lower-case letters and digits joined by hyphens'),
  ),
  /** Generic (VTM) name shown as the popover title, e.g. "Methotrexate". */
  drug: shortText('Rule drug'),
  /**
   * Every name that identifies the medicine on a screen: generic, salts ("sertraline hydrochloride"),
   * brands ("Lustral"), combination products that contain it ("co-codamol"), abbreviations and
   * common misspellings. Case, punctuation and accents are ignored when matching.
   */
  names: v.pipe(
    v.array(shortText('Name'), 'Rule names must be a list'),
    v.minLength(1, 'Rule names must list at least one name'),
    v.maxLength(MAX_NAMES, `Rule names lists more than ${MAX_NAMES} names`),
  ),
  /**
   * Form or route words that must follow the name in the same line for this rule to apply
   * (e.g. ["patch", "transdermal"]). A rule without forms applies whenever its name appears and no
   * form-qualified rule for the same name applies.
   */
  forms: v.optional(
    v.pipe(
      v.array(shortText('Form'), 'Rule forms must be a list'),
      v.minLength(1, 'Rule forms, when given, must list at least one form'),
    ),
  ),
  /**
   * Pharmacological classes the medicine belongs to (e.g. "opioid", "benzodiazepine"), used by the
   * pack's co-prescribing alerts. Lower-case words joined by hyphens.
   */
  classes: v.optional(
    v.pipe(
      v.array(classId('Rule class'), 'Rule classes must be a list'),
      v.maxLength(20, 'Rule classes lists more than 20 classes'),
    ),
  ),
  /** Categories in order of importance; the first decides the highlight colour. */
  categories: v.pipe(
    v.array(CategorySchema, 'Rule categories must be a list'),
    v.minLength(1, 'Rule categories must list at least one category'),
    v.check((c) => new Set(c).size === c.length, 'Rule categories must not repeat'),
  ),
  /**
   * The card's one-line summary for this medicine (what, why, next step). Absent: the category's
   * summary when the rule has no position of its own, else the first sentences of its position
   * and advice.
   */
  summary: v.optional(summaryText('Rule summary')),
  /** Contractual position specific to this medicine; falls back to the category's text. */
  position: v.optional(longText('Rule position')),
  /** Referral advice specific to this medicine; falls back to the category's text. */
  advice: v.optional(longText('Rule advice')),
  /** Where local practice varies, and what a local pack might change. */
  notes: v.optional(longText('Rule notes')),
  /**
   * The letters this rule offers, by id, in order, chosen from its categories' letters (including
   * `when-listed` ones). Absent: every `default` letter of its categories. `[]`: no letter fits
   * (e.g. a withdrawn product, or a patient note that would mislead this medicine's patients).
   */
  letters: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.string('Rule letter id must be text'),
          v.regex(ID, 'Rule letter id must be a letter id'),
        ),
        'Rule letters must be a list of letter ids',
      ),
      v.maxLength(10, 'Rule letters lists more than 10 letters'),
      v.check((l) => new Set(l).size === l.length, 'Rule letters must not repeat'),
    ),
  ),
  /**
   * Who commissions the service a commissioner letter about this medicine goes to; falls back to
   * the first category's `commissioner`, then the ICB.
   */
  commissioner: v.optional(CommissionerSchema),
  /**
   * Documents this rule rests on. A local or ICB pack may leave it out (or give `[]`): the pack
   * loads with a warning and the card says the pack gave no source, because an admin's formulary
   * line often has none to hand and refusing the whole pack for it helps nobody. The bundled
   * national pack must cite one for every rule (`requireSources` in rules/loader/validate.ts).
   */
  sources: v.optional(v.array(SourceSchema, 'Rule sources must be a list'), []),
  /** When the rule's content was last checked against its sources. */
  lastReviewed: isoDate('Rule lastReviewed'),
  /**
   * What was checked on `lastReviewed`, against which source, and what could not be confirmed. A
   * rule without it was dated when written, not verified claim by claim (docs/rule-pack.md §7.7).
   */
  reviewNote: v.optional(longText('Rule reviewNote')),
});
export type Rule = v.InferOutput<typeof RuleSchema>;

const httpsLink = /* @__NO_SIDE_EFFECTS__ */ (what: string) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.maxLength(2000, `${what} is longer than 2000 characters`),
    v.check((s) => urlProblem(s) !== 'unsafe', `${what} must be an https:// link with a host`),
    v.check(
      (s) => urlProblem(s) !== 'international-host',
      `${what} has an international (punycode "xn--") host, which can imitate a familiar address; use the plain ASCII address`,
    ),
    v.check(
      (s) => urlProblem(s) !== 'not-canonical',
      (issue) =>
        `${what} must be written exactly as a browser writes it: "${canonicalUrl(String(issue.input))}"`,
    ),
  );

const idList = /* @__NO_SIDE_EFFECTS__ */ (what: string, max: number) =>
  v.pipe(
    v.array(
      v.pipe(v.string(`${what} must be text`), v.regex(ID, `${what} must be an id`)),
      `${what}s must be a list`,
    ),
    v.minLength(1, `${what}s, when given, must list at least one`),
    v.maxLength(max, `${what}s lists more than ${max}`),
    v.check((l) => new Set(l).size === l.length, `${what}s must not repeat`),
  );

/**
 * Which medicines a service or directory entry is about. A rule fits when its id is listed, or it
 * has one of the classes, or one of the categories; at least one list must be given, so an entry
 * never silently fits every medicine.
 */
export const CoversSchema = v.pipe(
  v.strictObject({
    /** Rule ids, e.g. ["varenicline", "bupropion"]; each must exist in this pack or the layers below. */
    rules: v.optional(idList('Covered rule id', 500)),
    /** Rule classes, e.g. ["anticoagulant"]. */
    classes: v.optional(idList('Covered class', 20)),
    /** Categories, e.g. ["shared-care"]: every rule with one of them. */
    categories: v.optional(
      v.pipe(
        v.array(CategorySchema, 'Covered categories must be a list'),
        v.minLength(1, 'Covered categories, when given, must list at least one'),
      ),
    ),
  }),
  v.check(
    (c) => c.rules !== undefined || c.classes !== undefined || c.categories !== undefined,
    'covers must list rules, classes or categories',
  ),
);
export type Covers = v.InferOutput<typeof CoversSchema>;

/**
 * A commissioned (enhanced or local) service a practice may sign up to, e.g. the shared care local
 * enhanced service or the stop-smoking service. Whether the practice provides it changes its
 * contractual position for the medicines it covers: a practice that signed up must work to the
 * specification; one that did not has no obligation, and the commissioner must arrange another
 * provider. Later layers replace a service with the same id (an ICB pack names its own version).
 */
export const ServiceSchema = v.strictObject({
  /** Stable id, e.g. "stop-smoking"; the practice profile lists the ids it provides. */
  id: v.pipe(
    v.string('Service id must be text'),
    v.maxLength(60, 'Service id is longer than 60 characters'),
    v.regex(ID, 'Service id must be lower-case letters and digits joined by hyphens'),
  ),
  /** Name a practice recognises, e.g. "Stop smoking service". */
  name: shortText('Service name'),
  /** Who commissions it (and so must arrange another provider where the practice does not). */
  commissioner: CommissionerSchema,
  /** Where it applies, in words, e.g. "Every ICB area has its own version". */
  area: v.optional(shortText('Service area')),
  /** https link to the service specification. */
  specification: v.optional(httpsLink('Service specification')),
  /** The medicines it covers. */
  covers: CoversSchema,
  /**
   * The categories whose warning no longer applies to a practice that provides the service, e.g.
   * ["no-commissioned-service"] for stop smoking: such a practice is commissioned to prescribe, so
   * the medicine is not flagged as a trap for it. Empty: the service changes the text, not the flag.
   */
  relieves: v.pipe(
    v.array(CategorySchema, 'Service relieves must be a list'),
    v.check((c) => new Set(c).size === c.length, 'Service relieves must not repeat'),
  ),
  /** "Your practice" text when the practice provides it: what the agreement obliges it to do. */
  provided: longText('Service provided text'),
  /** "Your practice" text when it does not: no obligation, who must arrange another provider. */
  notProvided: longText('Service notProvided text'),
  /** Where the service's description comes from. */
  sources: v.pipe(
    v.array(SourceSchema, 'Service sources must be a list'),
    v.minLength(1, 'Service sources must list at least one source'),
  ),
  /** When the text was last checked against its sources. */
  lastReviewed: isoDate('Service lastReviewed'),
});
export type Service = v.InferOutput<typeof ServiceSchema>;

/** Kinds of referral service; a substance-misuse service must state its eligibility. */
export const DIRECTORY_KINDS = [
  'prescribed-drug-withdrawal',
  'substance-misuse',
  'stop-smoking',
  'specialist-clinic',
  'resource',
] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

/** How to refer: at least one route. Phone and e-RS names are text; links are https only. */
export const HowToReferSchema = v.pipe(
  v.strictObject({
    /** Phone number as written by the service, e.g. "020 3317 6670". */
    phone: v.optional(shortText('Referral phone')),
    /** https referral or information page. */
    url: v.optional(httpsLink('Referral url')),
    /** The e-Referral Service (e-RS) service name. */
    ers: v.optional(shortText('Referral e-RS service name')),
    /** Anything else the referrer must know, e.g. "self-referral; GP letter helps". */
    note: v.optional(longText('Referral note')),
  }),
  v.check(
    (h) =>
      h.phone !== undefined || h.url !== undefined || h.ers !== undefined || h.note !== undefined,
    'howToRefer must give a phone, url, e-RS service name or note',
  ),
);

/** A local or national service a patient can be referred to for medicines it covers. */
export const DirectoryEntrySchema = v.strictObject({
  /** Stable id, e.g. "camden-bows"; later layers replace an entry with the same id. */
  id: v.pipe(
    v.string('Directory id must be text'),
    v.maxLength(80, 'Directory id is longer than 80 characters'),
    v.regex(ID, 'Directory id must be lower-case letters and digits joined by hyphens'),
  ),
  /** Service name, e.g. "Benzodiazepine and Opiate Withdrawal Service (BOWS)". */
  name: shortText('Directory name'),
  /** Who runs it, e.g. "Camden and Islington NHS Foundation Trust". */
  provider: shortText('Directory provider'),
  kind: v.picklist(DIRECTORY_KINDS, `Directory kind must be one of: ${DIRECTORY_KINDS.join(', ')}`),
  /**
   * ICBs whose practices it serves (ids from rules/schema/icbs.ts). Absent: usable anywhere in
   * England (national resources only).
   */
  icbs: v.optional(
    v.pipe(
      v.array(
        v.picklist(ICB_IDS, 'Directory icbs must be ICB ids (see docs/rule-pack.md)'),
        'Directory icbs must be a list',
      ),
      v.minLength(1, 'Directory icbs, when given, must list at least one ICB'),
    ),
  ),
  /**
   * Places (sub-ICB location ODS codes, e.g. "01F"; rules/schema/icbs.ts) within those ICBs that
   * it serves, where it serves only part of a board. Absent: every place of its ICBs. A practice
   * whose profile names no place still sees it, with its area in words.
   */
  places: v.optional(
    v.pipe(
      v.array(
        v.picklist(
          PLACE_CODES,
          'Directory places must be sub-ICB location codes (see docs/rule-pack.md)',
        ),
        'Directory places must be a list',
      ),
      v.minLength(1, 'Directory places, when given, must list at least one place'),
    ),
  ),
  /** The area in words, e.g. "Camden residents". */
  area: shortText('Directory area'),
  /** The medicines it covers. */
  covers: CoversSchema,
  /** Who it is for. */
  forWhom: longText('Directory forWhom'),
  /** Who it is not for, e.g. "not antidepressants". */
  notFor: v.optional(longText('Directory notFor')),
  /**
   * Eligibility as the service states it; required for substance-misuse services, which are shown
   * for prescribed-drug dependence only with it.
   */
  eligibility: v.optional(longText('Directory eligibility')),
  howToRefer: HowToReferSchema,
  /** Opening hours, e.g. "Mon–Fri 9:00–17:00". */
  hours: v.optional(shortText('Directory hours')),
  /** Shown with the entry, e.g. "Found by a 2023 FOI survey: check it still runs before referring". */
  caution: v.optional(longText('Directory caution')),
  /** When the entry was last checked. */
  lastReviewed: isoDate('Directory lastReviewed'),
  /** Date by which it must be checked again; after it the entry is shown as possibly out of date. */
  reviewBy: isoDate('Directory reviewBy'),
  sources: v.pipe(
    v.array(SourceSchema, 'Directory sources must be a list'),
    v.minLength(1, 'Directory sources must list at least one source'),
  ),
});
export type DirectoryEntry = v.InferOutput<typeof DirectoryEntrySchema>;

/** A local pack may switch a bundled rule off, saying why. */
export const DisabledRuleSchema = v.strictObject({
  ruleId: v.pipe(v.string('ruleId must be text'), v.regex(ID, 'ruleId must be a rule id')),
  reason: longText('Disable reason'),
});

export const RulePackSchema = v.strictObject({
  /** Version of this schema the pack is written against. */
  schemaVersion: v.literal(
    CURRENT_SCHEMA_VERSION,
    `schemaVersion must be ${CURRENT_SCHEMA_VERSION} (this version of Prescribing Lens reads schema ${CURRENT_SCHEMA_VERSION})`,
  ),
  /** Stable pack id, e.g. "plens-national". */
  packId: v.pipe(
    v.string('packId must be text'),
    v.maxLength(80, 'packId is longer than 80 characters'),
    v.regex(ID, 'packId must be lower-case letters and digits joined by hyphens'),
  ),
  /** Human name shown in the popover footer and options page. */
  name: shortText('Pack name'),
  /** Who maintains the pack, e.g. "NHS Example ICB Medicines Optimisation Team". */
  publisher: shortText('Pack publisher'),
  /** The pack's own version, e.g. "2026.11.1". */
  packVersion: shortText('packVersion'),
  /** Date this version was published. */
  publishedAt: isoDate('publishedAt'),
  /** Date by which the content must be reviewed again; after it the UI warns. */
  reviewBy: isoDate('reviewBy'),
  /** Licence of the pack's content, e.g. "OGL-UK-3.0". */
  licence: shortText('Pack licence'),
  /** What the pack covers and what it does not. */
  description: longText('Pack description'),
  /** Default text per category. The bundled pack defines all four. */
  categoryText: v.optional(
    v.pipe(
      // valibot takes a list for an object, and every key here is optional, so `[]` would pass as
      // "no category text" without a word.
      v.custom<unknown>(
        (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
        'categoryText must be an object ({ … }) keyed by category',
      ),
      v.strictObject({
        'shared-care': v.optional(CategoryTextSchema),
        'specialist-initiation': v.optional(CategoryTextSchema),
        'no-commissioned-service': v.optional(CategoryTextSchema),
        'dependence-forming': v.optional(CategoryTextSchema),
      }),
    ),
  ),
  /** The rules. Ids must be unique within a pack. */
  rules: v.pipe(
    v.array(RuleSchema, 'rules must be a list'),
    v.maxLength(MAX_RULES, `rules lists more than ${MAX_RULES} rules`),
  ),
  /** Bundled rules a local pack switches off. */
  disable: v.optional(v.array(DisabledRuleSchema, 'disable must be a list')),
  /** Co-prescribing warnings over rule classes. Later layers override by id. */
  alerts: v.optional(
    v.pipe(
      v.array(CoPrescribingAlertSchema, 'alerts must be a list'),
      v.maxLength(50, 'alerts lists more than 50 alerts'),
    ),
  ),
  /** Commissioned services a practice may provide (docs/rule-pack.md §9). Later layers override by id. */
  services: v.optional(
    v.pipe(
      v.array(ServiceSchema, 'services must be a list'),
      v.maxLength(100, 'services lists more than 100 services'),
    ),
  ),
  /** Referral services (docs/rule-pack.md §9). Later layers override by id and add their own. */
  directory: v.optional(
    v.pipe(
      v.array(DirectoryEntrySchema, 'directory must be a list'),
      v.maxLength(2000, 'directory lists more than 2000 entries'),
    ),
  ),
});
export type RulePack = v.InferOutput<typeof RulePackSchema>;
