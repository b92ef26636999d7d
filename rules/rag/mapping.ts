/**
 * The mapping file: how one ICB's traffic-light (RAG) list is read. It names the CSV's columns, says
 * what each local status means for a GP practice (a category and its wording, or "not flagged"),
 * names the formulary every rule will cite, and may carry the pack's own details. One valibot schema
 * gives both the type and the validation, with every problem located by path (as the pack loader does),
 * so the options page can show them as it shows pack issues. Admins: see docs/rule-pack.md,
 * "Importing a traffic-light formulary".
 */
import * as v from 'valibot';
import { normalizeName } from '../engine';
import type { PackIssue, Result } from '../loader/issues';
import { CATEGORIES, RulePackSchema, SourceSchema } from '../schema/rule-pack';

const text = (what: string, max: number) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.trim(),
    v.minLength(1, `${what} must not be empty`),
    v.maxLength(max, `${what} is longer than ${max} characters`),
  );

const columnName = text('Column name', 200);
const columnNames = v.union(
  [columnName, v.pipe(v.array(columnName), v.minLength(1, 'List at least one column'))],
  'Must be a column name, or a list of column names',
);

/** Which CSV columns hold what. Names are matched to the header row ignoring case and spacing. */
export const RagColumnsSchema = v.strictObject({
  /** Drug (generic) name, e.g. "Drug" or "Drug name". May also hold brands and forms in brackets. */
  drug: columnName,
  /** Local status, e.g. "Traffic light" or "RAG status". */
  status: columnName,
  /** Brand names; one column or several. A cell may list brands joined by / ; , or "or". */
  brands: v.optional(columnNames),
  /** Comments carried into each rule's notes; one column or several. */
  notes: v.optional(columnNames),
  /** A per-row https link to the formulary entry, cited instead of the formulary's home page. */
  link: v.optional(columnName),
  /** Formulation or route, e.g. "Formulation": picks a form-specific bundled rule ("injection"). */
  form: v.optional(columnName),
  /**
   * The local service a row is prescribed under, e.g. "Shared care LES" or "DMARD monitoring"
   * (issue #19). Each value is linked to a service of the packs in force by `services`.
   */
  service: v.optional(columnName),
});

/**
 * What one value of the service column means: the id of a service the packs in force define
 * (e.g. "shared-care-les"). The pack gets that service with the flagged rows' rules as its drug
 * list, replacing the national service's list: the ICB's list is its specification's.
 */
export const RagServiceSchema = v.strictObject({
  /** Values as written in the list, e.g. ["Shared care LES", "LES"]. Case and punctuation are ignored. */
  labels: v.pipe(
    v.array(text('Service label', 200), 'labels must be a list'),
    v.minLength(1, 'labels must list at least one service label'),
  ),
  /** The service id, e.g. "shared-care-les". */
  service: v.pipe(
    v.string('service must be text'),
    v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'service must be a service id, e.g. "shared-care-les"'),
  ),
});

/**
 * What one local status means. Give exactly one of `category` (flag it), `skip` (do not flag it,
 * and leave any national flag alone) or `disable` (do not flag it, and switch the national flag off:
 * the ICB says primary care prescribes it, e.g. DOACs green on its formulary).
 */
export const RagStatusSchema = v.pipe(
  v.strictObject({
    /** Status labels as written in the list, e.g. ["Amber SCP", "Amber 2"]. Case and punctuation are ignored. */
    labels: v.pipe(
      v.array(text('Status label', 100), 'labels must be a list'),
      v.minLength(1, 'labels must list at least one status label'),
    ),
    /** Category rows with this status are flagged with. */
    category: v.optional(
      v.picklist(CATEGORIES, `category must be one of: ${CATEGORIES.join(', ')}`),
    ),
    /** Why rows with this status are not flagged, e.g. "Green: GP may initiate". Shown in the report. */
    skip: v.optional(text('skip reason', 200)),
    /**
     * Why the national rule for rows with this status is switched off, e.g. "Green on the ICB
     * formulary: GPs prescribe it". Becomes the pack's `disable` reason, shown on the options page.
     */
    disable: v.optional(text('disable reason', 200)),
    /** The local wording of the position, shown in the popover as the rule's contractual position. */
    position: v.optional(text('position', 4000)),
    /** What the GP should do instead, shown under "What to do". */
    advice: v.optional(text('advice', 4000)),
  }),
  v.check(
    (s) => [s.category, s.skip, s.disable].filter((x) => x !== undefined).length === 1,
    'Give exactly one of "category" (rows with this status are flagged), "skip" (they are not) or "disable" (they are not, and the national flag is switched off)',
  ),
  v.check(
    (s) => s.category !== undefined || (s.position === undefined && s.advice === undefined),
    'A status that is not flagged is never shown, so it takes no "position" or "advice"',
  ),
);

/** The local formulary every converted rule cites. `url` must be https. */
export const RagSourceSchema = v.partial(SourceSchema, ['publisher', 'url', 'date']);

/** Pack details; each may instead come from the command line (which wins). */
export const RagPackSchema = v.partial(
  v.pick(RulePackSchema, [
    'packId',
    'name',
    'publisher',
    'packVersion',
    'publishedAt',
    'reviewBy',
    'licence',
    'description',
  ]),
);

export const RagMappingSchema = v.strictObject({
  /** What list this mapping reads, for the person maintaining it. */
  description: v.optional(text('description', 4000)),
  /** Cell delimiter; "auto" (the default) reads it from the header row. */
  delimiter: v.optional(
    v.picklist([',', ';', '\t', 'auto'], 'delimiter must be ",", ";", "\\t" or "auto"'),
  ),
  columns: RagColumnsSchema,
  statuses: v.pipe(
    v.array(RagStatusSchema, 'statuses must be a list'),
    v.minLength(1, 'statuses must list at least one status'),
  ),
  /** What each value of the service column means (needed only with `columns.service`). */
  services: v.optional(v.array(RagServiceSchema, 'services must be a list')),
  source: v.optional(RagSourceSchema),
  pack: v.optional(RagPackSchema),
});

export type RagColumns = v.InferOutput<typeof RagColumnsSchema>;
export type RagStatus = v.InferOutput<typeof RagStatusSchema>;
export type RagService = v.InferOutput<typeof RagServiceSchema>;
export type RagSource = v.InferOutput<typeof RagSourceSchema>;
export type RagPackMeta = v.InferOutput<typeof RagPackSchema>;
export type RagMapping = v.InferOutput<typeof RagMappingSchema>;

function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(mapping)' : out;
}

function describe(issue: v.BaseIssue<unknown>): string {
  const last = issue.path?.[issue.path.length - 1];
  if (issue.kind === 'schema' && issue.expected === 'never' && last) {
    return `"${String(last.key)}" is not a field a mapping has (check the spelling)`;
  }
  if (issue.kind === 'schema' && issue.received === 'undefined') return 'This field is required';
  if (issue.kind === 'schema' && issue.expected === 'Object') return 'Must be an object';
  return issue.message;
}

/** A status label as compared: case, spacing and punctuation ignored ("AMBER - SCP" = "Amber SCP"). */
export function statusKey(label: string): string {
  return normalizeName(label).join(' ');
}

/** unknown (parsed JSON) → mapping, or every problem with its path, e.g. `statuses[2].category`. */
export function validateRagMapping(input: unknown): Result<RagMapping> {
  const parsed = v.safeParse(RagMappingSchema, input, { abortPipeEarly: true });
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.issues.map((issue) => ({
        path: pathOf(issue),
        message: describe(issue),
        severity: 'error' as const,
      })),
    };
  }
  const mapping = parsed.output;
  const issues: PackIssue[] = [];
  // One label meaning two things would make a row's category depend on the order of the list.
  const seen = new Map<string, string>();
  mapping.statuses.forEach((status, i) => {
    status.labels.forEach((label, j) => {
      const key = statusKey(label);
      const path = `statuses[${i}].labels[${j}]`;
      if (key === '') {
        issues.push({
          path,
          message: `Label "${label}" has no letters or digits`,
          severity: 'error',
        });
        return;
      }
      const first = seen.get(key);
      if (first !== undefined && !first.startsWith(`statuses[${i}].`)) {
        issues.push({
          path,
          message: `Label "${label}" is also given at ${first}; a label may mean only one thing`,
          severity: 'error',
        });
      } else if (first === undefined) seen.set(key, path);
    });
  });
  if (mapping.services !== undefined && mapping.columns.service === undefined) {
    issues.push({
      path: 'services',
      message:
        'services says what the values of a service column mean; name that column in columns.service',
      severity: 'error',
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: mapping, warnings: [] };
}

/** Mapping file text → mapping. A byte-order mark is allowed; JSON syntax errors are reported as such. */
export function parseRagMappingText(textIn: string): Result<RagMapping> {
  const body = textIn.charCodeAt(0) === 0xfeff ? textIn.slice(1) : textIn;
  if (body.trim() === '') {
    return {
      ok: false,
      issues: [{ path: '(file)', message: 'The mapping file is empty', severity: 'error' }],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(body) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [
        {
          path: '(file)',
          message: `The mapping file is not valid JSON: ${detail}`,
          severity: 'error',
        },
      ],
    };
  }
  return validateRagMapping(json);
}
