/**
 * The conversion report as plain lines, in the order an admin works through it: what was read,
 * what replaces national rules, what is new, what is deliberately not flagged, and what to resolve.
 * The CLI prints these; the options page can show the same lines.
 */
import type { RagReport, RuleOutcome } from './convert';

const ENCODING_LABEL: Record<NonNullable<RagReport['encoding']>, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  text: 'text',
  xlsx: 'Excel workbook',
};

const DELIMITER_LABEL: Record<NonNullable<RagReport['delimiter']>, string> = {
  ',': 'comma-separated',
  ';': 'semicolon-separated',
  '\t': 'tab-separated',
};

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function rowsLabel(rows: readonly number[]): string {
  return rows.length === 1 ? `row ${rows[0]}` : `rows ${rows.join(', ')}`;
}

function outcomeLine(o: RuleOutcome, withNames: boolean): string {
  const forms = o.forms ? ` [forms: ${o.forms.join(', ')}]` : '';
  const names =
    withNames && o.addedNames.length > 0
      ? `; adds ${o.addedNames.map((n) => `"${n}"`).join(', ')}`
      : '';
  return `  ${rowsLabel(o.rows)}: ${o.ruleId} (${o.drug}) ← "${o.status}" → ${o.categories.join(', ')}${forms}${names}`;
}

export function formatRagReport(report: RagReport): string[] {
  const lines: string[] = [];
  if (report.encoding && report.delimiter) {
    const blank = report.blankRows > 0 ? `; ${count(report.blankRows, 'blank row')} ignored` : '';
    lines.push(
      `Read ${count(report.dataRows, 'row')} (${ENCODING_LABEL[report.encoding]}, ${DELIMITER_LABEL[report.delimiter]})${blank}.`,
    );
  }
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  if (report.overridden.length > 0) {
    lines.push(`Replaces ${count(report.overridden.length, 'bundled rule')}:`);
    for (const o of report.overridden) lines.push(outcomeLine(o, true));
  }
  if (report.created.length > 0) {
    lines.push(
      `New rules for ${count(report.created.length, 'medicine')} the bundled pack does not list:`,
    );
    for (const o of report.created) lines.push(outcomeLine(o, false));
  }
  if (report.switchedOff.length > 0) {
    lines.push(`National rules switched off (${count(report.switchedOff.length, 'row')}):`);
    for (const o of report.switchedOff) {
      lines.push(
        `  row ${o.row}: "${o.drug}" is "${o.status}": switches off ${o.ruleId} (${o.categories.join(', ')}): ${o.reason}`,
      );
    }
  }
  if (report.services.length > 0) {
    lines.push(
      `Service drug lists from the service column (${count(report.services.length, 'service')}):`,
    );
    for (const x of report.services) {
      lines.push(
        `  ${rowsLabel(x.rows)}: ${x.name} (${x.id}) covers ${x.rules.join(', ')}; replaces the national list`,
      );
    }
  }
  if (report.skipped.length > 0) {
    lines.push(`Not flagged (${count(report.skipped.length, 'row')}):`);
    for (const s of report.skipped) {
      const still =
        s.bundledRuleId && s.bundledCategories
          ? `; the bundled rule ${s.bundledRuleId} still flags it (${s.bundledCategories.join(', ')})`
          : '';
      lines.push(`  row ${s.row}: "${s.drug}" is "${s.status}": ${s.reason}${still}`);
    }
  }
  if (report.problems.length > 0) {
    lines.push(`To resolve (${report.problems.length}):`);
    for (const p of report.problems)
      lines.push(`  ${rowsLabel(p.rows)} [${p.kind}, ${p.outcome}]: ${p.message}`);
  }
  for (const e of report.errors) lines.push(`error: ${e}`);
  return lines;
}
