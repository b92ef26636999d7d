/**
 * Asks which column holds what when an export's header is not one we recognise. Only the header
 * (column names) is shown; columns refused as identifiers are not offered.
 */
import { useState } from 'preact/hooks';
import type { ColumnMap } from '@/rules/views/workload';

interface Props {
  readonly header: readonly string[];
  readonly suggestion: ColumnMap | null;
  /** Columns refused as patient identifiers: not offered. */
  readonly refused?: readonly number[];
  readonly onChoose: (columns: ColumnMap) => void;
  readonly onCancel: () => void;
}

const NONE = '';

const FIELDS = [
  { key: 'drug', label: 'Drug name', optional: false },
  { key: 'patients', label: 'Number of patients', optional: true },
  { key: 'issues', label: 'Number of issues or items', optional: true },
  { key: 'date', label: 'Issue date', optional: true },
] as const;

type Field = (typeof FIELDS)[number]['key'];

export function ColumnChooser({ header, suggestion, refused = [], onChoose, onCancel }: Props) {
  const initial = (key: Field): string => {
    const v = suggestion?.[key];
    return v === null || v === undefined ? NONE : String(v);
  };
  const [values, setValues] = useState<Record<Field, string>>({
    drug: initial('drug'),
    patients: initial('patients'),
    issues: initial('issues'),
    date: initial('date'),
  });
  const [problem, setProblem] = useState('');
  const toIndex = (v: string): number | null => (v === NONE ? null : Number(v));

  const submit = (event: Event) => {
    event.preventDefault();
    const drug = toIndex(values.drug);
    if (drug === null) {
      setProblem('Choose the column that holds the drug name');
      return;
    }
    onChoose({
      drug,
      patients: toIndex(values.patients),
      issues: toIndex(values.issues),
      date: toIndex(values.date),
    });
  };

  return (
    <section class="plens-panel" aria-labelledby="plens-columns-title">
      <h2 id="plens-columns-title">Which column holds what?</h2>
      <p>
        This export’s columns are not a shape Prescribing Lens recognises. Choose the column with
        the drug name, and the counts if the export has them; without a count, each row counts once.
      </p>
      <form onSubmit={submit} noValidate>
        {FIELDS.map((field) => (
          <div class="plens-field" key={field.key}>
            <label for={`plens-col-${field.key}`}>{field.label}</label>
            <select
              id={`plens-col-${field.key}`}
              value={values[field.key]}
              aria-invalid={field.key === 'drug' && problem !== '' ? 'true' : undefined}
              aria-describedby={
                field.key === 'drug' && problem ? 'plens-columns-problem' : undefined
              }
              onChange={(e) => setValues({ ...values, [field.key]: e.currentTarget.value })}
            >
              <option value={NONE}>
                {field.optional ? 'Not in this export' : 'Choose a column'}
              </option>
              {header.map((name, i) =>
                refused.includes(i) ? null : (
                  <option key={i} value={String(i)}>
                    Column {i + 1}: {name.trim() || '(no heading)'}
                  </option>
                ),
              )}
            </select>
          </div>
        ))}
        {problem ? (
          <p id="plens-columns-problem" class="plens-error" role="alert">
            {problem}
          </p>
        ) : null}
        <div class="plens-actions">
          <button type="submit">Count with these columns</button>
          <button type="button" class="plens-secondary" onClick={onCancel}>
            Choose another file
          </button>
        </div>
      </form>
    </section>
  );
}
