import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RagMapping } from '@/rules/rag/mapping';
import type { RagReport, RowProblem, RuleOutcome } from '@/rules/rag/convert';
import { MAX_CSV_BYTES } from '@/rules/rag/csv';
import { CATEGORY_LABELS } from '@/rules/schema/rule-pack';
import type { ServiceOption } from '@/rules/rag/draft';
import { RagMapper } from './RagMapper';
import type {
  RagConversionView,
  RagListView,
  RagMappingText,
  RagPackDetailsInput,
  RagPreset,
} from './types';

export interface RagImportProps {
  /** Shipped presets, then the saved mapping (id `saved`) if there is one. */
  readonly presets: readonly RagPreset[];
  /** The list file read for mapping, if any. */
  readonly list: RagListView | null;
  /** Why the chosen file could not be read (with its name), if it could not. */
  readonly listErrors: { readonly fileName: string; readonly errors: readonly string[] } | null;
  /** A workbook's sheets (also when the chosen sheet could not be used). */
  readonly sheets: readonly string[];
  /** The last preview conversion: its report is shown here. */
  readonly conversion: RagConversionView | null;
  readonly isBusy?: boolean;
  /** Called with a chosen file's bytes (and a sheet, when the admin picks one). */
  readonly onChooseList: (bytes: Uint8Array, fileName: string, sheet?: string) => void;
  readonly onPreview: (mapping: RagMapping, details: RagPackDetailsInput) => void;
  readonly onSave: (mapping: RagMapping) => void;
  readonly onExport: (mapping: RagMapping) => void;
  readonly onLoadMapping: (text: string) => Promise<RagMappingText>;
  readonly onCheck: () => void;
  /** Services the packs in force define, for a list's service column (#19). */
  readonly services?: readonly ServiceOption[];
  /** What follows the report: the page's preview (or check problems) of the converted pack. */
  readonly children?: ComponentChildren;
}

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
      {report.switchedOff.length > 0 ? (
        <details>
          <summary>National flags switched off ({report.switchedOff.length})</summary>
          <ul class="plens-diff-list" data-testid="plens-rag-switched-off">
            {report.switchedOff.map((o) => (
              <li key={o.row}>
                Row {o.row}: {o.drug} — “{o.status}”: switches off the national rule for{' '}
                {o.ruleDrug} ({categoriesText(o.categories)}). {o.reason}
              </li>
            ))}
          </ul>
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
  const failed = conversion.pack === null;
  // No focus move: the preview re-converts as the admin types, and focus must stay where they are.
  return (
    <section
      class={`plens-callout${failed ? ' plens-callout--error' : ''}`}
      aria-labelledby="plens-rag-report-heading"
      data-testid="plens-rag-report"
    >
      <h3 id="plens-rag-report-heading">
        {failed
          ? `“${conversion.csvFileName}” was not converted`
          : `Conversion report: “${conversion.csvFileName}”`}
      </h3>
      {failed ? (
        <p>
          <strong>Nothing has changed:</strong> the rules in force are the same as before. Correct
          the list or the mapping, and the preview updates.
        </p>
      ) : (
        <p>
          Rows listed under “To resolve” are not flagged as the list says until you correct them.
          When the preview is right, check the pack and see what changes before applying it.
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
 * Import an ICB's traffic-light (RAG) formulary list, CSV or Excel, mapped entirely on screen
 * (issue #20): choose the file (and sheet), map its columns and statuses with a live preview, then
 * hand the pack to the usual check → preview → confirm. Nothing is stored here.
 */
export function RagImport({
  presets,
  list,
  listErrors,
  sheets,
  conversion,
  isBusy = false,
  onChooseList,
  onPreview,
  onSave,
  onExport,
  onLoadMapping,
  onCheck,
  services,
  children,
}: RagImportProps) {
  const [file, setFile] = useState<File | null>(null);
  const [formError, setFormError] = useState('');
  const errorHeading = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (listErrors) errorHeading.current?.focus();
  }, [listErrors]);

  const read = (chosen: File | null, sheet?: string) => {
    if (!chosen) return;
    if (chosen.size > MAX_CSV_BYTES) {
      setFormError(
        `“${chosen.name}” is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; a formulary list is never that big.`,
      );
      return;
    }
    setFormError('');
    chosen.arrayBuffer().then(
      (bytes) => onChooseList(new Uint8Array(bytes), chosen.name, sheet),
      () => setFormError('The file could not be read. Save it again and retry.'),
    );
  };
  const saved = presets.find((p) => p.id === 'saved');

  return (
    <section class="plens-section" aria-labelledby="plens-rag-heading">
      <h2 id="plens-rag-heading">Import a traffic-light formulary (CSV or Excel)</h2>
      <p>
        Turn your ICB’s traffic-light (RAG) list into a local pack: choose the list as exported
        (CSV, or an Excel .xlsx workbook), say which columns hold what and what each status means,
        and watch the preview. Nothing changes until you have seen what the pack does and confirmed.
      </p>
      <div class="plens-field">
        <label for="plens-rag-csv" class="plens-label">
          Traffic-light list (CSV or Excel)
        </label>
        <input
          id="plens-rag-csv"
          type="file"
          accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={isBusy}
          onChange={(event) => {
            const chosen = event.currentTarget.files?.[0] ?? null;
            setFile(chosen);
            read(chosen);
          }}
        />
      </div>
      {sheets.length > 1 ? (
        <div class="plens-field">
          <label for="plens-rag-sheet" class="plens-label">
            Sheet
          </label>
          <select
            id="plens-rag-sheet"
            value={list?.sheet ?? ''}
            disabled={isBusy}
            onChange={(event) => read(file, event.currentTarget.value)}
          >
            {list?.sheet ? null : <option value="">Choose a sheet</option>}
            {sheets.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {formError ? (
        <p
          class="plens-callout plens-callout--error"
          role="alert"
          data-testid="plens-rag-form-error"
        >
          {formError}
        </p>
      ) : null}
      {listErrors ? (
        <div class="plens-callout plens-callout--error" data-testid="plens-rag-list-errors">
          <p tabIndex={-1} ref={errorHeading}>
            <strong>“{listErrors.fileName}” could not be read.</strong> Nothing has changed.
          </p>
          <ul>
            {listErrors.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {list ? (
        <RagMapper
          key={`${list.fileName}\n${list.sheet ?? ''}`}
          list={list}
          presets={presets}
          initialPresetId={saved ? 'saved' : null}
          conversion={conversion}
          isBusy={isBusy}
          onPreview={onPreview}
          onSave={onSave}
          onExport={onExport}
          onLoadMapping={onLoadMapping}
          onCheck={onCheck}
          {...(services ? { services } : {})}
        />
      ) : null}
      {list && conversion ? <Conversion conversion={conversion} /> : null}
      {children}
    </section>
  );
}
