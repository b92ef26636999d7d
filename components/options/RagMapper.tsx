import { ValueMeaningTable } from './ValueMeaningTable';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { RagMapping } from '@/rules/rag/mapping';
import {
  ACTION_CHOICES,
  draftFor,
  draftToMapping,
  servicesFor,
  statusesFor,
  undecided,
  type DraftColumns,
  type MappingDraft,
  type ServiceOption,
  type StatusAction,
} from '@/rules/rag/draft';
import { previewRows } from '@/rules/rag/preview';
import { CATEGORY_LABELS } from '@/rules/schema/rule-pack';
import type {
  RagConversionView,
  RagListView,
  RagMappingText,
  RagPackDetailsInput,
  RagPreset,
} from './types';

export interface RagMapperProps {
  readonly list: RagListView;
  /** Shipped presets, then the saved mapping (id `saved`) if there is one. */
  readonly presets: readonly RagPreset[];
  /** The preset to start from (usually the saved mapping); null to start from the columns alone. */
  readonly initialPresetId: string | null;
  /** The last preview conversion, for the rows table. */
  readonly conversion: RagConversionView | null;
  readonly isBusy?: boolean;
  /** Called, after a short pause, whenever a complete mapping changes: the page converts it. */
  readonly onPreview: (mapping: RagMapping, details: RagPackDetailsInput) => void;
  readonly onSave: (mapping: RagMapping) => void;
  readonly onExport: (mapping: RagMapping) => void;
  /** Reads a mapping JSON file the admin chose. */
  readonly onLoadMapping: (text: string) => Promise<RagMappingText>;
  /** Hands the previewed pack to the usual check → preview → apply. */
  readonly onCheck: () => void;
  /** Services the packs in force define, which a service column's values can be linked to (#19). */
  readonly services?: readonly ServiceOption[];
}

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

const COLUMN_FIELDS: readonly {
  readonly key: keyof DraftColumns;
  readonly label: string;
  readonly required: boolean;
}[] = [
  { key: 'drug', label: 'Drug name column', required: true },
  { key: 'status', label: 'Status (traffic light) column', required: true },
  { key: 'form', label: 'Formulation column', required: false },
  { key: 'brands', label: 'Brand names column', required: false },
  { key: 'notes', label: 'Notes column', required: false },
  { key: 'link', label: 'Link column', required: false },
  { key: 'service', label: 'Local service column', required: false },
];

const NO_SERVICES: readonly ServiceOption[] = [];

export const ACTION_LABELS: Readonly<Record<Exclude<StatusAction, ''>, string>> = {
  'shared-care': `Flag: ${CATEGORY_LABELS['shared-care']}`,
  'specialist-initiation': `Flag: ${CATEGORY_LABELS['specialist-initiation']}`,
  'no-commissioned-service': `Flag: ${CATEGORY_LABELS['no-commissioned-service']}`,
  'dependence-forming': `Flag: ${CATEGORY_LABELS['dependence-forming']}`,
  disable: 'Switch off the national flag',
  skip: 'Skip (not flagged)',
};

/** The header's names, each once, in order (blank headings cannot be chosen). */
function headerNames(list: RagListView): string[] {
  return [...new Set((list.rows[0] ?? []).map((h) => h.trim()).filter((h) => h !== ''))];
}

/**
 * The on-screen mapping (issue #20): pick the columns, say what each status value means (a
 * category, switch the national flag off, or skip), see what the first rows become, then save,
 * export or use the mapping. Presentational: the page converts, stores and downloads.
 */
export function RagMapper({
  list,
  presets,
  initialPresetId,
  conversion,
  isBusy = false,
  onPreview,
  onSave,
  onExport,
  onLoadMapping,
  onCheck,
  services = NO_SERVICES,
}: RagMapperProps) {
  const header = useMemo(() => list.rows[0] ?? [], [list]);
  const names = useMemo(() => headerNames(list), [list]);
  const [presetId, setPresetId] = useState(initialPresetId ?? '');
  const [loaded, setLoaded] = useState<{ name: string; mapping: RagMapping } | null>(null);
  const [loadIssues, setLoadIssues] = useState<readonly string[]>([]);
  const base = (id: string): RagMapping | null =>
    id === 'file' ? (loaded?.mapping ?? null) : (presets.find((p) => p.id === id)?.mapping ?? null);
  const [draft, setDraft] = useState<MappingDraft>(() =>
    draftFor(header, list.rows, base(initialPresetId ?? ''), services),
  );
  const [details, setDetails] = useState<RagPackDetailsInput>(NO_DETAILS);
  const waiting = undecided(draft);
  const isComplete =
    draft.columns.drug !== '' && draft.columns.status !== '' && waiting.length === 0;
  const hasStatuses = draft.statuses.length > 0;
  const mapping = useMemo(
    () => (isComplete && hasStatuses ? draftToMapping(draft) : null),
    [draft, isComplete, hasStatuses],
  );

  // A short pause so typing a pack name converts once, not once per key.
  const preview = useRef(onPreview);
  preview.current = onPreview;
  useEffect(() => {
    if (!mapping) return;
    const timer = setTimeout(() => preview.current(mapping, details), 250);
    return () => clearTimeout(timer);
  }, [mapping, details]);

  const choosePreset = (id: string) => {
    setPresetId(id);
    setDraft(draftFor(header, list.rows, base(id), services));
  };

  const setColumn = (key: keyof DraftColumns, value: string) =>
    setDraft((d) => {
      const columns = { ...d.columns, [key]: value };
      const statuses =
        key === 'status' ? statusesFor(list.rows, header, value, d.base, d.statuses) : d.statuses;
      const linked =
        key === 'service'
          ? servicesFor(list.rows, header, value, d.base, d.services, services)
          : d.services;
      return { ...d, columns, statuses, services: linked };
    });

  const setService = (label: string, service: string) =>
    setDraft((d) => ({
      ...d,
      services: d.services.map((x) => (x.label === label ? { ...x, service } : x)),
    }));

  const setAction = (label: string, action: StatusAction) =>
    setDraft((d) => ({
      ...d,
      statuses: d.statuses.map((s) => (s.label === label ? { ...s, action } : s)),
    }));

  const loadFile = (file: File | undefined) => {
    if (!file) return;
    file.text().then(
      (text) =>
        onLoadMapping(text).then((result) => {
          if (result.ok) {
            setLoadIssues([]);
            setLoaded({ name: file.name, mapping: result.mapping });
            setPresetId('file');
            setDraft(draftFor(header, list.rows, result.mapping, services));
          } else {
            setLoadIssues(result.issues.map((i) => `${i.path}: ${i.message}`));
          }
        }),
      () => setLoadIssues(['The file could not be read. Save it again and retry.']),
    );
  };

  const rows =
    conversion?.report && mapping
      ? previewRows(list.rows, header, draft.columns, conversion.report, 10)
      : [];

  return (
    <div class="plens-mapper" data-testid="plens-rag-mapper">
      <h3 id="plens-mapper-heading">Map the columns and statuses</h3>
      <div class="plens-field">
        <label for="plens-rag-preset" class="plens-label">
          Start from
        </label>
        <p id="plens-rag-preset-hint" class="plens-hint">
          A saved or example mapping fills in the choices below where this list has the same columns
          and status words. Check each meaning against your APC’s own definitions.
        </p>
        <select
          id="plens-rag-preset"
          aria-describedby="plens-rag-preset-hint"
          value={presetId}
          disabled={isBusy}
          onChange={(event) => choosePreset(event.currentTarget.value)}
        >
          <option value="">Nothing: guess from the column names</option>
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id === 'saved' ? p.label : `Example: ${p.label}`}
            </option>
          ))}
          {loaded ? <option value="file">Mapping file “{loaded.name}”</option> : null}
        </select>
      </div>
      <div class="plens-field">
        <label for="plens-rag-mapping-file" class="plens-label">
          Or load a mapping file (JSON)
        </label>
        <input
          id="plens-rag-mapping-file"
          type="file"
          accept=".json,application/json"
          disabled={isBusy}
          onChange={(event) => loadFile(event.currentTarget.files?.[0])}
        />
      </div>
      {loadIssues.length > 0 ? (
        <div class="plens-callout plens-callout--error" role="alert">
          <p>The mapping file could not be used:</p>
          <ul data-testid="plens-rag-mapping-issues">
            {loadIssues.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <fieldset class="plens-fieldset">
        <legend>Columns</legend>
        <p class="plens-hint">
          “{list.fileName}”{list.sheet ? `, sheet “${list.sheet}”` : ''}: {names.length} columns,{' '}
          {Math.max(0, list.rows.length - 1)} rows.
        </p>
        <div class="plens-columns">
          {COLUMN_FIELDS.map(({ key, label, required }) => (
            <div class="plens-field" key={key}>
              <label for={`plens-rag-col-${key}`} class="plens-label">
                {label}
                {required ? ' (required)' : ''}
              </label>
              <select
                id={`plens-rag-col-${key}`}
                value={draft.columns[key]}
                disabled={isBusy}
                onChange={(event) => setColumn(key, event.currentTarget.value)}
              >
                <option value="">{required ? 'Choose a column' : 'None'}</option>
                {names.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      </fieldset>

      {draft.columns.status !== '' ? (
        <ValueMeaningTable
          id="statuses"
          caption={`What each status in “${draft.columns.status}” means`}
          valueHeading="Status in the list"
          meaningHeading="Meaning"
          rows={draft.statuses.map((s) => ({ label: s.label, count: s.count, chosen: s.action }))}
          unchosen="Choose…"
          choices={ACTION_CHOICES.flatMap((a) =>
            a === '' ? [] : [{ id: a, label: ACTION_LABELS[a] }],
          )}
          describe={(label) => `Meaning of “${label}”`}
          disabled={isBusy}
          onChoose={(label, value) => setAction(label, value as StatusAction)}
        />
      ) : null}
      {draft.columns.service !== '' ? (
        <ValueMeaningTable
          id="services"
          caption={`Which service each value in “${draft.columns.service}” means`}
          valueHeading="Service in the list"
          meaningHeading="Service of the packs in force"
          rows={draft.services.map((x) => ({ label: x.label, count: x.count, chosen: x.service }))}
          unchosen="Not linked to a service"
          choices={services.map((o) => ({ id: o.id, label: o.name }))}
          describe={(label) => `Service meant by “${label}”`}
          disabled={isBusy}
          onChoose={setService}
        >
          <p class="plens-hint">
            A linked service covers exactly the flagged rows that name it: the list becomes the
            service’s drug list for your practices, replacing the national one.
          </p>
        </ValueMeaningTable>
      ) : null}
      <p class="plens-hint">
        “Switch off the national flag” is for medicines your ICB has made green (or otherwise
        approved) for primary care, such as DOACs: the national rule no longer flags them. A
        dependence-forming flag is never switched off by a colour.
      </p>
      {waiting.length > 0 ? (
        <p class="plens-callout plens-callout--warning" data-testid="plens-rag-undecided">
          Choose what {waiting.map((w) => `“${w}”`).join(', ')} means before the preview can be
          shown.
        </p>
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

      {rows.length > 0 ? (
        <div
          class="plens-table-wrap"
          tabIndex={0}
          role="region"
          aria-labelledby="plens-rag-preview-caption"
        >
          <table class="plens-table" data-testid="plens-rag-preview">
            <caption id="plens-rag-preview-caption">
              Preview: what the first {rows.length} rows become
            </caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Drug</th>
                <th scope="col">Status</th>
                <th scope="col">Becomes</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.row} data-kind={r.kind}>
                  <td>{r.row}</td>
                  <td>{r.drug}</td>
                  <td>{r.status}</td>
                  <td>{r.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <div class="plens-actions">
        <button
          type="button"
          class="plens-button plens-button--secondary"
          disabled={!mapping || isBusy}
          onClick={() => mapping && onSave(mapping)}
        >
          Save mapping for next time
        </button>
        <button
          type="button"
          class="plens-button plens-button--secondary"
          disabled={!mapping}
          onClick={() => mapping && onExport(mapping)}
        >
          Export mapping (JSON)
        </button>
        <button
          type="button"
          class="plens-button plens-button--primary"
          disabled={!mapping || !conversion?.pack || isBusy}
          onClick={onCheck}
        >
          Check the pack and see what changes
        </button>
      </div>
    </div>
  );
}
