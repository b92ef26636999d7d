/**
 * The mapping an admin builds on screen (issue #20): which column holds what, and what each status
 * value found in the list means. Pure helpers between a list's rows and a `RagMapping`: find the
 * columns and the distinct status values, start from a preset (a shipped or saved mapping), and
 * turn the admin's choices back into the mapping JSON the CLI takes. No engine, no DOM, so the
 * options components can use them directly.
 */
import { CATEGORIES, type Category } from '../schema/rule-pack';
import { cleanCell } from './drug-cell';
import { statusKey, type RagMapping, type RagService, type RagStatus } from './mapping';

/** What one status value means: a category to flag, switch the national flag off, or skip. */
export type StatusAction = Category | 'disable' | 'skip' | '';

/** Columns by header name; '' means "none" (only `drug` and `status` are required). */
export interface DraftColumns {
  readonly drug: string;
  readonly status: string;
  readonly form: string;
  readonly brands: string;
  readonly notes: string;
  readonly link: string;
  /** The local service a row is prescribed under (#19). */
  readonly service: string;
}

/** One value of the service column and the service of the packs in force it means ('' = none). */
export interface DraftService {
  readonly label: string;
  readonly count: number;
  readonly service: string;
}

/** A service the admin can link a value to. */
export interface ServiceOption {
  readonly id: string;
  readonly name: string;
}

export interface DraftStatus {
  /** The value as first written in the list, e.g. "Amber SCP". */
  readonly label: string;
  /** How many rows have it. */
  readonly count: number;
  /** '' until the admin (or a preset) decides. */
  readonly action: StatusAction;
}

export interface MappingDraft {
  readonly columns: DraftColumns;
  readonly statuses: readonly DraftStatus[];
  /** Values of the service column, each linked to a service or to none; empty without the column. */
  readonly services: readonly DraftService[];
  /** The preset the draft started from: its wording per category, its source and pack details. */
  readonly base: RagMapping | null;
}

export const NO_COLUMNS: DraftColumns = {
  drug: '',
  status: '',
  form: '',
  brands: '',
  notes: '',
  link: '',
  service: '',
};

const headerKey = (name: string) => cleanCell(name).toLowerCase();

/**
 * Header names that usually hold each field in ICB exports (netFormulary, APC spreadsheets,
 * Pan Mersey, LLR). First match wins, so more specific names come first.
 */
const COLUMN_GUESSES: Readonly<Record<keyof DraftColumns, readonly string[]>> = {
  drug: [
    'drug',
    'drug name',
    'medicine',
    'medicine name',
    'name',
    'generic name',
    'product',
    'item',
  ],
  status: [
    'status',
    'traffic light',
    'traffic light status',
    'rag',
    'rag status',
    'rag rating',
    'formulary status',
    'colour',
    'classification',
  ],
  form: ['formulation', 'form', 'dosage form', 'route', 'preparation'],
  brands: ['brand', 'brands', 'brand name', 'brand names', 'proprietary name'],
  notes: ['notes', 'comments', 'comment', 'note', 'restrictions', 'indication', 'details'],
  link: ['link', 'url', 'web link', 'hyperlink', 'more information'],
  service: [
    'local service',
    'service',
    'commissioned service',
    'enhanced service',
    'les',
    'shared care service',
  ],
};

/** Each field's likeliest column in `header`, or '' where none fits. */
export function guessColumns(header: readonly string[]): DraftColumns {
  const keys = header.map(headerKey);
  const pick = (field: keyof DraftColumns): string => {
    for (const guess of COLUMN_GUESSES[field]) {
      const at = keys.indexOf(guess);
      if (at >= 0) return header[at] ?? '';
    }
    return '';
  };
  return {
    drug: pick('drug'),
    status: pick('status'),
    form: pick('form'),
    brands: pick('brands'),
    notes: pick('notes'),
    link: pick('link'),
    service: pick('service'),
  };
}

/** Distinct values of `column` below the header, first spelling kept, in order of first use. */
export function distinctValues(
  rows: readonly (readonly string[])[],
  header: readonly string[],
  column: string,
): { label: string; count: number }[] {
  const at = header.map(headerKey).indexOf(headerKey(column));
  if (column === '' || at < 0) return [];
  const found = new Map<string, { label: string; count: number }>();
  for (const row of rows.slice(1)) {
    const label = cleanCell(row[at] ?? '');
    const key = statusKey(label);
    if (key === '') continue;
    const seen = found.get(key);
    if (seen) seen.count++;
    else found.set(key, { label, count: 1 });
  }
  return [...found.values()];
}

/**
 * A first guess at what a colour means, by the usual APC meanings (docs/rule-pack.md §8.3); shown
 * as a choice the admin confirms, never applied without the preview. Unknown words stay undecided.
 */
export function guessAction(label: string): StatusAction {
  const words = label.toLowerCase();
  const has = (w: string) => words.split(/[^a-z0-9]+/).includes(w);
  if (has('red') || has('black') || has('grey') || has('gray') || words.includes('hospital only'))
    return 'no-commissioned-service';
  if (has('purple') || words.includes('initiat')) return 'specialist-initiation';
  if (has('amber')) return 'shared-care';
  if (has('green')) return 'skip';
  return '';
}

function actionOf(status: RagStatus): StatusAction {
  if (status.category) return status.category;
  if (status.disable !== undefined) return 'disable';
  return 'skip';
}

function firstColumn(value: string | readonly string[] | undefined): string {
  return typeof value === 'string' ? value : (value?.[0] ?? '');
}

/**
 * A draft for a list with this header and these status values, from a preset mapping (or none):
 * the preset's columns where the header has them, else a guess; each value's meaning from the
 * preset where it lists the value, else a guess.
 */
export function draftFor(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  preset: RagMapping | null,
  choices: readonly ServiceOption[] = [],
): MappingDraft {
  const guessed = guessColumns(header);
  const keys = new Set(header.map(headerKey));
  const fromPreset = (field: keyof DraftColumns): string => {
    const wanted = firstColumn(preset?.columns[field]);
    if (wanted !== '' && keys.has(headerKey(wanted))) {
      return header.find((h) => headerKey(h) === headerKey(wanted)) ?? '';
    }
    return guessed[field];
  };
  const columns: DraftColumns = {
    drug: fromPreset('drug'),
    status: fromPreset('status'),
    form: fromPreset('form'),
    brands: fromPreset('brands'),
    notes: fromPreset('notes'),
    link: fromPreset('link'),
    service: fromPreset('service'),
  };
  return {
    columns,
    statuses: statusesFor(rows, header, columns.status, preset, []),
    services: servicesFor(rows, header, columns.service, preset, [], choices),
    base: preset,
  };
}

/**
 * The service column's values with the service each means: kept from `previous`, else the
 * preset's, else the service whose id or name the value spells (as the converter reads it), else
 * none.
 */
export function servicesFor(
  rows: readonly (readonly string[])[],
  header: readonly string[],
  column: string,
  preset: RagMapping | null,
  previous: readonly DraftService[],
  choices: readonly ServiceOption[],
): DraftService[] {
  const byKey = new Map<string, string>();
  for (const c of choices) {
    byKey.set(statusKey(c.id), c.id);
    byKey.set(statusKey(c.name), c.id);
  }
  for (const m of preset?.services ?? [])
    for (const l of m.labels) byKey.set(statusKey(l), m.service);
  const before = new Map(previous.map((s) => [statusKey(s.label), s.service]));
  return distinctValues(rows, header, column).map(({ label, count }) => ({
    label,
    count,
    service: before.get(statusKey(label)) ?? byKey.get(statusKey(label)) ?? '',
  }));
}

/** The status values of `column` with their meanings: kept from `previous`, else preset, else guess. */
export function statusesFor(
  rows: readonly (readonly string[])[],
  header: readonly string[],
  column: string,
  preset: RagMapping | null,
  previous: readonly DraftStatus[],
): DraftStatus[] {
  const byKey = new Map<string, StatusAction>();
  for (const s of preset?.statuses ?? []) {
    for (const l of s.labels) byKey.set(statusKey(l), actionOf(s));
  }
  const before = new Map(previous.map((s) => [statusKey(s.label), s.action]));
  return distinctValues(rows, header, column).map(({ label, count }) => ({
    label,
    count,
    action: before.get(statusKey(label)) ?? byKey.get(statusKey(label)) ?? guessAction(label),
  }));
}

/** Values still waiting for a meaning; the mapping cannot be used until there are none. */
export function undecided(draft: MappingDraft): string[] {
  return draft.statuses.filter((s) => s.action === '').map((s) => s.label);
}

/**
 * The draft as the mapping JSON the CLI takes (`npm run import-rag -- --map …`). Each value keeps
 * the preset's wording for its category where the preset has one.
 */
export function draftToMapping(draft: MappingDraft): RagMapping {
  const { columns: c, base } = draft;
  const wording = (category: Category) => {
    const s = base?.statuses.find((x) => x.category === category);
    return {
      ...(s?.position ? { position: s.position } : {}),
      ...(s?.advice ? { advice: s.advice } : {}),
    };
  };
  const statuses: RagStatus[] = draft.statuses.flatMap((s): RagStatus[] => {
    if (s.action === '') return [];
    if (s.action === 'skip') {
      return [
        { labels: [s.label], skip: `${s.label}: not flagged (chosen when the list was mapped)` },
      ];
    }
    if (s.action === 'disable') {
      return [
        {
          labels: [s.label],
          disable: `${s.label} on the local formulary: GPs may prescribe it, so the national flag is switched off`,
        },
      ];
    }
    return [{ labels: [s.label], category: s.action, ...wording(s.action) }];
  });
  const opt = (value: string) => (value === '' ? undefined : value);
  const services: RagService[] =
    c.service === ''
      ? []
      : draft.services.flatMap((x) =>
          x.service === '' ? [] : [{ labels: [x.label], service: x.service }],
        );
  return {
    ...(base?.description ? { description: base.description } : {}),
    columns: {
      drug: c.drug,
      status: c.status,
      ...(opt(c.form) ? { form: c.form } : {}),
      ...(opt(c.brands) ? { brands: c.brands } : {}),
      ...(opt(c.notes) ? { notes: c.notes } : {}),
      ...(opt(c.link) ? { link: c.link } : {}),
      ...(opt(c.service) ? { service: c.service } : {}),
    },
    statuses,
    ...(services.length > 0 ? { services } : {}),
    ...(base?.source ? { source: base.source } : {}),
    ...(base?.pack ? { pack: base.pack } : {}),
  };
}

/** The choices offered for each status value, in the order shown. */
export const ACTION_CHOICES: readonly StatusAction[] = [...CATEGORIES, 'disable', 'skip'];
