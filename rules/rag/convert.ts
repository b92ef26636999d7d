/**
 * An ICB's traffic-light (RAG) formulary list → a local rule pack, plus a report of every row.
 *
 * Each row's drug text is read by the engine itself (`matchText` over the bundled rules), so a row
 * reaches the rule a GP's screen would reach: "Methotrexate (oral)", "Concerta XL" and
 * "methylphenidate hydrochloride" find the bundled methotrexate / methylphenidate rules, and
 * "Methotrexate injection" finds the injection rule by its form words. A matched row keeps the
 * bundled rule's id (so the local rule replaces it), its names, forms and sources; other rows become
 * new rules. Anything the converter cannot decide safely (no status, an unknown status, a name two
 * bundled rules claim, rows that disagree) is left out and listed with its row numbers: the
 * national rule then still applies, and nothing disappears without a line in the report.
 *
 * Pure: no DOM, no browser, no file system. The CLI (scripts/import-rag.ts) and, later, the options
 * page call `convertRagCsv` with the file's bytes.
 */
import { formatIssue, type PackIssue } from '../loader/issues';
import { validatePack } from '../loader/validate';
import {
  isSafeHttpsUrl,
  type Category,
  type Rule,
  type RulePack,
  type Service,
  type Source,
} from '../schema/rule-pack';
import type { CsvDelimiter, CsvEncoding } from './csv';
import { cleanCell, cleanName, parseDrugCell, slugify, splitBrands } from './drug-cell';
import {
  statusKey,
  type RagMapping,
  type RagPackMeta,
  type RagSource,
  type RagStatus,
} from './mapping';
import { indexBundled, nameKey, resolveTarget, type BundledIndex, type Target } from './resolve';
import { readTable, type SheetRows, type Table } from './table';

/** Details that override the mapping file's (the CLI's flags; the options page's form). */
export interface ConvertOptions {
  /** Today's date (YYYY-MM-DD): the default publish date and rules' lastReviewed. Tests pin it. */
  readonly today?: string;
  readonly pack?: RagPackMeta;
  readonly source?: Partial<RagSource>;
}

export type ProblemKind =
  | 'missing-drug'
  | 'blank-status'
  | 'unknown-status'
  | 'ambiguous'
  | 'conflict'
  | 'duplicate'
  | 'possible-misspelling'
  | 'link-not-https'
  | 'extra-cells'
  | 'name-conflict'
  | 'too-long'
  | 'unknown-service';

/** Something in one or more rows for the admin to look at, and what the converter did about it. */
export interface RowProblem {
  readonly kind: ProblemKind;
  /** Spreadsheet row numbers (the header is row 1). */
  readonly rows: readonly number[];
  /** A sentence for the admin: what is wrong and what to do. */
  readonly message: string;
  /** `left-out`: no rule came from these rows; `merged`: they became one rule; `converted`: check the rule. */
  readonly outcome: 'left-out' | 'merged' | 'converted';
}

/** One rule in the output pack and the rows it came from. */
export interface RuleOutcome {
  readonly ruleId: string;
  readonly drug: string;
  readonly rows: readonly number[];
  /** The local status as first written, e.g. "Amber SCP". */
  readonly status: string;
  readonly categories: readonly Category[];
  readonly forms?: readonly string[];
  /** Names from the list that the bundled rule did not have (for a new rule: all of its names). */
  readonly addedNames: readonly string[];
}

/** A row whose status is not flagged (e.g. green), and any bundled rule that still flags the medicine. */
export interface SkippedRow {
  readonly row: number;
  readonly drug: string;
  readonly status: string;
  readonly reason: string;
  readonly bundledRuleId?: string;
  readonly bundledCategories?: readonly Category[];
}

/**
 * A row whose status switches the national flag off (mapping `disable`): the ICB says GPs prescribe
 * it, so the national rule is switched off in the pack, with the reason shown on the options page.
 */
export interface SwitchedOffRow {
  readonly row: number;
  readonly drug: string;
  readonly status: string;
  readonly reason: string;
  readonly ruleId: string;
  /** The national rule's drug and categories, as a GP saw them before. */
  readonly ruleDrug: string;
  readonly categories: readonly Category[];
}

/** A service of the packs in force, linked to the list's flagged rows by its service column. */
export interface ServiceLink {
  readonly id: string;
  readonly name: string;
  /** Rule ids the pack's copy of the service covers, sorted. */
  readonly rules: readonly string[];
  readonly rows: readonly number[];
}

export interface RagReport {
  /** How the bytes were read; `text` when the caller passed a string, `xlsx` for a worksheet. */
  readonly encoding: CsvEncoding | 'text' | 'xlsx' | null;
  readonly delimiter: CsvDelimiter | null;
  /** Non-blank rows after the header. */
  readonly dataRows: number;
  readonly blankRows: number;
  /** Local rules that replace bundled rules (same id). */
  readonly overridden: readonly RuleOutcome[];
  /** Local rules for medicines the bundled pack does not list. */
  readonly created: readonly RuleOutcome[];
  readonly skipped: readonly SkippedRow[];
  /** Rows whose national rule the pack switches off. */
  readonly switchedOff: readonly SwitchedOffRow[];
  /** Services whose drug list the pack sets from the service column (#19), with the rows. */
  readonly services: readonly ServiceLink[];
  readonly problems: readonly RowProblem[];
  /** Worth reading, but the pack is usable: encoding guesses, validator warnings. */
  readonly warnings: readonly string[];
  /** Why there is no pack: an unreadable file, a missing column, missing pack details. */
  readonly errors: readonly string[];
}

export interface RagConversion {
  /** The local pack, validated; null when `report.errors` is not empty. */
  readonly pack: RulePack | null;
  readonly report: RagReport;
}

const EMPTY_REPORT: RagReport = {
  encoding: null,
  delimiter: null,
  dataRows: 0,
  blankRows: 0,
  overridden: [],
  created: [],
  skipped: [],
  switchedOff: [],
  services: [],
  problems: [],
  warnings: [],
  errors: [],
};

/** Bounds of the pack schema (rule-pack.ts) that list text can exceed. */
const MAX_NAME = 200;
const MAX_TEXT = 4000;

/** One usable row: a known status and the rule it means. */
interface Reading {
  readonly row: number;
  readonly drugText: string;
  readonly statusLabel: string;
  readonly statusIndex: number;
  readonly status: RagStatus;
  /** null: a skipped row that names no single rule (nothing to override, nothing to report). */
  readonly target: Target | null;
  /** Brands from the brand columns and from brackets in the drug cell. */
  readonly brands: readonly string[];
  readonly notes: readonly string[];
  readonly hasQualifier: boolean;
  readonly link: string;
  /** The service column's value, cleaned; '' where there is none. */
  readonly service: string;
}

function listRows(rows: readonly number[]): string {
  return rows.length === 1 ? `row ${rows[0]}` : `rows ${rows.join(', ')}`;
}

function quoteList(items: readonly string[]): string {
  return items.map((i) => `"${i}"`).join(', ');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Reads each record: status, drug and the rule it means; problems for the rows it cannot use. */
function readRows(table: Table, mapping: RagMapping, index: BundledIndex, problems: RowProblem[]) {
  const { header, columns: cols } = table;
  const statusByKey = new Map<string, number>();
  mapping.statuses.forEach((s, i) => s.labels.forEach((l) => statusByKey.set(statusKey(l), i)));
  const labels = mapping.statuses.flatMap((s) => s.labels);
  const known = labels.length > 12 ? `${quoteList(labels.slice(0, 12))}, …` : quoteList(labels);
  const readings: Reading[] = [];
  let dataRows = 0;
  let blankRows = 0;

  for (const record of table.records) {
    const cell = (i: number | null) => (i === null ? '' : cleanCell(record.cells[i] ?? ''));
    if (record.cells.every((c) => cleanCell(c) === '')) {
      blankRows++;
      continue;
    }
    dataRows++;
    const row = record.row;
    const drugText = cleanName(record.cells[cols.drug] ?? '');
    const statusLabel = cell(cols.status);
    const extra = record.cells
      .slice(header.length)
      .map(cleanCell)
      .filter((c) => c !== '');
    // Even empty extra cells mean the row does not line up with the header.
    const misaligned =
      record.cells.length > header.length
        ? ` The row has ${record.cells.length} cells but the header has ${header.length}: is there a comma inside a cell that is not in quotes?`
        : '';
    const leftOut = (kind: ProblemKind, message: string) =>
      problems.push({ kind, rows: [row], message, outcome: 'left-out' });

    if (drugText === '') {
      leftOut(
        'missing-drug',
        `Row ${row} has status "${statusLabel}" but no drug name; fill in the drug or delete the row.`,
      );
      continue;
    }
    if (statusLabel === '') {
      leftOut(
        'blank-status',
        `"${drugText}" has no status; give it one (or delete the row).${misaligned}`,
      );
      continue;
    }
    const statusIndex = statusByKey.get(statusKey(statusLabel));
    const status = statusIndex === undefined ? undefined : mapping.statuses[statusIndex];
    if (statusIndex === undefined || !status) {
      leftOut(
        'unknown-status',
        `"${drugText}" has status "${statusLabel}", which the mapping does not list (it knows ${known}); add the label to a status in the mapping or correct the row.${misaligned}`,
      );
      continue;
    }
    if (extra.length > 0) {
      problems.push({
        kind: 'extra-cells',
        rows: [row],
        message: `"${drugText}":${misaligned} The extra cells (${quoteList(extra)}) were ignored; check the row.`,
        outcome: 'converted',
      });
    }

    const parsed = parseDrugCell(drugText, index.formTokens);
    const columnBrands = cols.brands.flatMap((i) => splitBrands(record.cells[i] ?? ''));
    const generic = parsed.generic || parsed.brands[0] || columnBrands[0] || '';
    const resolution = resolveTarget(index, {
      drug: drugText,
      form: cell(cols.form),
      brands: columnBrands,
      generic,
    });
    const isFlag = status.category !== undefined;
    const base = { row, drugText, statusLabel, statusIndex, status };
    if (!resolution.ok) {
      // A green row that names no single rule changes nothing: it is only listed as skipped.
      if (isFlag) leftOut('ambiguous', `"${drugText}": ${resolution.message}.`);
      else
        readings.push({
          ...base,
          target: null,
          brands: [],
          notes: [],
          hasQualifier: false,
          link: '',
          service: '',
        });
      continue;
    }
    if (resolution.target.kind === 'new' && resolution.target.key === '') {
      leftOut(
        'missing-drug',
        `"${drugText}" has no medicine name once strengths, forms and brackets are set aside; write the drug's name in the drug cell.`,
      );
      continue;
    }
    if (resolution.lookalike && isFlag) {
      const { shown, rule } = resolution.lookalike;
      problems.push({
        kind: 'possible-misspelling',
        rows: [row],
        message: `"${shown}" is not a bundled name but looks like "${rule.drug}" (rule ${rule.id}); it became a new rule. If it is a misspelling, correct the row and convert again.`,
        outcome: 'converted',
      });
    }
    readings.push({
      ...base,
      target: resolution.target,
      brands: [...parsed.brands, ...columnBrands],
      notes: cols.notes.map(cell).filter((n) => n !== ''),
      hasQualifier: parsed.qualifiers.length > 0,
      link: cell(cols.link),
      service: cell(cols.service),
    });
  }
  return { readings, dataRows, blankRows };
}

function targetKey(target: Target): string {
  return target.kind === 'bundled' ? `bundled:${target.rule.id}` : `new:${target.key}`;
}

/**
 * Rows meaning the same rule become one rule when they agree (reported as merged) and none when they
 * disagree (reported; the bundled rule, if any, then still applies). Skipped rows are listed.
 */
function groupRows(readings: readonly Reading[], problems: RowProblem[]) {
  const groups = new Map<string, Reading[]>();
  for (const [i, r] of readings.entries()) {
    const key = r.target ? targetKey(r.target) : `unresolved:${i}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const skipped: SkippedRow[] = [];
  const switchedOff: SwitchedOffRow[] = [];
  const flagged: Reading[][] = [];
  for (const group of groups.values()) {
    const [first] = group;
    if (!first) continue;
    const rows = group.map((r) => r.row);
    const labels = [...new Set(group.map((r) => r.statusLabel))];
    const target = first.target;
    const what =
      target?.kind === 'bundled'
        ? `bundled rule ${target.rule.id} (${target.rule.drug})`
        : `"${target?.generic ?? first.drugText}"`;
    if (new Set(group.map((r) => r.statusIndex)).size > 1) {
      const still = target?.kind === 'bundled' ? '; the bundled rule still applies' : '';
      const indication = group.some((r) => r.hasQualifier)
        ? ' A screen cannot see indications or ages, so choose the status a GP should be shown.'
        : '';
      problems.push({
        kind: 'conflict',
        rows,
        message: `${listRows(rows)} give ${what} different statuses (${quoteList(labels)}), so no rule was made from them${still}. Give the rows one status: one rule covers every form they name, so a screen would show the same flag for each.${indication}`,
        outcome: 'left-out',
      });
      continue;
    }
    const { disable } = first.status;
    const national = target?.kind === 'bundled' ? target.rule : undefined;
    // A traffic light says who prescribes, not whether a medicine causes dependence, so a national
    // dependence-forming flag is never switched off by one; the row is listed as not flagged.
    const keepsDependence = national?.categories.includes('dependence-forming') ?? false;
    if (disable !== undefined && national && !keepsDependence) {
      for (const r of group) {
        switchedOff.push({
          row: r.row,
          drug: r.drugText,
          status: r.statusLabel,
          reason: disable,
          ruleId: national.id,
          ruleDrug: national.drug,
          categories: national.categories,
        });
      }
      continue;
    }
    if (first.status.category === undefined) {
      const reason =
        disable === undefined
          ? (first.status.skip ?? '')
          : national
            ? `${disable}; a traffic light does not change whether a medicine is dependence-forming, so the national flag stays`
            : `${disable}; no single national rule flags it, so there is nothing to switch off`;
      for (const r of group) {
        const rule = r.target?.kind === 'bundled' ? r.target.rule : undefined;
        skipped.push({
          row: r.row,
          drug: r.drugText,
          status: r.statusLabel,
          reason,
          ...(rule ? { bundledRuleId: rule.id, bundledCategories: rule.categories } : {}),
        });
      }
      continue;
    }
    if (group.length > 1) {
      problems.push({
        kind: 'duplicate',
        rows,
        message: `${listRows(rows)} ${rows.length === 2 ? 'both' : 'all'} list ${what} as ${quoteList(labels)}; merged into one rule.`,
        outcome: 'merged',
      });
    }
    flagged.push(group);
  }
  return { flagged, skipped, switchedOff };
}

/** A form's empty fields must not blank out what the mapping file says. */
function defined<T extends object>(values: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(values ?? {}).filter(([, v]) => v !== undefined && v !== ''),
  ) as Partial<T>;
}

/** The pack's details and the formulary the rules cite, with a sentence for each one missing. */
function packDetails(mapping: RagMapping, options: ConvertOptions, today: string) {
  const meta = { ...mapping.pack, ...defined(options.pack) };
  const src = { ...mapping.source, ...defined(options.source) };
  const errors: string[] = [];
  const need = (value: string | undefined, what: string, flag: string): string => {
    if (value !== undefined && value.trim() !== '') return value;
    errors.push(`No ${what}: set it in the mapping file or pass ${flag}`);
    return '';
  };
  const publisher = need(meta.publisher, 'pack publisher (pack.publisher)', '--publisher');
  const details = {
    packId: need(meta.packId, 'pack id (pack.packId)', '--pack-id'),
    name: need(meta.name, 'pack name (pack.name)', '--name'),
    publisher,
    licence: need(meta.licence, 'pack licence (pack.licence)', '--licence'),
    publishedAt: meta.publishedAt ?? today,
    description: meta.description,
    source: {
      title: need(
        src.title,
        'formulary name for the rules to cite (source.title)',
        '--source-title',
      ),
      url: need(
        src.url,
        'https link to the formulary for the rules to cite (source.url)',
        '--source-url',
      ),
      publisher: src.publisher ?? publisher,
      date: src.date,
    },
  };
  if (details.source.url !== '' && !isSafeHttpsUrl(details.source.url)) {
    errors.push(`The formulary link "${details.source.url}" (source.url) must be an https:// link`);
  }
  // A year is the usual APC review cycle; 29 February has no anniversary.
  const [y, m, d] = details.publishedAt.split('-');
  const reviewBy = meta.reviewBy ?? `${Number(y) + 1}-${m}-${m === '02' && d === '29' ? '28' : d}`;
  const packVersion = meta.packVersion ?? details.publishedAt.replaceAll('-', '.');
  return { ...details, reviewBy, packVersion, errors };
}

type Details = ReturnType<typeof packDetails>;

interface Built {
  rule: Rule;
  outcome: RuleOutcome;
  /** Keys of the names this list added (the ones that give way in a clash). */
  readonly added: ReadonlySet<string>;
  readonly isOverride: boolean;
}

/** One rule from a group of agreeing rows. */
function buildRule(
  group: readonly Reading[],
  category: Category,
  id: string,
  details: Details,
  problems: RowProblem[],
): Built | null {
  const [first] = group;
  const target = first?.target;
  if (!first || !target) return null;
  const rows = group.map((r) => r.row);
  const base = target.kind === 'bundled' ? target.rule : undefined;

  const names: string[] = [];
  const keys = new Set<string>();
  const added: string[] = [];
  const addName = (raw: string, isAdded: boolean) => {
    const name = cleanName(raw);
    const key = nameKey(name);
    if (key === '' || keys.has(key)) return;
    if (name.length > MAX_NAME) {
      problems.push({
        kind: 'too-long',
        rows,
        message: `The name "${truncate(name, 60)}" is longer than ${MAX_NAME} characters, so it was left off rule ${id}.`,
        outcome: 'converted',
      });
      return;
    }
    keys.add(key);
    names.push(name);
    if (isAdded) added.push(name);
  };
  for (const n of base?.names ?? []) addName(n, false);
  for (const r of group) if (r.target?.kind === 'new') addName(r.target.generic, true);
  for (const r of group) for (const b of r.brands) addName(b, true);

  const categories: Category[] = [category];
  // A traffic light says who prescribes, not whether a medicine causes dependence: keep that flag.
  if (base?.categories.includes('dependence-forming') && category !== 'dependence-forming') {
    categories.push('dependence-forming');
  }

  const drug = truncate(
    base?.drug ?? (target.kind === 'new' ? target.generic : first.drugText),
    MAX_NAME,
  );
  const { source } = details;
  const cite = (url: string, title: string): Source => ({
    title: truncate(title, MAX_NAME),
    publisher: source.publisher,
    ...(source.date ? { date: source.date } : {}),
    url,
  });
  const sources: Source[] = [];
  for (const r of group) {
    if (r.link === '') continue;
    if (!isSafeHttpsUrl(r.link)) {
      problems.push({
        kind: 'link-not-https',
        rows: [r.row],
        message: `The link "${truncate(r.link, 80)}" for "${r.drugText}" is not an https:// link, so the rule cites ${source.url || 'the formulary'} instead.`,
        outcome: 'converted',
      });
    } else if (!sources.some((s) => s.url === r.link)) {
      sources.push(cite(r.link, `${source.title}: ${drug}`));
    }
  }
  if (sources.length === 0) sources.push(cite(source.url, source.title));
  for (const s of base?.sources ?? []) {
    if (!sources.some((x) => x.url === s.url && x.title === s.title)) sources.push(s);
  }

  // The local label goes first so a GP sees the list's own word ("Amber 2") in the popover.
  const noteParts = [`${source.title} status: ${first.statusLabel}.`];
  const listedAs = [...new Set(group.filter((r) => r.hasQualifier).map((r) => r.drugText))];
  if (listedAs.length > 0) noteParts.push(`Listed as ${quoteList(listedAs)}.`);
  for (const n of new Set(group.flatMap((r) => r.notes)))
    noteParts.push(/[.!?]$/.test(n) ? n : `${n}.`);
  let notes = noteParts.join(' ');
  if (notes.length > MAX_TEXT) {
    problems.push({
      kind: 'too-long',
      rows,
      message: `The notes for rule ${id} are longer than ${MAX_TEXT} characters and were cut short.`,
      outcome: 'converted',
    });
    notes = truncate(notes, MAX_TEXT);
  }

  const { position, advice } = first.status;
  const rule: Rule = {
    id,
    drug,
    names,
    ...(base?.forms ? { forms: base.forms } : {}),
    categories,
    ...(position ? { position } : {}),
    ...(advice ? { advice } : {}),
    notes,
    sources,
    lastReviewed: details.publishedAt,
  };
  return {
    rule,
    isOverride: base !== undefined,
    added: new Set(added.map(nameKey)),
    outcome: {
      ruleId: id,
      drug,
      rows,
      status: first.statusLabel,
      categories,
      ...(base?.forms ? { forms: base.forms } : {}),
      addedNames: added,
    },
  };
}

/** Id for a new rule: from its name, never a bundled id (that would override an unrelated rule). */
function newRuleId(generic: string, row: number, taken: Set<string>): string {
  const stem = slugify(generic) || `row-${row}`;
  let id = taken.has(stem) ? `${stem}-local` : stem;
  for (let k = 2; taken.has(id); k++) id = `${stem}-local-${k}`;
  taken.add(id);
  return id;
}

/**
 * A name two local rules list with different categories would fail validation. The later rule's
 * added name gives way, and the admin is told which.
 */
function settleNameClaims(built: Built[], problems: RowProblem[]): void {
  const claimed = new Map<string, { id: string; categories: string; hasForms: boolean }>();
  for (const b of built) {
    const categories = b.rule.categories.join(',');
    const hasForms = b.rule.forms !== undefined;
    const keep = b.rule.names.filter((n) => {
      const key = nameKey(n);
      const prior = claimed.get(key);
      if (!prior) {
        claimed.set(key, { id: b.rule.id, categories, hasForms });
        return true;
      }
      const clash =
        prior.id !== b.rule.id && prior.categories !== categories && !prior.hasForms && !hasForms;
      if (!clash || !b.added.has(key)) return true;
      problems.push({
        kind: 'name-conflict',
        rows: b.outcome.rows,
        message: `"${n}" is also a name of local rule ${prior.id}, which has a different status, so it was left off rule ${b.rule.id}; check which medicine it belongs to.`,
        outcome: 'converted',
      });
      return false;
    });
    if (keep.length !== b.rule.names.length) {
      b.rule = { ...b.rule, names: keep };
      b.outcome = {
        ...b.outcome,
        addedNames: b.outcome.addedNames.filter((n) => keep.includes(n)),
      };
    }
  }
}

/**
 * The service column's values → services of the packs in force (#19). A value is the service the
 * mapping's `services` names for it, else a service whose id or name it spells (case and
 * punctuation ignored). Each linked service is copied into the pack with the flagged rows' rules as
 * its whole drug list: the ICB's list is its specification's, so it replaces the national list.
 */
function linkServices(
  built: readonly Built[],
  readings: readonly Reading[],
  mapping: RagMapping,
  services: readonly Service[],
  problems: RowProblem[],
): { links: ServiceLink[]; packServices: Service[] } {
  const byLabel = new Map<string, string>();
  for (const m of mapping.services ?? [])
    for (const l of m.labels) byLabel.set(statusKey(l), m.service);
  const byId = new Map(services.map((x) => [x.id, x]));
  const byName = new Map(
    services.flatMap((x) => [
      [statusKey(x.id), x.id],
      [statusKey(x.name), x.id],
    ]),
  );
  const ruleOfRow = new Map<number, string>();
  for (const b of built) for (const row of b.outcome.rows) ruleOfRow.set(row, b.rule.id);
  const linked = new Map<string, { rules: Set<string>; rows: number[] }>();
  const unknown = new Map<string, number[]>();
  for (const r of readings) {
    const key = statusKey(r.service);
    const ruleId = ruleOfRow.get(r.row);
    if (key === '' || ruleId === undefined) continue;
    const id = byLabel.get(key) ?? byName.get(key);
    const service = id === undefined ? undefined : byId.get(id);
    if (!service) {
      unknown.set(r.service, [...(unknown.get(r.service) ?? []), r.row]);
      continue;
    }
    const entry = linked.get(service.id) ?? { rules: new Set<string>(), rows: [] };
    entry.rules.add(ruleId);
    entry.rows.push(r.row);
    linked.set(service.id, entry);
  }
  for (const [label, rows] of unknown) {
    const known = services.map((x) => `"${x.name}" (${x.id})`).join(', ');
    problems.push({
      kind: 'unknown-service',
      rows,
      message: `Service "${truncate(label, 80)}" is not a service of the packs in force (${known || 'none'}); the rule was converted without a service link. Map the value to a service id in the mapping's "services".`,
      outcome: 'converted',
    });
  }
  const links: ServiceLink[] = [];
  const packServices: Service[] = [];
  for (const [id, { rules, rows }] of linked) {
    const service = byId.get(id);
    if (!service) continue;
    const sorted = [...rules].sort();
    links.push({ id, name: service.name, rules: sorted, rows: [...rows].sort((a, b) => a - b) });
    packServices.push({ ...service, covers: { rules: sorted } });
  }
  links.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  packServices.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { links, packServices };
}

/**
 * Converts a traffic-light list. `input` is the file's bytes (UTF-8, Windows-1252 or UTF-16, as
 * exported) or its text; `bundled` is the validated national pack, whose rules matched rows replace.
 * The pack is validated by `validatePack` before it is returned.
 */
export function convertRagCsv(
  input: Uint8Array | string | SheetRows,
  mapping: RagMapping,
  bundled: RulePack,
  options: ConvertOptions = {},
): RagConversion {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const read = readTable(input, mapping);
  if (!read.ok) {
    const { encoding, delimiter, warnings, errors } = read;
    return { pack: null, report: { ...EMPTY_REPORT, encoding, delimiter, warnings, errors } };
  }
  const { table } = read;
  const index = indexBundled(bundled);
  const problems: RowProblem[] = [];
  const { readings, dataRows, blankRows } = readRows(table, mapping, index, problems);
  const { flagged, skipped, switchedOff } = groupRows(readings, problems);
  const details = packDetails(mapping, options, today);

  const taken = new Set(bundled.rules.map((r) => r.id));
  const built: Built[] = [];
  for (const group of flagged) {
    const [first] = group;
    const category = first?.status.category;
    if (!first?.target || !category) continue;
    const id =
      first.target.kind === 'bundled'
        ? first.target.rule.id
        : newRuleId(first.target.generic, first.row, taken);
    const b = buildRule(group, category, id, details, problems);
    if (b) built.push(b);
  }
  built.sort((a, b) => (a.outcome.rows[0] ?? 0) - (b.outcome.rows[0] ?? 0));
  settleNameClaims(built, problems);
  const { links, packServices } = linkServices(
    built,
    readings,
    mapping,
    bundled.services ?? [],
    problems,
  );

  problems.sort((a, b) => (a.rows[0] ?? 0) - (b.rows[0] ?? 0));
  skipped.sort((a, b) => a.row - b.row);
  switchedOff.sort((a, b) => a.row - b.row);
  const overridden = built.filter((b) => b.isOverride).map((b) => b.outcome);
  const created = built.filter((b) => !b.isOverride).map((b) => b.outcome);
  const report = {
    encoding: table.encoding,
    delimiter: table.delimiter,
    dataRows,
    blankRows,
    overridden,
    created,
    skipped,
    switchedOff,
    services: links,
    problems,
    warnings: table.warnings,
    errors: details.errors,
  };
  // One switch-off per national rule, however many rows name it; the reason cites the list.
  const disable: { ruleId: string; reason: string }[] = [];
  for (const off of switchedOff) {
    if (disable.some((d) => d.ruleId === off.ruleId)) continue;
    disable.push({
      ruleId: off.ruleId,
      reason: truncate(
        `${details.source.title || 'Local formulary'} status: ${off.status}. ${off.reason}`,
        MAX_TEXT,
      ),
    });
  }
  if (built.length === 0 && disable.length === 0) {
    // An empty pack would change nothing (and the validator refuses one): say why instead.
    const why =
      'No row became a rule: every row was skipped (not flagged) or left out; see the report';
    return { pack: null, report: { ...report, errors: [...details.errors, why] } };
  }
  if (details.errors.length > 0) return { pack: null, report };

  const pack: RulePack = {
    schemaVersion: 1,
    packId: details.packId,
    name: details.name,
    publisher: details.publisher,
    packVersion: details.packVersion,
    publishedAt: details.publishedAt,
    reviewBy: details.reviewBy,
    licence: details.licence,
    description: truncate(
      details.description ??
        `Local positions from ${details.source.title} (${details.source.url}), converted from its traffic-light list on ${today}: ${overridden.length} rules replace national rules${disable.length > 0 ? `, ${created.length} are new and ${disable.length} national rules are switched off` : ` and ${created.length} are new`}. Medicines the list does not flag keep the national pack's position.`,
      MAX_TEXT,
    ),
    // Sorted by id, as the bundled pack is, so a re-export diffs cleanly.
    rules: built.map((b) => b.rule).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    ...(disable.length > 0 ? { disable } : {}),
    ...(packServices.length > 0 ? { services: packServices } : {}),
  };
  const validated = validatePack(pack, { today });
  // The validator speaks in JSON paths; the admin works in rows of the list.
  const rowsById = new Map(built.map((b) => [b.rule.id, b.outcome.rows]));
  const locate = (issue: PackIssue): string => {
    const at = /^rules\[(\d+)\]/.exec(issue.path);
    const id = at ? pack.rules[Number(at[1])]?.id : undefined;
    const rows = id === undefined ? undefined : rowsById.get(id);
    return rows ? `${formatIssue(issue)} (rule ${id}, from ${listRows(rows)})` : formatIssue(issue);
  };
  if (!validated.ok) {
    const errors = validated.issues.filter((i) => i.severity === 'error').map(locate);
    return { pack: null, report: { ...report, errors } };
  }
  return {
    pack: validated.value,
    report: { ...report, warnings: [...table.warnings, ...validated.warnings.map(locate)] },
  };
}
