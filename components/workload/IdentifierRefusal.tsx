/**
 * The refusal shown when an export has columns that look like patient identifiers. Nothing from
 * those columns is shown (only their header); the admin may drop them and go on, or choose again.
 */
import type { IdentifierColumn } from '@/rules/views/workload';

interface Props {
  readonly identifiers: readonly IdentifierColumn[];
  readonly onDrop: () => void;
  readonly onCancel: () => void;
}

export function IdentifierRefusal({ identifiers, onDrop, onCancel }: Props) {
  return (
    <section class="plens-panel plens-refusal" aria-labelledby="plens-refusal-title">
      <h2 id="plens-refusal-title">This export identifies patients</h2>
      <p role="alert" data-testid="plens-refusal">
        Nothing was counted. Prescribing Lens reads only drug names and counts, and these columns
        look like they identify patients:
      </p>
      <ul>
        {identifiers.map((c) => (
          <li key={c.index}>
            Column {c.index + 1} (“{c.header || 'no heading'}”) looks like {c.looksLike}
          </li>
        ))}
      </ul>
      <p>
        Best: run the search again without these columns. Or drop them here: they are then never
        read, shown or kept, and only the other columns are counted.
      </p>
      <div class="plens-actions">
        <button type="button" onClick={onDrop}>
          Drop these columns and count the rest
        </button>
        <button type="button" class="plens-secondary" onClick={onCancel}>
          Choose another file
        </button>
      </div>
    </section>
  );
}
