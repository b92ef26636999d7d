import type { ComponentChildren } from 'preact';

export interface ValueMeaningRow {
  /** The value as the list writes it ("Amber", "ADHD SCA"). */
  readonly label: string;
  /** How many of the list's rows carry it. */
  readonly count: number;
  /** The choice made for it so far ('' while none). */
  readonly chosen: string;
}

interface Props {
  /** Names the table's test id and caption id (`plens-rag-<id>`). */
  readonly id: string;
  readonly caption: string;
  readonly valueHeading: string;
  readonly meaningHeading: string;
  readonly rows: readonly ValueMeaningRow[];
  /** The first option, standing for no choice. */
  readonly unchosen: string;
  readonly choices: readonly { readonly id: string; readonly label: string }[];
  /** The select's accessible name for one value. */
  readonly describe: (label: string) => string;
  readonly disabled: boolean;
  readonly onChoose: (label: string, choice: string) => void;
  /** Shown under the table. */
  readonly children?: ComponentChildren;
}

/**
 * One row per distinct value of a list's column, with how many rows carry it and a choice of
 * what it means: the admin maps the list's own words (statuses, service names) once.
 */
export function ValueMeaningTable(props: Props) {
  const captionId = `plens-rag-${props.id}-caption`;
  return (
    <div class="plens-table-wrap" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table class="plens-table" data-testid={`plens-rag-${props.id}`}>
        <caption id={captionId}>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.valueHeading}</th>
            <th scope="col">Rows</th>
            <th scope="col">{props.meaningHeading}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{row.count}</td>
              <td>
                <select
                  aria-label={props.describe(row.label)}
                  value={row.chosen}
                  disabled={props.disabled}
                  onChange={(event) => props.onChoose(row.label, event.currentTarget.value)}
                >
                  <option value="">{props.unchosen}</option>
                  {props.choices.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.children}
    </div>
  );
}
