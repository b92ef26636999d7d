/**
 * The summary: the unfunded part stated plainly first, then totals per category, per local service
 * (when the practice profile gives services), per medicine, the possible matches listed apart and
 * the names that matched nothing, so nothing is silently dropped. Totals and medicine names only.
 */
import {
  describeTally,
  SHAPE_LABELS,
  unfundedSentence,
  type NameTotal,
  type Tally,
  type WorkloadSummary as Summary,
} from '@/rules/views/workload';
import { CATEGORY_LABELS } from '@/rules/schema/rule-pack';

interface Props {
  readonly summary: Summary;
  readonly fileName: string;
}

/** Names listed on screen before "and N more" (the copied text counts them all). */
export const MAX_NAMES_SHOWN = 200;

const n = (value: number) => value.toLocaleString('en-GB');

function Measures({ t, measures }: { t: Tally; measures: Summary['measures'] }) {
  return (
    <>
      {measures.patients ? <td>{n(t.patients)}</td> : null}
      {measures.issues ? <td>{n(t.issues)}</td> : null}
      <td>{n(t.rows)}</td>
    </>
  );
}

function MeasureHeads({ measures }: { measures: Summary['measures'] }) {
  return (
    <>
      {measures.patients ? <th scope="col">Patients</th> : null}
      {measures.issues ? <th scope="col">Issues</th> : null}
      <th scope="col">Rows</th>
    </>
  );
}

function NameList({
  names,
  measures,
  testId,
}: {
  names: readonly NameTotal[];
  measures: Summary['measures'];
  testId: string;
}) {
  const shown = names.slice(0, MAX_NAMES_SHOWN);
  return (
    <>
      <ul data-testid={testId} class="plens-names">
        {shown.map((u) => (
          <li key={u.name}>
            {u.name}: {describeTally(u, measures)}
          </li>
        ))}
      </ul>
      {names.length > shown.length ? (
        <p>and {n(names.length - shown.length)} more (all are in the copied summary)</p>
      ) : null}
    </>
  );
}

export function WorkloadSummary({ summary: s, fileName }: Props) {
  const m = s.measures;
  return (
    <section class="plens-panel plens-summary" aria-labelledby="plens-summary-title">
      <h2 id="plens-summary-title">Workload summary</h2>
      <p data-testid="plens-summary-source">
        From {fileName} ({SHAPE_LABELS[s.shape]}): {n(s.rowsRead)} rows read, {n(s.rowsFlagged)}{' '}
        flagged
        {s.period ? `, issues from ${s.period.from} to ${s.period.to}` : ''}.
        {m.patients || m.issues ? '' : ' The export has no counts, so each row counts once.'}
        {s.droppedColumns > 0
          ? ` ${s.droppedColumns} column(s) that identified patients were dropped unread.`
          : ''}
      </p>

      <p data-testid="plens-columns-read" class="plens-hint">
        Columns read: drug names from “{s.columnsRead.drug}”
        {s.columnsRead.patients ? `, patients from “${s.columnsRead.patients}”` : ''}
        {s.columnsRead.issues ? `, issues from “${s.columnsRead.issues}”` : ''}
        {s.columnsRead.date ? `, dates from “${s.columnsRead.date}”` : ''}. No other column was
        read.
      </p>

      <h3>Unfunded work</h3>
      {s.unfunded.length === 0 ? (
        <p>No unfunded work was found in this export.</p>
      ) : (
        <ul data-testid="plens-unfunded" class="plens-unfunded">
          {s.unfunded.map((u) => (
            <li key={u.label}>{unfundedSentence(u, m)}</li>
          ))}
        </ul>
      )}
      {s.byService === null ? (
        <p class="plens-hint">
          Shared care and specialist initiation count as unfunded unless a signed agreement is
          recorded; the practice profile will let you record your local services.
        </p>
      ) : null}

      <h3>By category</h3>
      <table data-testid="plens-by-category">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <MeasureHeads measures={m} />
            <th scope="col">Drugs</th>
          </tr>
        </thead>
        <tbody>
          {s.byCategory.map((c) => (
            <tr key={c.category}>
              <th scope="row">{c.label}</th>
              <Measures t={c} measures={m} />
              <td>{n(c.drugs)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {s.byService ? (
        <>
          <h3>By local service</h3>
          <table data-testid="plens-by-service">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Commissioned</th>
                <MeasureHeads measures={m} />
                <th scope="col">Drugs</th>
              </tr>
            </thead>
            <tbody>
              {s.byService.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{v.name}</th>
                  <td>{v.commissioned ? 'Yes' : 'No'}</td>
                  <Measures t={v} measures={m} />
                  <td>{n(v.drugs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      <h3>By medicine</h3>
      <table data-testid="plens-by-rule">
        <thead>
          <tr>
            <th scope="col">Medicine</th>
            <th scope="col">Category</th>
            <MeasureHeads measures={m} />
          </tr>
        </thead>
        <tbody>
          {s.byRule.map((r) => (
            <tr key={r.ruleId}>
              <th scope="row">{r.drug}</th>
              <td>{r.category ? CATEGORY_LABELS[r.category] : ''}</td>
              <Measures t={r} measures={m} />
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Possible matches (not counted above)</h3>
      {s.possible.length === 0 ? (
        <p>None.</p>
      ) : (
        <>
          <p>
            These names are close to a flagged medicine but not the same. Check each in the clinical
            system; they are not in any total.
          </p>
          <ul data-testid="plens-possible" class="plens-names">
            {s.possible.slice(0, MAX_NAMES_SHOWN).map((p) => (
              <li key={p.name}>
                {p.name}: perhaps {p.perhaps.join(' or ')} ({describeTally(p, m)})
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>Names that matched no rule</h3>
      {s.unmatched.length === 0 ? (
        <p>None.</p>
      ) : (
        <>
          <p>
            {n(s.unmatched.length)} names in the export are not flagged by the rules in force (most
            are everyday medicines). Look down the list for a flagged medicine written in a way the
            rules do not know.
          </p>
          <NameList names={s.unmatched} measures={m} testId="plens-unmatched" />
        </>
      )}
    </section>
  );
}
