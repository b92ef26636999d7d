/**
 * What each of the first rows of a list becomes under a mapping, in one sentence per row: the live
 * preview of the on-screen mapping (issue #20). Reads the converter's report, so the preview says
 * exactly what the pack will do.
 */
import { CATEGORY_LABELS, type Category } from '../schema/rule-pack';
import type { RagReport } from './convert';
import { cleanCell } from './drug-cell';

export type RowPreviewKind = 'flag' | 'switch-off' | 'skip' | 'left-out' | 'blank';

export interface RowPreview {
  /** Spreadsheet row number (the header is row 1). */
  readonly row: number;
  readonly drug: string;
  readonly status: string;
  readonly kind: RowPreviewKind;
  /** What the row becomes, e.g. "Flagged: Shared care (replaces the national rule lithium)". */
  readonly outcome: string;
}

const labels = (categories: readonly Category[]) =>
  categories.map((c) => CATEGORY_LABELS[c]).join(', ');

/** The first `limit` data rows of `rows` (header first) and what the report says each became. */
export function previewRows(
  rows: readonly (readonly string[])[],
  header: readonly string[],
  columns: { readonly drug: string; readonly status: string },
  report: RagReport,
  limit = 10,
): RowPreview[] {
  const find = (name: string) =>
    header.findIndex((h) => cleanCell(h).toLowerCase() === cleanCell(name).toLowerCase());
  const drugAt = find(columns.drug);
  const statusAt = find(columns.status);
  return rows.slice(1, limit + 1).map((cells, i): RowPreview => {
    const row = i + 2;
    const drug = drugAt < 0 ? '' : cleanCell(cells[drugAt] ?? '');
    const status = statusAt < 0 ? '' : cleanCell(cells[statusAt] ?? '');
    const base = { row, drug, status };
    // The service the row links its rule to (#19), said after what it becomes.
    const link = report.services.find((x) => x.rows.includes(row));
    const under = link ? `; under the ${link.name}` : '';
    const replaced = report.overridden.find((o) => o.rows.includes(row));
    if (replaced) {
      return {
        ...base,
        kind: 'flag',
        outcome: `Flagged: ${labels(replaced.categories)} (replaces the national rule ${replaced.ruleId})${under}`,
      };
    }
    const created = report.created.find((o) => o.rows.includes(row));
    if (created) {
      return {
        ...base,
        kind: 'flag',
        outcome: `Flagged: ${labels(created.categories)} (new rule ${created.ruleId})${under}`,
      };
    }
    const off = report.switchedOff.find((o) => o.row === row);
    if (off) {
      return {
        ...base,
        kind: 'switch-off',
        outcome: `Switches off the national flag (${labels(off.categories)}): ${off.reason}`,
      };
    }
    const skipped = report.skipped.find((s) => s.row === row);
    if (skipped) {
      const still = skipped.bundledCategories
        ? `; the national rule still flags it (${labels(skipped.bundledCategories)})`
        : '';
      return { ...base, kind: 'skip', outcome: `Not flagged: ${skipped.reason}${still}` };
    }
    const problem = report.problems.find((p) => p.rows.includes(row) && p.outcome === 'left-out');
    if (problem) return { ...base, kind: 'left-out', outcome: `Left out: ${problem.message}` };
    if (cells.every((c) => cleanCell(c) === '')) {
      return { ...base, kind: 'blank', outcome: 'Blank row: ignored' };
    }
    return { ...base, kind: 'left-out', outcome: 'Not converted: see the report below' };
  });
}
