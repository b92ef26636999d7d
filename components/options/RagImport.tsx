import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RagReport, RowProblem, RuleOutcome } from '@/rules/rag/convert';
import { MAX_CSV_BYTES } from '@/rules/rag/csv';
import { CATEGORY_LABELS } from '../popover/labels';
import type {
  RagConversionView,
  RagImportRequest,
  RagMappingOption,
  RagPackDetailsInput,
} from './types';

export interface RagImportProps {
  /** The shipped example mappings, offered in the select. */
  readonly mappings: readonly RagMappingOption[];
  /** The last conversion, if any: its report is shown here. */
  readonly conversion: RagConversionView | null;
  readonly isBusy?: boolean;
  /** Called with the chosen files and details; the page converts (nothing is stored here). */
  readonly onConvert: (request: RagImportRequest) => void;
  /** What follows the report: the page's preview (or check problems) of the converted pack. */
  readonly children?: ComponentChildren;
}

/** The select's value for "a mapping file I choose". */
const FILE_MAPPING = 'file';
/** A mapping file is a few kB; anything this big is the wrong file. */
const MAX_MAPPING_BYTES = 1024 * 1024;

const NO_DETAILS: RagPackDetailsInput = {
  name: '',
  packId: '',
  publisher: '',
  licence: '',
  sourceTitle: '',
  sourceUrl: '',
};

const DETAIL_FIELDS: readonly {
  readonly key: keyof RagPackDetailsInput;
  readonly label: string;
}[] = [
  { key: 'name', label: 'Pack name' },
  { key: 'packId', label: 'Pack id (blank: made from the name)' },
  { key: 'publisher', label: 'Publisher' },
  { key: 'licence', label: 'Licence' },
  { key: 'sourceTitle', label: 'Formulary name' },
  { key: 'sourceUrl', label: 'Formulary web address (https)' },
];

const OUTCOME_TEXT: Record<RowProblem['outcome'], string> = {
  'left-out': 'left out: the national rule still applies',
  merged: 'merged into one rule',
  converted: 'converted: check the rule',
};

function rowsLabel(rows: readonly number[]): string {
  return rows.length === 1 ? `Row ${rows[0]}` : `Rows ${rows.join(', ')}`;
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

function categoriesText(categories: RuleOutcome['categories']): string {
  return categories.map((c) => CATEGORY_LABELS[c]).join(', ');
}

function OutcomeList({ outcomes, testId }: { outcomes: readonly RuleOutcome[]; testId: string }) {
  return (
    <ul class="plens-diff-list" data-testid={testId}>
      {outcomes.map((o) => (
        <li key={o.ruleId}>
          {rowsLabel(o.rows)}: {o.drug} — “{o.status}” → {categoriesText(o.categories)}
          {o.forms ? ` (forms: ${o.forms.join(', ')})` : ''}
        </li>
      ))}
    </ul>
  );
}

function Report({ report }: { report: RagReport }) {
  return (
    <>
      <ul class="plens-summary" data-testid="plens-rag-summary">
        <li>{count(report.dataRows, 'row read', 'rows read')}</li>
        <li>
          {count(report.overridden.length, 'national rule replaced', 'national rules replaced')}
        </li>
        <li>{count(report.created.length, 'new rule', 'new rules')}</li>
        <li>{count(report.skipped.length, 'row not flagged', 'rows not flagged')}</li>
        <li>{count(report.problems.length, 'problem to resolve', 'problems to resolve')}</li>
      </ul>
      {report.errors.length > 0 ? (
        <>
          <h4>Why there is no pack</h4>
          <ul class="plens-issues" data-testid="plens-rag-errors">
            {report.errors.map((e, i) => (
              <li key={i} class="plens-issue">
                {e}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report.problems.length > 0 ? (
        <>
          <h4>To resolve ({report.problems.length})</h4>
          <ol class="plens-issues" data-testid="plens-rag-problems">
            {report.problems.map((p, i) => (
              <li key={`${p.kind}-${i}`} class="plens-issue">
                <strong class="plens-issue-path">{rowsLabel(p.rows)}</strong>{' '}
                <span class="plens-issue-message">
                  {p.message} ({OUTCOME_TEXT[p.outcome]})
                </span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {report.warnings.length > 0 ? (
        <>
          <h4>Also worth checking ({report.warnings.length})</h4>
          <ul data-testid="plens-rag-warnings">
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      ) : null}
      {report.overridden.length > 0 ? (
        <details>
          <summary>Replaces national rules ({report.overridden.length})</summary>
          <OutcomeList outcomes={report.overridden} testId="plens-rag-replaced" />
        </details>
      ) : null}
      {report.created.length > 0 ? (
        <details>
          <summary>New rules ({report.created.length})</summary>
          <OutcomeList outcomes={report.created} testId="plens-rag-created" />
        </details>
      ) : null}
      {report.skipped.length > 0 ? (
        <details>
          <summary>Not flagged ({report.skipped.length})</summary>
          <ul class="plens-diff-list" data-testid="plens-rag-skipped">
            {report.skipped.map((s) => (
              <li key={s.row}>
                Row {s.row}: {s.drug} — “{s.status}”: {s.reason}
                {s.bundledRuleId && s.bundledCategories
                  ? `; the national rule still flags it (${categoriesText(s.bundledCategories)})`
                  : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/** The conversion's outcome: the report, or why the mapping could not be read. */
function Conversion({ conversion }: { conversion: RagConversionView }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const failed = conversion.pack === null;
  // A pack goes on to the preview, which takes focus; a failure keeps it here.
  useEffect(() => {
    if (failed) heading.current?.focus();
  }, [conversion, failed]);
  return (
    <section
      class={`plens-callout${failed ? ' plens-callout--error' : ''}`}
      aria-labelledby="plens-rag-report-heading"
      data-testid="plens-rag-report"
    >
      <h3 id="plens-rag-report-heading" tabIndex={-1} ref={heading}>
        {failed
          ? `“${conversion.csvFileName}” was not converted`
          : `Conversion report: “${conversion.csvFileName}”`}
      </h3>
      {failed ? (
        <p>
          <strong>Nothing has changed:</strong> the rules in force are the same as before. Correct
          the list or the mapping, then convert again.
        </p>
      ) : (
        <p>
          Read the report, then check the pack below before applying it. Rows listed under “To
          resolve” are not flagged as the list says until you correct them.
        </p>
      )}
      {conversion.mappingIssues.length > 0 ? (
        <>
          <h4>Problems with the mapping</h4>
          <ol class="plens-issues" data-testid="plens-rag-mapping-issues">
            {conversion.mappingIssues.map((issue, i) => (
              <li key={`${issue.path}-${i}`} class="plens-issue">
                <code class="plens-issue-path">{issue.path}</code>{' '}
                <span class="plens-issue-message">{issue.message}</span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {conversion.report ? <Report report={conversion.report} /> : null}
    </section>
  );
}

/**
 * Import an ICB's traffic-light (RAG) formulary list: choose the CSV and a mapping (a shipped
 * example or a mapping file), add pack details the mapping lacks, and convert. The page converts
 * and hands the pack to the usual preview; nothing is stored here.
 */
export function RagImport({
  mappings,
  conversion,
  isBusy = false,
  onConvert,
  children,
}: RagImportProps) {
  const [csv, setCsv] = useState<File | null>(null);
  const [mappingChoice, setMappingChoice] = useState<string>(mappings[0]?.id ?? FILE_MAPPING);
  const [mappingFile, setMappingFile] = useState<File | null>(null);
  const [details, setDetails] = useState<RagPackDetailsInput>(NO_DETAILS);
  const [formError, setFormError] = useState('');

  const submit = (event: Event) => {
    event.preventDefault();
    if (isBusy) return;
    if (!csv) {
      setFormError('Choose the traffic-light list (CSV) first.');
      return;
    }
    if (csv.size > MAX_CSV_BYTES) {
      setFormError(
        `“${csv.name}” is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; a formulary list is never that big.`,
      );
      return;
    }
    const useFile = mappingChoice === FILE_MAPPING;
    if (useFile && !mappingFile) {
      setFormError('Choose the mapping file (JSON), or pick one of the example mappings.');
      return;
    }
    if (useFile && mappingFile && mappingFile.size > MAX_MAPPING_BYTES) {
      setFormError(`“${mappingFile.name}” is larger than 1 MB; a mapping file is never that big.`);
      return;
    }
    setFormError('');
    const csvFile = csv;
    const mappingText = useFile && mappingFile ? mappingFile.text() : Promise.resolve('');
    Promise.all([csvFile.arrayBuffer(), mappingText]).then(
      ([bytes, text]) =>
        onConvert({
          csv: new Uint8Array(bytes),
          csvFileName: csvFile.name,
          mapping:
            useFile && mappingFile
              ? { kind: 'file', text, fileName: mappingFile.name }
              : { kind: 'shipped', id: mappingChoice },
          details,
        }),
      () => setFormError('A file could not be read. Save it again and retry.'),
    );
  };

  return (
    <section class="plens-section" aria-labelledby="plens-rag-heading">
      <h2 id="plens-rag-heading">Import a traffic-light formulary (CSV)</h2>
      <p>
        Turn your ICB’s traffic-light (RAG) list into a local pack. In Excel, save the list as “CSV
        UTF-8”. The list is converted and checked first: nothing changes until you have read the
        report, seen what the pack does and confirmed.
      </p>
      <form class="plens-rag-form" onSubmit={submit} noValidate>
        <div class="plens-field">
          <label for="plens-rag-csv" class="plens-label">
            Traffic-light list (CSV)
          </label>
          <input
            id="plens-rag-csv"
            type="file"
            accept=".csv,.tsv,.txt,text/csv"
            disabled={isBusy}
            onChange={(event) => setCsv(event.currentTarget.files?.[0] ?? null)}
          />
        </div>
        <div class="plens-field">
          <label for="plens-rag-mapping" class="plens-label">
            Mapping
          </label>
          <p id="plens-rag-mapping-hint" class="plens-hint">
            Says which columns hold the drug and its status, and what each status means. Check the
            example’s meanings against your APC’s own definitions.
          </p>
          <select
            id="plens-rag-mapping"
            aria-describedby="plens-rag-mapping-hint"
            value={mappingChoice}
            disabled={isBusy}
            onChange={(event) => setMappingChoice(event.currentTarget.value)}
          >
            {mappings.map((m) => (
              <option key={m.id} value={m.id}>
                Example: {m.label}
              </option>
            ))}
            <option value={FILE_MAPPING}>A mapping file (JSON) I choose</option>
          </select>
        </div>
        {mappingChoice === FILE_MAPPING ? (
          <div class="plens-field">
            <label for="plens-rag-mapping-file" class="plens-label">
              Mapping file (JSON)
            </label>
            <input
              id="plens-rag-mapping-file"
              type="file"
              accept=".json,application/json"
              disabled={isBusy}
              onChange={(event) => setMappingFile(event.currentTarget.files?.[0] ?? null)}
            />
          </div>
        ) : null}
        <fieldset class="plens-fieldset">
          <legend>Pack details</legend>
          <p class="plens-hint">
            Needed where the mapping does not set them; a filled-in field replaces the mapping’s
            value.
          </p>
          {DETAIL_FIELDS.map(({ key, label }) => (
            <div class="plens-field" key={key}>
              <label for={`plens-rag-${key}`} class="plens-label">
                {label}
              </label>
              <input
                id={`plens-rag-${key}`}
                class="plens-input"
                type="text"
                value={details[key]}
                disabled={isBusy}
                onInput={(event) => {
                  const value = event.currentTarget.value;
                  setDetails((d) => ({ ...d, [key]: value }));
                }}
              />
            </div>
          ))}
        </fieldset>
        {formError ? (
          <p
            class="plens-callout plens-callout--error"
            role="alert"
            data-testid="plens-rag-form-error"
          >
            {formError}
          </p>
        ) : null}
        <button type="submit" class="plens-button plens-button--primary" disabled={isBusy}>
          {isBusy ? 'Converting…' : 'Convert and preview'}
        </button>
      </form>
      {conversion ? <Conversion conversion={conversion} /> : null}
      {children}
    </section>
  );
}
