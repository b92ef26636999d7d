/**
 * Pack issues told so that someone who has never read JSON can act on them (issue #20). The
 * validator (validate.ts) finds every problem and says what kind it is; this module, used by the
 * options page and the validator CLI (not by content scripts, which only need to know a pack is
 * bad), locates each one in words ("Rule 1 (id 'amlodipine-local', Amlodipine)"), folds a misspelt
 * key and the key it was meant to be into one error with a suggestion, hints at the category a
 * traffic-light colour means, names impossible dates as such, and warns about everyday medicines.
 */
import * as v from 'valibot';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  CategoryTextSchema,
  CoPrescribingAlertSchema,
  DirectoryEntrySchema,
  DisabledRuleSchema,
  ServiceSchema,
  LetterTemplateSchema,
  RulePackSchema,
  RuleSchema,
  SourceSchema,
  type Category,
  type RulePack,
} from '../schema/rule-pack';
import { normalizeName } from '../engine';
import { EVERYDAY_MEDICINES } from './everyday-medicines';
import type { PackIssue, Result } from './issues';
import { MONTH_NAMES as MONTHS } from '../schema/calendar';

type Key = string | number;
// ---------------------------------------------------------------------------------------------
// Where: a JSON path told in words.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

function item(list: unknown, i: number): unknown {
  return Array.isArray(list) ? (list[i] as unknown) : undefined;
}

/** A short string from the pack, safe to quote in a sentence (rendered as text, never as HTML). */
function shown(value: unknown, max = 60): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "Rule 1 (id 'amlodipine-local', Amlodipine)": counted from 1, as an admin counts. */
export function ruleLabel(input: unknown, index: number): string {
  const rule = item(field(input, 'rules'), index);
  const id = shown(field(rule, 'id'));
  const drug = shown(field(rule, 'drug'));
  const parts = [...(id ? [`id '${id}'`] : []), ...(drug ? [drug] : [])];
  return `Rule ${index + 1}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** The words for the object at `keys` (the pack, a rule, a rule's source, …). */
function whereOf(keys: readonly Key[], input: unknown): string {
  const [k0, k1, k2, k3] = keys;
  const nested = (label: string): string => {
    if (k2 === 'sources' && typeof k3 === 'number') return `${label}, source ${k3 + 1}`;
    if (k2 === 'names' && typeof k3 === 'number') return `${label}, name ${k3 + 1}`;
    if (k2 === 'letters' && typeof k3 === 'number') return `${label}, letter ${k3 + 1}`;
    return label;
  };
  if (k0 === 'rules' && typeof k1 === 'number') return nested(ruleLabel(input, k1));
  if (k0 === 'alerts' && typeof k1 === 'number') {
    const id = shown(field(item(field(input, 'alerts'), k1), 'id'));
    return nested(`Alert ${k1 + 1}${id ? ` (id '${id}')` : ''}`);
  }
  if ((k0 === 'services' || k0 === 'directory') && typeof k1 === 'number') {
    const id = shown(field(item(field(input, k0), k1), 'id'));
    const noun = k0 === 'services' ? 'Service' : 'Directory entry';
    return nested(`${noun} ${k1 + 1}${id ? ` (id '${id}')` : ''}`);
  }
  if (k0 === 'disable' && typeof k1 === 'number') {
    const id = shown(field(item(field(input, 'disable'), k1), 'ruleId'));
    return `Switch-off ${k1 + 1}${id ? ` (rule '${id}')` : ''}`;
  }
  if (k0 === 'categoryText' && isCategory(k1)) {
    return nested(`Text for “${CATEGORY_LABELS[k1]}”`);
  }
  return 'Pack details';
}

function pathText(keys: readonly Key[]): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out === '' ? '(pack)' : out;
}

// ---------------------------------------------------------------------------------------------
// Near misses: "catagories" → "categories", "red" → no-commissioned-service.

/** Optimal-string-alignment distance (a swap counts as one edit); short strings only. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3 || a.length > 40 || b.length > 40) return 99;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
      }
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] ?? 99;
}

/** The one known word `word` is most likely a slip for, if it is close enough to say so. */
export function nearMiss(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // One slip in a short word, two in a longer one: "catagories", "publishedat", "lastreveiwed".
  const allowed = lower.length <= 5 ? 1 : lower.length <= 10 ? 2 : 3;
  return bestDistance <= allowed ? best : undefined;
}

/** The keys an object at `parent` may have, and how to name such an object in a sentence. */
function knownKeys(parent: readonly Key[]): { keys: readonly string[]; noun: string } | undefined {
  const [k0, k1, k2, k3] = parent;
  const len = parent.length;
  if (len === 0) return { keys: Object.keys(RulePackSchema.entries), noun: 'a pack' };
  if (len === 2 && k0 === 'rules') return { keys: Object.keys(RuleSchema.entries), noun: 'a rule' };
  if (len === 2 && k0 === 'alerts') {
    return { keys: Object.keys(CoPrescribingAlertSchema.entries), noun: 'an alert' };
  }
  if (len === 2 && k0 === 'services') {
    return { keys: Object.keys(ServiceSchema.entries), noun: 'a service' };
  }
  if (len === 2 && k0 === 'directory') {
    return { keys: Object.keys(DirectoryEntrySchema.entries), noun: 'a directory entry' };
  }
  if (len === 2 && k0 === 'disable') {
    return { keys: Object.keys(DisabledRuleSchema.entries), noun: 'a switch-off' };
  }
  if (len === 1 && k0 === 'categoryText') return { keys: CATEGORIES, noun: 'categoryText' };
  if (len === 2 && k0 === 'categoryText') {
    return { keys: Object.keys(CategoryTextSchema.entries), noun: 'category text' };
  }
  if (len === 4 && k2 === 'letters' && typeof k3 === 'number' && typeof k1 === 'string') {
    return { keys: Object.keys(LetterTemplateSchema.entries), noun: 'a letter' };
  }
  if (len === 4 && k2 === 'sources') {
    return { keys: Object.keys(SourceSchema.entries), noun: 'a source' };
  }
  return undefined;
}

/**
 * What an admin who wrote a traffic-light colour or a near spelling meant. Colours are the usual
 * APC meanings (docs/rule-pack.md §8.3); the hint names the category, the admin decides.
 */
export function categoryHint(value: string): string | undefined {
  const word = value
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();
  const first = word.split(' ')[0] ?? '';
  if (first === 'red' || word.startsWith('hospital')) {
    return `in this pack, hospital-only red drugs are 'no-commissioned-service'`;
  }
  if (
    first === 'black' ||
    first === 'grey' ||
    first === 'gray' ||
    word.includes('not commissioned')
  ) {
    return `in this pack, drugs not commissioned locally (black or grey) are 'no-commissioned-service'`;
  }
  if (first === 'amber') {
    return `in this pack, amber shared-care drugs are 'shared-care', and amber drugs a specialist only starts are 'specialist-initiation'`;
  }
  if (first === 'green') {
    return `green drugs are not flagged: leave the rule out, or switch a national rule off under "disable"`;
  }
  if (first === 'purple') {
    return `in this pack, purple (specialist-initiated, then GP) drugs are 'specialist-initiation'`;
  }
  const guess = nearMiss(value.replace(/[\s_]+/g, '-'), CATEGORIES);
  return guess ? `did you mean '${guess}'?` : undefined;
}

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why a YYYY-MM-DD string is not a real date, or undefined when it is one (or is not that shape). */
export function impossibleDate(value: string): string | undefined {
  const m = DATE_SHAPE.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `${MONTHS[month - 1] ?? ''} ${year} has no day ${day}`;
  return undefined;
}

/** The sentence for a date field the schema refused. */
function dateMessage(name: string, input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const why = impossibleDate(input);
  const label = name === 'date' ? 'Source date' : name;
  if (why) return `${label} "${input}" is not a real date: ${why}`;
  if (name === 'date') return undefined; // partial dates (YYYY, YYYY-MM) have the schema's wording
  return `${label} must be a date written YYYY-MM-DD, such as 2026-11-01 (it says "${shown(input) ?? ''}")`;
}

/** Plain words for what a required field holds, so "is missing" says what to add. */
const FIELD_HINTS: Readonly<Record<string, string>> = {
  schemaVersion: 'the schema version, 1',
  packId: 'a short id for the pack, lower-case words joined by hyphens',
  name: 'the pack name shown to GPs',
  publisher: 'who maintains the pack',
  packVersion: "the pack's own version, such as 2026.11.1",
  publishedAt: 'the date this version was published, written YYYY-MM-DD',
  reviewBy: 'the date by which the pack must be reviewed again, written YYYY-MM-DD',
  licence: "the licence of the pack's content, such as OGL-UK-3.0",
  description: 'what the pack covers',
  rules: 'the list of rules',
  id: 'a short id, lower-case words joined by hyphens',
  drug: 'the generic name shown to GPs',
  names: 'the names that identify the medicine on a screen',
  categories: 'the categories the medicine is flagged with, such as shared-care',
  sources:
    'at least one document the rule rests on (title, publisher and https link), so a GP can check the flag',
  lastReviewed: "the date the rule's content was last checked, written YYYY-MM-DD",
  title: 'its title',
  url: 'its https:// link',
  ruleId: 'the id of the rule to switch off',
  reason: 'why it is switched off',
};

/** The same, for a service or directory entry (#19), where the pack-level words would mislead. */
const ENTRY_HINTS: Readonly<Record<string, string>> = {
  reviewBy: 'the date by which this entry must be checked again, written YYYY-MM-DD',
  lastReviewed: 'the date this entry was last checked, written YYYY-MM-DD',
  sources: 'at least one document it rests on (title, publisher and https link)',
  name: 'its name as a practice knows it',
  provider: 'who runs it ("Not named in the source" if unknown)',
  area: 'the area it serves, in words',
  kind: 'what kind of service it is, such as prescribed-drug-withdrawal',
  covers: 'the rules, classes or categories it covers',
  forWhom: 'who it is for',
  howToRefer: 'how to refer: a phone number, https link, e-RS service name or note',
  commissioner: 'who commissions it: icb, local-authority, nhs-england or trust',
  relieves: 'the categories it answers for a practice that provides it ([] for none)',
  provided: '"Your practice" text for a practice that provides it',
  notProvided: '"Your practice" text for a practice that does not',
};

// ---------------------------------------------------------------------------------------------
// Cross-field checks on the raw input, for when the schema already refused the pack: the
// validator stops there, but one error must not hide another for the admin (issue #20).

interface LooseRule {
  readonly index: number;
  readonly id?: string;
  readonly drug?: string;
  readonly names: readonly string[];
  readonly categories: readonly string[];
  readonly hasForms: boolean;
  readonly hasPosition: boolean;
  readonly lastReviewed?: string;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function looseRules(input: unknown): LooseRule[] {
  const rules = field(input, 'rules');
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule: unknown, index) => {
    if (!isRecord(rule)) return [];
    const id = str(rule.id);
    const drug = str(rule.drug);
    const lastReviewed = str(rule.lastReviewed);
    return [
      {
        index,
        ...(id !== undefined ? { id } : {}),
        ...(drug !== undefined ? { drug } : {}),
        names: strings(rule.names),
        categories: strings(rule.categories),
        hasForms: rule.forms !== undefined,
        hasPosition: rule.position !== undefined,
        ...(lastReviewed !== undefined ? { lastReviewed } : {}),
      },
    ];
  });
}

/** A YYYY-MM-DD date the calendar has (the schema reports any other). */
function isRealIsoDate(value: unknown): value is string {
  return typeof value === 'string' && DATE_SHAPE.test(value) && impossibleDate(value) === undefined;
}

export function rawCrossChecks(
  input: unknown,
  today: string | undefined,
  /** Paths the schema already refused: a name it refused is one mistake, not two. */
  refused: ReadonlySet<string> = new Set(),
): { errors: PackIssue[]; warnings: PackIssue[] } {
  const errors: PackIssue[] = [];
  const warnings: PackIssue[] = [];
  const rules = looseRules(input);
  const at = (path: string, keys: readonly Key[], message: string, severity: 'error' | 'warning') =>
    (severity === 'error' ? errors : warnings).push({ path, message, severity });

  const seenIds = new Map<string, number>();
  for (const rule of rules) {
    if (rule.id === undefined) continue;
    const first = seenIds.get(rule.id);
    if (first === undefined) seenIds.set(rule.id, rule.index);
    else
      at(
        `rules[${rule.index}].id`,
        ['rules', rule.index],
        `Duplicate rule id "${rule.id}" (rule ${first + 1} already uses it); give each rule its own id`,
        'error',
      );
  }

  // Alerts and letters are looked up by id (a later layer overrides by id), so a repeated id within
  // one pack would silently hide one of the two.
  const flagRepeatedIds = (
    list: unknown,
    keyOf: (i: number) => Key[],
    noun: string,
    idKey = 'id',
  ) => {
    if (!Array.isArray(list)) return;
    const first = new Map<string, number>();
    list.forEach((entry: unknown, i) => {
      const id = str(field(entry, idKey));
      if (id === undefined) return;
      const prior = first.get(id);
      if (prior === undefined) first.set(id, i);
      else
        at(
          `${pathText(keyOf(i))}.id`,
          keyOf(i),
          `Duplicate ${noun} id "${id}" (${noun} ${prior + 1} already uses it)`,
          'error',
        );
    });
  };
  flagRepeatedIds(field(input, 'alerts'), (i) => ['alerts', i], 'alert');
  const categoryText = field(input, 'categoryText');
  if (isRecord(categoryText)) {
    for (const [category, text] of Object.entries(categoryText)) {
      flagRepeatedIds(
        field(text, 'letters'),
        (i) => ['categoryText', category, 'letters', i],
        'letter',
      );
    }
  }

  // A pack that adds nothing and switches nothing off changes nothing once loaded: almost always an
  // export that lost its rules. Every list at the top of a pack (rules, disable, and any added later)
  // is something a pack can contribute, so any non-empty one makes the pack worth loading.
  if (
    isRecord(input) &&
    Array.isArray(input.rules) &&
    !Object.values(input).some((f) => Array.isArray(f) && f.length > 0)
  ) {
    at(
      'rules',
      [],
      'The pack has no rules and disables none, so loading it would change nothing; add rules or a disable list',
      'error',
    );
  }

  // A name shared by rules must mean the same thing, unless form words tell the rules apart.
  const claims = new Map<string, { index: number; categories: string; forms: boolean }>();
  for (const rule of rules) {
    rule.names.forEach((name, j) => {
      const keys: Key[] = ['rules', rule.index, 'names', j];
      if (refused.has(pathText(keys))) return;
      const key = normalizeName(name).join(' ');
      if (key === '') {
        if (name.trim() !== '') {
          at(
            pathText(keys),
            keys,
            `Name "${shown(name) ?? ''}" has no letters or digits to match on`,
            'error',
          );
        }
        return;
      }
      const categories = rule.categories.join(',');
      const prior = claims.get(key);
      if (!prior) {
        claims.set(key, { index: rule.index, categories, forms: rule.hasForms });
        return;
      }
      if (prior.index === rule.index) return;
      if (prior.categories !== categories && !prior.forms && !rule.hasForms) {
        const other = rules.find((r) => r.index === prior.index);
        at(
          pathText(keys),
          keys,
          `Name "${name}" is also claimed by rule "${other?.id ?? '?'}" with different categories (rule ${prior.index + 1}); give one of them form words or remove the name`,
          'error',
        );
      }
    });
  }

  // Harmless to the matcher, but a repeated name is usually a copy-paste slip worth showing the author.
  for (const rule of rules) {
    const seen = new Map<string, number>();
    rule.names.forEach((name, j) => {
      if (refused.has(pathText(['rules', rule.index, 'names', j]))) return;
      const key = normalizeName(name).join(' ');
      if (key === '') return; // already an error above
      const first = seen.get(key);
      if (first === undefined) seen.set(key, j);
      else {
        const keys: Key[] = ['rules', rule.index, 'names', j];
        at(
          pathText(keys),
          keys,
          `Name "${name}" repeats "${rule.names[first] ?? ''}" (name ${first + 1}) once case and punctuation are ignored`,
          'warning',
        );
      }
    });
  }

  // merge.ts applies a pack's own `disable` list before its rules, so disabling an id the same pack
  // defines does nothing; the author almost certainly meant something else.
  const disable = field(input, 'disable');
  if (Array.isArray(disable)) {
    disable.forEach((off: unknown, i) => {
      const ruleId = str(field(off, 'ruleId'));
      if (ruleId !== undefined && seenIds.has(ruleId)) {
        at(
          `disable[${i}].ruleId`,
          ['disable', i],
          `This pack both defines and disables rule "${ruleId}"; its own rule stays active. Remove one of them`,
          'warning',
        );
      }
    });
  }

  const cats = isRecord(categoryText) ? categoryText : {};
  for (const rule of rules) {
    for (const c of rule.categories) {
      if (isCategory(c) && !rule.hasPosition && !cats[c]) {
        at(
          `rules[${rule.index}].position`,
          ['rules', rule.index],
          `No position text for category "${c}" in this rule or the pack; the bundled pack's text will be shown`,
          'warning',
        );
      }
    }
  }

  const reviewBy = field(input, 'reviewBy');
  const publishedAt = field(input, 'publishedAt');
  if (today && isRealIsoDate(reviewBy) && reviewBy < today) {
    at(
      'reviewBy',
      [],
      `The pack's review date ${reviewBy} has passed; its content may be out of date`,
      'warning',
    );
  }
  if (today) {
    for (const rule of rules) {
      if (isRealIsoDate(rule.lastReviewed) && rule.lastReviewed > today) {
        at(
          `rules[${rule.index}].lastReviewed`,
          ['rules', rule.index],
          `Rule "${rule.id ?? ''}" says it was last reviewed on ${rule.lastReviewed}, which is in the future; check the date`,
          'warning',
        );
      }
    }
  }
  if (isRealIsoDate(publishedAt) && isRealIsoDate(reviewBy) && publishedAt > reviewBy) {
    at(
      'reviewBy',
      [],
      `reviewBy (${reviewBy}) is before publishedAt (${publishedAt}); the review date must come after publication`,
      'error',
    );
  }
  return { errors, warnings };
}

// ---------------------------------------------------------------------------------------------
// Issues → plain words.

/** `rules[0].sources[1].url` → ['rules', 0, 'sources', 1, 'url'], without a regex. */
export function pathKeys(path: string): Key[] {
  if (path === '(pack)' || path === '(file)') return [];
  const keys: Key[] = [];
  let word = '';
  const flush = () => {
    if (word !== '') keys.push(word);
    word = '';
  };
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '.') flush();
    else if (c === '[') {
      flush();
      const end = path.indexOf(']', i);
      if (end < 0) break;
      keys.push(Number(path.slice(i + 1, end)));
      i = end;
    } else word += c;
  }
  flush();
  return keys;
}

function valueAt(input: unknown, keys: readonly Key[]): unknown {
  return keys.reduce<unknown>(
    (value, key) => (typeof key === 'number' ? item(value, key) : field(value, key)),
    input,
  );
}

type Kind = 'unknown-key' | 'missing' | 'category' | 'date';
const DATE_FIELDS = new Set(['publishedAt', 'reviewBy', 'lastReviewed', 'date']);

/**
 * What sort of schema problem sits at each path. The validator's issues carry a path and a sentence;
 * the schema is run once more here (options page and CLI only) to learn which are unknown keys,
 * missing keys, refused categories and refused dates.
 */
function schemaKinds(input: unknown): Map<string, Kind> {
  const kinds = new Map<string, Kind>();
  const parsed = v.safeParse(RulePackSchema, input, { abortPipeEarly: true });
  if (parsed.success) return kinds;
  for (const issue of parsed.issues) {
    const keys = (issue.path ?? []).map((p) => p.key as Key);
    const last = keys[keys.length - 1];
    const listForObject =
      issue.type === 'strict_object' &&
      issue.received === 'undefined' &&
      Array.isArray(issue.path?.[issue.path.length - 1]?.input);
    if (listForObject) continue;
    const path = pathText(keys);
    if (issue.expected === 'never' && typeof last === 'string') kinds.set(path, 'unknown-key');
    else if (
      issue.received === 'undefined' &&
      (issue.type === 'strict_object' || issue.kind === 'schema')
    )
      kinds.set(path, 'missing');
    else if (issue.type === 'picklist' && keys[0] === 'rules' && keys[2] === 'categories')
      kinds.set(path, 'category');
    else if (typeof last === 'string' && DATE_FIELDS.has(last)) kinds.set(path, 'date');
  }
  return kinds;
}

function explainIssues(input: unknown, issuesIn: readonly PackIssue[]): PackIssue[] {
  const kinds = schemaKinds(input);
  const issues = issuesIn.map((i) => ({ issue: i, kind: kinds.get(i.path) }));
  // A misspelt key ("catagories") is one mistake with the key it was meant to be ("categories").
  const covered = new Set<string>();
  const guesses = new Map<
    string,
    { guess: string | undefined; noun: string; known?: readonly string[] }
  >();
  for (const { issue, kind } of issues) {
    if (kind !== 'unknown-key') continue;
    const keys = pathKeys(issue.path);
    const last = keys[keys.length - 1];
    if (typeof last !== 'string') continue;
    const parent = keys.slice(0, -1);
    const known = knownKeys(parent);
    const guess = known ? nearMiss(last, known.keys) : undefined;
    if (guess !== undefined && field(valueAt(input, parent), guess) === undefined) {
      covered.add(pathText([...parent, guess]));
    }
    guesses.set(issue.path, {
      guess,
      noun: known?.noun ?? 'this part of a pack',
      ...(known ? { known: known.keys } : {}),
    });
  }
  return issues.flatMap(({ issue, kind }): PackIssue[] => {
    const keys = pathKeys(issue.path);
    const last = keys[keys.length - 1];
    const name = typeof last === 'string' ? last : undefined;
    const where =
      issue.path === '(file)'
        ? 'Whole file'
        : issue.path === '(pack)'
          ? 'Whole pack'
          : whereOf(keys, input);
    let message = issue.message;
    if (kind === 'missing') {
      if (covered.has(issue.path)) return [];
      const inEntry = keys[0] === 'services' || keys[0] === 'directory';
      const hint = name
        ? ((inEntry ? ENTRY_HINTS[name] : undefined) ?? FIELD_HINTS[name])
        : undefined;
      if (name) message = `"${name}" is missing${hint ? `: add ${hint}` : ''}`;
    } else if (kind === 'unknown-key' && name) {
      const g = guesses.get(issue.path);
      message = g?.guess
        ? `"${name}" is not a field ${g.noun} has; did you mean "${g.guess}"?`
        : `"${name}" is not a field ${g?.noun ?? 'this part of a pack'} has (check the spelling${g?.known ? `; ${g.noun} has ${g.known.join(', ')}` : ''})`;
    } else if (kind === 'category') {
      const value = valueAt(input, keys);
      if (typeof value === 'string') {
        const hint = categoryHint(value);
        message = `Category "${shown(value) ?? value}" is not one of ${CATEGORIES.join(', ')}${hint ? `; ${hint}` : ''}`;
      } else message = `Each category must be text: one of ${CATEGORIES.join(', ')}`;
    } else if (kind === 'date' && name) {
      message = dateMessage(name, valueAt(input, keys)) ?? message;
    }
    return [{ ...issue, where, message }];
  });
}

/** Local packs that flag an everyday medicine: shown on many records, so usually a slip. */
function everydayWarnings(input: unknown): PackIssue[] {
  const rules = field(input, 'rules');
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule: unknown, index): PackIssue[] => {
    const names = field(rule, 'names');
    if (!Array.isArray(names)) return [];
    const everyday = names
      .filter((n): n is string => typeof n === 'string')
      .map((n) => normalizeName(n).join(' '))
      .find((k) => EVERYDAY_MEDICINES.has(k));
    if (everyday === undefined) return [];
    return [
      {
        path: `rules[${index}]`,
        where: ruleLabel(input, index),
        message: `${everyday} is an everyday medicine that GPs start and prescribe routinely; flagging it marks it on many patients' records. Check the rule is meant to be in this pack`,
        severity: 'warning',
      },
    ];
  });
}

/**
 * The validator's result, told in plain words: every issue located in words and reworded where
 * a plainer sentence helps, one issue per mistake, and warnings for everyday medicines.
 */
export function explainPack(input: unknown, result: Result<RulePack>): Result<RulePack> {
  const everyday = everydayWarnings(input);
  if (result.ok) {
    return { ...result, warnings: [...explainIssues(input, result.warnings), ...everyday] };
  }
  // The validator stops at schema errors; the checks that span fields still have their say.
  const seen = new Set(result.issues.map((i) => `${i.path}\n${i.message}`));
  const refused = new Set(result.issues.map((i) => i.path));
  const cross = rawCrossChecks(input, undefined, refused);
  const extra = [...cross.errors, ...cross.warnings].filter(
    (i) => !seen.has(`${i.path}\n${i.message}`),
  );
  const issues = explainIssues(input, [...result.issues, ...extra]);
  return {
    ok: false,
    issues: [
      ...issues.filter((i) => i.severity === 'error'),
      ...everyday,
      ...issues.filter((i) => i.severity === 'warning'),
    ],
  };
}
