/**
 * Practice workload (issue #23): a practice's own medication-search export → how much flagged work
 * it does, per category, per rule and (when the practice profile says) per local service. Pure: the
 * page reads the file and the rules; this module only sees rows of text and returns totals.
 *
 * Privacy is decided here, before any row is counted: a column whose header (or whose cells) look
 * like a patient identifier stops the count unless the admin agrees to drop it, and a dropped
 * column is never read. Only the drug name, the patient/issue counts and an issue date are read;
 * the summary holds names of medicines and numbers, never a cell of any other column.
 */
import { matchText, type CompiledRuleSet } from '../engine';
import { primaryCategory } from '../loader/restore';
import type { EffectiveRuleSet } from '../loader/merge';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  COMMISSIONER_LABELS,
  type Category,
} from '../schema/rule-pack';
import type { PracticeProfile } from '../schema/settings';
import { formatDay } from './dates';
import { coverage } from './practice-position';
import { fillLetter, formatSources } from './letters';

/** The export shapes recognised without asking (docs/practice-workload.md says what each rests on). */
export type ExportShape = 'emis-web' | 'systmone' | 'chosen';

export const SHAPE_LABELS: Readonly<Record<ExportShape, string>> = {
  'emis-web': 'EMIS Web search/report export',
  systmone: 'SystmOne (TPP) report export',
  chosen: 'Columns chosen by you',
};

/** Which column holds what (0-based; null: the export has no such column). */
export interface ColumnMap {
  readonly drug: number;
  readonly patients: number | null;
  readonly issues: number | null;
  readonly date: number | null;
}

/** A column refused because it looks like it identifies a patient. */
export interface IdentifierColumn {
  readonly index: number;
  readonly header: string;
  /** Why, in the words the admin reads: "an NHS number", "a name". */
  readonly looksLike: string;
}

/** What the first look at a file found: where the header is, what it says, what it holds. */
export interface ExportInspection {
  /** 0-based index of the header row (exports may start with a title and run date). */
  readonly headerRow: number;
  readonly header: readonly string[];
  readonly shape: ExportShape | null;
  /** The columns the shape (or the header words) point to; null when the user must choose. */
  readonly columns: ColumnMap | null;
  readonly identifiers: readonly IdentifierColumn[];
  /** Data rows after the header. */
  readonly dataRows: number;
}

/** How far down a file to look for the header row (EMIS puts a few lines of title above it). */
export const MAX_PREAMBLE_ROWS = 12;
/** How many data rows are sampled for identifier-shaped cells under an innocent header. */
export const IDENTIFIER_SAMPLE_ROWS = 200;

/** Lower-case words of a header cell: "No. of Patients" → "no of patients". No regex: cells are untrusted. */
export function headerWords(cell: string): string {
  let out = '';
  let space = false;
  for (const ch of cell.toLowerCase()) {
    const alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    if (alnum) {
      if (space && out !== '') out += ' ';
      out += ch;
      space = false;
    } else space = true;
  }
  return out;
}

const DRUG_HEADERS = new Set([
  'drug',
  'drug name',
  'drug description',
  'medication',
  'medication name',
  'medication term',
  'medicine',
  'medicine name',
  'preparation',
  'product',
  'product name',
  'item',
  'item name',
  'drug term',
  'term',
]);
const PATIENT_HEADERS = new Set([
  'patients',
  'patient count',
  'number of patients',
  'no of patients',
  'count of patients',
  'count patients',
  'population count',
  'people',
  'count',
]);
const ISSUE_HEADERS = new Set([
  'issues',
  'issue count',
  'number of issues',
  'no of issues',
  'count of issues',
  'items',
  'items issued',
  'number of items',
  'no of items',
  'prescriptions',
  'number of prescriptions',
]);
const DATE_HEADERS = new Set([
  'last issue date',
  'last issued',
  'date of last issue',
  'most recent issue',
  'latest issue date',
  'issue date',
  'date',
]);

/** The EMIS Web report headers the fixture README documents, in order. */
const EMIS_SIGNATURE = ['medication name', 'patient count', 'issue count'];
/** The SystmOne report headers the fixture README documents, in order. */
const SYSTMONE_SIGNATURE = ['drug', 'number of patients', 'number of issues'];

/**
 * Header words that mean "this column identifies a patient". Whole header phrases or single
 * words; "Drug Name" is not "Name", so a word list is checked against the *other* words too.
 */
const IDENTIFIER_PHRASES: readonly (readonly [string, string])[] = [
  ['nhs number', 'an NHS number'],
  ['nhs no', 'an NHS number'],
  ['nhs', 'an NHS number'],
  ['chi number', 'a CHI number'],
  ['emis number', 'a clinical-system patient number'],
  ['emis no', 'a clinical-system patient number'],
  ['patient id', 'a patient number'],
  ['patient number', 'a patient number'],
  ['hospital number', 'a hospital number'],
  ['mrn', 'a hospital number'],
  ['date of birth', 'a date of birth'],
  ['dob', 'a date of birth'],
  ['birth date', 'a date of birth'],
  ['postcode', 'a postcode'],
  ['post code', 'a postcode'],
  ['address', 'an address'],
  ['telephone', 'a telephone number'],
  ['phone', 'a telephone number'],
  ['mobile', 'a telephone number'],
  ['email', 'an email address'],
  ['forename', 'a name'],
  ['forenames', 'a name'],
  ['surname', 'a name'],
  ['given name', 'a name'],
  ['family name', 'a name'],
  ['first name', 'a name'],
  ['last name', 'a name'],
  ['full name', 'a name'],
  ['patient name', 'a name'],
  ['name', 'a name'],
  ['patient', 'a patient'],
];

/** Words which, next to "name", make it the name of something that is not a person. */
const NOT_A_PERSON = new Set([
  'drug',
  'medication',
  'medicine',
  'product',
  'preparation',
  'item',
  'practice',
  'organisation',
  'report',
  'search',
  'service',
  'rule',
  'clinician',
  'prescriber',
]);

function identifierByHeader(cell: string): string | null {
  const words = headerWords(cell);
  if (words === '') return null;
  const list = words.split(' ');
  // Counts of patients are what we want, not identifiers.
  if (PATIENT_HEADERS.has(words)) return null;
  for (const [phrase, looksLike] of IDENTIFIER_PHRASES) {
    const parts = phrase.split(' ');
    const at = list.findIndex((_, i) => parts.every((p, k) => list[i + k] === p));
    if (at < 0) continue;
    if (phrase === 'name' && list.some((w) => NOT_A_PERSON.has(w))) continue;
    if (phrase === 'patient' && list.length > 1) continue;
    return looksLike;
  }
  return null;
}

/** Digits of a cell that looks like an NHS number (10 digits, spaces or dashes as grouped). */
function nhsDigits(cell: string): string | null {
  let digits = '';
  for (const ch of cell.trim()) {
    if (ch >= '0' && ch <= '9') digits += ch;
    else if (ch !== ' ' && ch !== '-') return null;
  }
  return digits.length === 10 ? digits : null;
}

/** The NHS number check digit (Modulus 11), so counts like 1234567890 are not taken for one. */
export function isNhsNumber(cell: string): boolean {
  const d = nhsDigits(cell);
  if (d === null) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(d[9]);
}

/** A UK postcode's outline: outward code (2–4) + space + inward code (digit, two letters). */
function looksLikePostcode(cell: string): boolean {
  const t = cell.trim().toUpperCase();
  const space = t.indexOf(' ');
  if (space < 2 || space > 4 || t.length !== space + 4) return false;
  const outward = t.slice(0, space);
  const inward = t.slice(space + 1);
  const isL = (c: string | undefined) => c !== undefined && c >= 'A' && c <= 'Z';
  const isD = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  return (
    isL(outward[0]) &&
    [...outward].every((c) => isL(c) || isD(c)) &&
    isD(inward[0]) &&
    isL(inward[1]) &&
    isL(inward[2])
  );
}

/**
 * Columns that look like patient identifiers: by header, and, under any header, by cells (a column
 * where most sampled cells are valid NHS numbers or postcodes is refused whatever it is called).
 */
export function findIdentifierColumns(
  header: readonly string[],
  sample: readonly (readonly string[])[],
): IdentifierColumn[] {
  const found: IdentifierColumn[] = [];
  header.forEach((cell, index) => {
    const byHeader = identifierByHeader(cell);
    if (byHeader) {
      found.push({ index, header: cell.trim(), looksLike: byHeader });
      return;
    }
    const cells = sample.map((r) => r[index] ?? '').filter((c) => c.trim() !== '');
    if (cells.length === 0) return;
    const nhs = cells.filter(isNhsNumber).length;
    const postcodes = cells.filter(looksLikePostcode).length;
    if (nhs * 2 >= cells.length)
      found.push({ index, header: cell.trim(), looksLike: 'an NHS number' });
    else if (postcodes * 2 >= cells.length)
      found.push({ index, header: cell.trim(), looksLike: 'a postcode' });
  });
  return found;
}

function findColumn(words: readonly string[], names: ReadonlySet<string>): number | null {
  const i = words.findIndex((w) => names.has(w));
  return i < 0 ? null : i;
}

function startsWithSignature(words: readonly string[], signature: readonly string[]): boolean {
  return signature.every((s, i) => words[i] === s);
}

/** The header row (first of the first rows with a drug column) and what its columns hold. */
export function inspectExport(rows: readonly (readonly string[])[]): ExportInspection | null {
  const limit = Math.min(rows.length, MAX_PREAMBLE_ROWS);
  let headerRow = -1;
  for (let i = 0; i < limit; i++) {
    const words = (rows[i] ?? []).map(headerWords);
    if (findColumn(words, DRUG_HEADERS) !== null) {
      headerRow = i;
      break;
    }
  }
  // No recognised drug column: the first non-blank row is the header and the user chooses.
  if (headerRow < 0) headerRow = rows.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerRow < 0) return null;
  const header = rows[headerRow] ?? [];
  const words = header.map(headerWords);
  const sample = rows.slice(headerRow + 1, headerRow + 1 + IDENTIFIER_SAMPLE_ROWS);
  const identifiers = findIdentifierColumns(header, sample);
  const refused = new Set(identifiers.map((c) => c.index));
  const pick = (names: ReadonlySet<string>) => {
    const i = findColumn(words, names);
    return i === null || refused.has(i) ? null : i;
  };
  const drug = pick(DRUG_HEADERS);
  const shape: ExportShape | null = startsWithSignature(words, EMIS_SIGNATURE)
    ? 'emis-web'
    : startsWithSignature(words, SYSTMONE_SIGNATURE)
      ? 'systmone'
      : null;
  const columns: ColumnMap | null =
    drug === null
      ? null
      : {
          drug,
          patients: pick(PATIENT_HEADERS),
          issues: pick(ISSUE_HEADERS),
          date: pick(DATE_HEADERS),
        };
  return {
    headerRow,
    header,
    shape: columns ? (shape ?? 'chosen') : null,
    columns,
    identifiers,
    dataRows: Math.max(0, rows.length - headerRow - 1),
  };
}

/** A local service from the practice profile (issue #19), when there is one: optional input. */
export interface WorkloadService {
  readonly id: string;
  readonly name: string;
  /** True when the practice holds a signed agreement (LES/enhanced service) for it. */
  readonly commissioned: boolean;
  readonly ruleIds: readonly string[];
}

export interface Tally {
  /** Export rows counted. */
  rows: number;
  /** Sum of the patient-count column (0 when the export has none). */
  patients: number;
  issues: number;
}

export interface CategoryTotal extends Tally {
  readonly category: Category;
  readonly label: string;
  /** Distinct rules (medicines) behind the rows. */
  drugs: number;
}

export interface RuleTotal extends Tally {
  readonly ruleId: string;
  readonly drug: string;
  readonly category: Category | null;
}

export interface ServiceTotal extends Tally {
  readonly id: string;
  readonly name: string;
  readonly commissioned: boolean;
  drugs: number;
}

export interface NameTotal extends Tally {
  /** The name as the export wrote it (a medicine's name, never a patient's). */
  readonly name: string;
}

export interface PossibleTotal extends NameTotal {
  /** The medicines the name may be (fuzzy): listed apart, never counted as certain. */
  readonly perhaps: readonly string[];
}

/** One plainly stated unfunded line: "Shared care with no signed agreement: 84 patients on 11 drugs". */
export interface UnfundedLine extends Tally {
  readonly label: string;
  drugs: number;
  /** The rules counted, so the notice letter names exactly these medicines. */
  readonly ruleIds: string[];
}

/** Aggregate only: what the page shows, prints, fills the letter from and may keep. */
export interface WorkloadSummary {
  readonly shape: ExportShape;
  readonly measures: { readonly patients: boolean; readonly issues: boolean };
  readonly rowsRead: number;
  readonly rowsFlagged: number;
  readonly byCategory: readonly CategoryTotal[];
  readonly byRule: readonly RuleTotal[];
  readonly byService: readonly ServiceTotal[] | null;
  readonly unfunded: readonly UnfundedLine[];
  readonly unmatched: readonly NameTotal[];
  readonly possible: readonly PossibleTotal[];
  /** Earliest and latest issue dates in the export (YYYY-MM-DD), when it has a date column. */
  readonly period: { readonly from: string; readonly to: string } | null;
  readonly droppedColumns: number;
  /** The headings of the columns read, so the reader can check the right ones were counted. */
  readonly columnsRead: {
    readonly drug: string;
    readonly patients: string | null;
    readonly issues: string | null;
    readonly date: string | null;
  };
}

/** A count cell as a whole number: "1,204" → 1204, blank → 0; anything else is an error. */
export function parseCount(cell: string): number | null {
  const t = cell.trim();
  if (t === '') return 0;
  let n = 0;
  for (const ch of t) {
    if (ch === ',') continue;
    if (ch < '0' || ch > '9') return null;
    n = n * 10 + Number(ch);
    if (n > Number.MAX_SAFE_INTEGER / 10) return null;
  }
  return n;
}

/** A date cell as YYYY-MM-DD: "31/01/2026", "31-Jan-2026" or "2026-01-31"; null otherwise. */
export function parseExportDate(cell: string): string | null {
  const t = cell.trim().slice(0, 10);
  const months = [
    'jan',
    'feb',
    'mar',
    'apr',
    'may',
    'jun',
    'jul',
    'aug',
    'sep',
    'oct',
    'nov',
    'dec',
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  const ok = (y: number, m: number, d: number) =>
    y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31
      ? `${y}-${pad(m)}-${pad(d)}`
      : null;
  const num = (s: string | undefined) =>
    s !== undefined && s !== '' && [...s].every((c) => c >= '0' && c <= '9') ? Number(s) : NaN;
  if (t[4] === '-') {
    const [y, m, d] = t.split('-');
    return ok(num(y), num(m), num(d));
  }
  const sep = t[2] === '/' ? '/' : t[2] === '-' ? '-' : null;
  if (sep === null) return null;
  const full = cell.trim();
  const [d, m, y] = full.split(sep);
  const monthWord = months.indexOf((m ?? '').toLowerCase()) + 1;
  return ok(num((y ?? '').slice(0, 4)), monthWord > 0 ? monthWord : num(m), num(d));
}

/** A row-and-column error, as the admin reads it. */
export interface RowError {
  readonly row: number;
  readonly column: number;
  readonly message: string;
}

const emptyTally = (): Tally => ({ rows: 0, patients: 0, issues: 0 });

function add(t: Tally, rows: number, patients: number, issues: number): void {
  t.rows += rows;
  t.patients += patients;
  t.issues += issues;
}

/** What the counter needs from the rules: the matcher and the effective set (for names, categories). */
export interface WorkloadRules {
  readonly compiled: CompiledRuleSet;
  readonly effective: EffectiveRuleSet;
}

/**
 * Counts rows in slices so a caller (the worker) can report progress between them. Each drug name
 * is matched once, however many rows repeat it.
 */
export class WorkloadCounter {
  private readonly byRule = new Map<string, RuleTotal>();
  private readonly ruleSetsByCategory = new Map<Category, Set<string>>();
  private readonly categoryTally = new Map<Category, Tally>();
  private readonly unmatched = new Map<string, NameTotal>();
  private readonly possible = new Map<string, PossibleTotal>();
  private readonly cache = new Map<
    string,
    { exact: readonly string[]; fuzzy: readonly string[] }
  >();
  private rowsRead = 0;
  private rowsFlagged = 0;
  private from: string | null = null;
  private to: string | null = null;

  constructor(
    private readonly rules: WorkloadRules,
    private readonly columns: ColumnMap,
    private readonly shape: ExportShape,
    private readonly droppedColumns: number,
    /** The header row, for naming the columns read in the summary (headings only, never cells). */
    private readonly header: readonly string[] = [],
  ) {}

  private lookup(name: string): { exact: readonly string[]; fuzzy: readonly string[] } {
    const key = name.toLowerCase();
    const hit = this.cache.get(key);
    if (hit) return hit;
    const exact = new Set<string>();
    const fuzzy = new Set<string>();
    for (const m of matchText(this.rules.compiled, name)) {
      for (const id of m.ruleIds) (m.kind === 'exact' ? exact : fuzzy).add(id);
    }
    const found = { exact: [...exact], fuzzy: [...fuzzy].filter((id) => !exact.has(id)) };
    this.cache.set(key, found);
    return found;
  }

  private heading(index: number | null): string | null {
    if (index === null) return null;
    const text = (this.header[index] ?? '').trim();
    return text === '' ? `column ${index + 1}` : text;
  }

  private drugOf(id: string): string {
    return this.rules.effective.rules.get(id)?.rule.drug ?? id;
  }

  /**
   * Adds data rows; `firstRow` is the 1-based spreadsheet row of rows[0] for error messages.
   * Returns the first malformed cell, or null.
   */
  addRows(rows: readonly (readonly string[])[], firstRow: number): RowError | null {
    const { drug, patients, issues, date } = this.columns;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] ?? [];
      const name = (row[drug] ?? '').trim();
      const count = (col: number | null): number | RowError => {
        if (col === null) return 0;
        const n = parseCount(row[col] ?? '');
        return n === null
          ? {
              row: firstRow + i,
              column: col + 1,
              message: 'is not a whole number of patients or issues',
            }
          : n;
      };
      if (name === '' && row.every((c) => c.trim() === '')) continue;
      const p = count(patients);
      if (typeof p !== 'number') return p;
      const s = count(issues);
      if (typeof s !== 'number') return s;
      this.rowsRead++;
      if (date !== null) {
        const d = parseExportDate(row[date] ?? '');
        if (d !== null) {
          if (this.from === null || d < this.from) this.from = d;
          if (this.to === null || d > this.to) this.to = d;
        }
      }
      if (name === '') continue;
      const { exact, fuzzy } = this.lookup(name);
      if (exact.length > 0) {
        this.rowsFlagged++;
        const category = primaryCategory(this.rules.effective, exact);
        for (const id of exact) {
          const total = this.byRule.get(id) ?? {
            ruleId: id,
            drug: this.drugOf(id),
            category: primaryCategory(this.rules.effective, [id]),
            ...emptyTally(),
          };
          add(total, 1, p, s);
          this.byRule.set(id, total);
        }
        if (category) {
          const t = this.categoryTally.get(category) ?? emptyTally();
          add(t, 1, p, s);
          this.categoryTally.set(category, t);
          const ids = this.ruleSetsByCategory.get(category) ?? new Set<string>();
          for (const id of exact) ids.add(id);
          this.ruleSetsByCategory.set(category, ids);
        }
      } else if (fuzzy.length > 0) {
        const t = this.possible.get(name) ?? {
          name,
          perhaps: fuzzy.map((id) => this.drugOf(id)),
          ...emptyTally(),
        };
        add(t, 1, p, s);
        this.possible.set(name, t);
      } else {
        const t = this.unmatched.get(name) ?? { name, ...emptyTally() };
        add(t, 1, p, s);
        this.unmatched.set(name, t);
      }
    }
    return null;
  }

  summary(services: readonly WorkloadService[] | null = null): WorkloadSummary {
    const byRule = [...this.byRule.values()].sort(
      (a, b) => b.patients - a.patients || b.rows - a.rows || a.drug.localeCompare(b.drug),
    );
    const byCategory: CategoryTotal[] = CATEGORIES.flatMap((category) => {
      const t = this.categoryTally.get(category);
      return t
        ? [
            {
              category,
              label: CATEGORY_LABELS[category],
              ...t,
              drugs: this.ruleSetsByCategory.get(category)?.size ?? 0,
            },
          ]
        : [];
    });
    const byService = services ? serviceTotals(services, byRule) : null;
    const byName = (a: NameTotal, b: NameTotal) =>
      b.patients - a.patients || b.rows - a.rows || a.name.localeCompare(b.name);
    return {
      shape: this.shape,
      measures: { patients: this.columns.patients !== null, issues: this.columns.issues !== null },
      rowsRead: this.rowsRead,
      rowsFlagged: this.rowsFlagged,
      byCategory,
      byRule,
      byService,
      unfunded: unfundedLines(byRule, services),
      unmatched: [...this.unmatched.values()].sort(byName),
      possible: [...this.possible.values()].sort(byName),
      period: this.from !== null && this.to !== null ? { from: this.from, to: this.to } : null,
      droppedColumns: this.droppedColumns,
      columnsRead: {
        drug: this.heading(this.columns.drug) ?? '',
        patients: this.heading(this.columns.patients),
        issues: this.heading(this.columns.issues),
        date: this.heading(this.columns.date),
      },
    };
  }
}

function serviceTotals(
  services: readonly WorkloadService[],
  byRule: readonly RuleTotal[],
): ServiceTotal[] {
  return services.map((service) => {
    const ids = new Set(service.ruleIds);
    const t: ServiceTotal = {
      id: service.id,
      name: service.name,
      commissioned: service.commissioned,
      drugs: 0,
      ...emptyTally(),
    };
    for (const r of byRule) {
      if (!ids.has(r.ruleId)) continue;
      add(t, r.rows, r.patients, r.issues);
      t.drugs++;
    }
    return t;
  });
}

/**
 * The unfunded part, stated plainly. "No commissioned service" is unfunded by definition. Shared
 * care and specialist initiation are unfunded unless a commissioned service in the practice
 * profile covers the rule; with no profile, none is assumed, and the label says "recorded here" so
 * nobody reads it as a fact about the practice's contracts.
 */
function unfundedLines(
  byRule: readonly RuleTotal[],
  services: readonly WorkloadService[] | null,
): UnfundedLine[] {
  const covered = new Set((services ?? []).filter((s) => s.commissioned).flatMap((s) => s.ruleIds));
  const labels: Partial<Record<Category, string>> = {
    'no-commissioned-service': 'Medicines with no commissioned service',
    'shared-care': services
      ? 'Shared care with no signed agreement in your practice profile'
      : 'Shared care with no signed agreement recorded here',
    'specialist-initiation': services
      ? 'Specialist initiation with no commissioned service in your practice profile'
      : 'Specialist initiation with no commissioned service recorded here',
  };
  const lines: UnfundedLine[] = [];
  for (const category of CATEGORIES) {
    const label = labels[category];
    if (!label) continue;
    const line: UnfundedLine = { label, drugs: 0, ruleIds: [], ...emptyTally() };
    for (const r of byRule) {
      if (r.category !== category || covered.has(r.ruleId)) continue;
      add(line, r.rows, r.patients, r.issues);
      line.drugs++;
      line.ruleIds.push(r.ruleId);
    }
    if (line.drugs > 0) lines.push(line);
  }
  return lines;
}

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** "84 patients on 11 drugs" in the measure the export has (patients, else issues, else rows). */
export function describeTally(
  t: Tally & { drugs?: number },
  measures: WorkloadSummary['measures'],
): string {
  const amount = measures.patients
    ? plural(t.patients, 'patient', 'patients')
    : measures.issues
      ? plural(t.issues, 'issue', 'issues')
      : plural(t.rows, 'row', 'rows');
  return t.drugs === undefined ? amount : `${amount} on ${plural(t.drugs, 'drug', 'drugs')}`;
}

/** One line of the unfunded part: "Shared care with …: 84 patients on 11 drugs". */
export function unfundedSentence(
  line: UnfundedLine,
  measures: WorkloadSummary['measures'],
): string {
  return `${line.label}: ${describeTally(line, measures)}`;
}

/** The summary as plain text, for Copy: totals and medicine names only. */
export function summaryText(s: WorkloadSummary): string {
  const lines: string[] = ['Practice workload summary', ''];
  if (s.period) lines.push(`Issues from ${s.period.from} to ${s.period.to}`);
  lines.push(
    `Rows read: ${s.rowsRead.toLocaleString('en-GB')}; flagged: ${s.rowsFlagged.toLocaleString('en-GB')}`,
    '',
    'Unfunded work',
  );
  if (s.unfunded.length === 0) lines.push('- None found');
  for (const u of s.unfunded) lines.push(`- ${unfundedSentence(u, s.measures)}`);
  lines.push('', 'By category');
  for (const c of s.byCategory) lines.push(`- ${c.label}: ${describeTally(c, s.measures)}`);
  if (s.byService) {
    lines.push('', 'By local service');
    for (const v of s.byService)
      lines.push(
        `- ${v.name} (${v.commissioned ? 'commissioned' : 'not commissioned'}): ${describeTally(v, s.measures)}`,
      );
  }
  lines.push('', 'By medicine');
  for (const r of s.byRule) lines.push(`- ${r.drug}: ${describeTally(r, s.measures)}`);
  if (s.possible.length > 0) {
    lines.push('', 'Possible matches (not counted above)');
    for (const p of s.possible)
      lines.push(
        `- ${p.name} (perhaps ${p.perhaps.join(' or ')}): ${describeTally(p, s.measures)}`,
      );
  }
  // Every unmatched name, however many: the page shows the first few and points here for the rest.
  lines.push('', `Names that matched no rule (${s.unmatched.length.toLocaleString('en-GB')})`);
  for (const u of s.unmatched) lines.push(`- ${u.name}: ${describeTally(u, s.measures)}`);
  return lines.join('\n');
}

/**
 * The commissioner-notice letter's {{drug}} blank from the totals: the unfunded medicines and the
 * amount of work, never a patient row. "the following medicines (84 patients on 11 drugs): …".
 */
export function noticeDrugText(s: WorkloadSummary): string {
  const unfundedIds = new Set<string>();
  const total: Tally & { drugs: number } = { drugs: 0, ...emptyTally() };
  for (const u of s.unfunded) {
    add(total, u.rows, u.patients, u.issues);
    total.drugs += u.drugs;
    for (const id of u.ruleIds) unfundedIds.add(id);
  }
  const names = s.byRule.filter((r) => unfundedIds.has(r.ruleId)).map((r) => r.drug);
  if (names.length === 0) return 'the medicines listed';
  const period = s.period ? ` between ${s.period.from} and ${s.period.to}` : '';
  return `the following medicines (${describeTally(total, s.measures)}${period}): ${names.join(', ')}`;
}

/** The letter the notice is filled into: the packs' "notice to commissioner" letter. */
export const NOTICE_LETTER_ID = 'notice-to-commissioner';

/**
 * The commissioner-notice letter with its blanks filled from the totals (never from a row): the
 * pack in force supplies the wording and sources, the summary the medicines and the amount of work.
 * Blanks only the practice can fill (the notice date) are left as the template wrote them. Null
 * when no pack in force has the letter, or nothing unfunded was found.
 */
export function workloadNoticeLetter(
  effective: EffectiveRuleSet,
  summary: WorkloadSummary,
  today: Date,
): string | null {
  if (summary.unfunded.length === 0) return null;
  for (const { categoryText, pack } of effective.rules.values()) {
    const letter = categoryText['no-commissioned-service']?.letters?.find(
      (l) => l.id === NOTICE_LETTER_ID,
    );
    if (!letter) continue;
    return fillLetter(letter.body, {
      drug: noticeDrugText(summary),
      category: CATEGORY_LABELS['no-commissioned-service'],
      position: '',
      sources: formatSources(letter.sources ?? []),
      pack: `${pack.name} ${pack.packVersion}`,
      date: formatDay(today),
      commissioner: COMMISSIONER_LABELS.icb,
    });
  }
  return null;
}

/**
 * The services the packs in force define, as the workload summary counts them: each with the
 * medicines it covers and whether this practice provides it (its profile). Null when the profile
 * is not set: the summary then says "no signed agreement recorded here" instead of guessing.
 */
export function workloadServices(
  effective: EffectiveRuleSet,
  profile: PracticeProfile | undefined,
): WorkloadService[] | null {
  if (!profile) return null;
  const rules = [...effective.rules.values()].map((r) => r.rule);
  return [...effective.services.values()].map(({ item }) => ({
    id: item.id,
    name: item.name,
    commissioned: profile.services.includes(item.id),
    ruleIds: rules.filter((rule) => coverage(item.covers, rule) > 0).map((rule) => rule.id),
  }));
}
