/**
 * The page summary a pharmacist copies or prints (#18): the medicines flagged on the page, current
 * apart from past or mentioned only, each with its one-line position and next step, and the
 * co-prescribing alerts. Pure. Built only from what the popup already holds (rule ids, pack drug
 * names, counts; no text read from the page), so it carries no patient identifier: a printed or
 * pasted summary says so at the top.
 */
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../schema/rule-pack';
import type { AlertSummary, FlaggedDrug } from '../schema/messages';
import { byPriorityThenName } from './order';

export interface ReportLine {
  readonly ruleId: string;
  readonly drug: string;
  /** "2 current", "current for 3 patients", "1 past, mentioned once". */
  readonly counts: string;
  /** The card's one-line summary (what, why, next step); '' when the rule is no longer in force. */
  readonly summary: string;
}

export interface ReportGroup {
  readonly key: Category | 'past' | 'dismissed';
  readonly heading: string;
  readonly lines: readonly ReportLine[];
}

export interface PageReport {
  readonly title: string;
  /** "7 December 2026 · no patient details included". */
  readonly subtitle: string;
  /** Set on a list of several patients: how the counts read. */
  readonly listNote?: string;
  readonly counts: string;
  readonly alerts: readonly string[];
  readonly groups: readonly ReportGroup[];
  readonly footer: string;
}

export interface PageReportInput {
  readonly drugs: readonly FlaggedDrug[];
  readonly alerts: readonly AlertSummary[];
  readonly patients?: number;
  /** The card summary for a rule (rules/views/card.ts `cardSummary`), or null. */
  readonly summaryFor: (ruleId: string) => string | null;
  /** "7 December 2026". */
  readonly date: string;
  readonly version: string;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function isPastOnly(d: FlaggedDrug): boolean {
  return d.current === 0 && d.possible === 0 && (d.past > 0 || (d.mentions ?? 0) > 0);
}

/**
 * "2 current", "1 possible current" (the page does not say: no current heading or label around
 * it), or "2 current (1 possible)": a possible current medicine is counted, never dropped.
 */
export function currentCount(current: number, unstated: number): string {
  if (unstated <= 0) return `${current} current`;
  if (unstated >= current) return `${current} possible current`;
  return `${current} current (${unstated} possible)`;
}

/** Counts that never include one another, as the popup words them. */
export function countsOf(d: FlaggedDrug): string {
  const parts: string[] = [];
  if (d.current > 0)
    parts.push(
      d.patients === undefined
        ? currentCount(d.current, d.unstated ?? 0)
        : `current for ${plural(d.patients, 'patient', 'patients')}`,
    );
  if (d.possible > 0) parts.push(`${d.possible} possible (misspelt or shortened name)`);
  if (d.past > 0) parts.push(`${d.past} past`);
  const mentions = d.mentions ?? 0;
  if (mentions > 0) parts.push(`mentioned ${mentions === 1 ? 'once' : `${mentions} times`}`);
  if (d.commissioned === true) parts.push('covered by your practice’s service');
  return parts.join(', ');
}

export function pageReport(input: PageReportInput): PageReport {
  const line = (d: FlaggedDrug): ReportLine => ({
    ruleId: d.ruleId,
    drug: d.drug,
    counts: countsOf(d),
    summary: input.summaryFor(d.ruleId) ?? '',
  });
  const sorted = [...input.drugs].sort(byPriorityThenName);
  const active = sorted.filter((d) => !d.dismissed);
  const current = active.filter((d) => !isPastOnly(d));
  // Past ones alphabetically, as the popup lists them: their category matters less there.
  const past = active.filter(isPastOnly).sort((a, b) => a.drug.localeCompare(b.drug));
  const dismissed = sorted.filter((d) => d.dismissed);
  const groups: ReportGroup[] = [
    ...CATEGORIES.map((c) => ({
      key: c,
      heading: CATEGORY_LABELS[c],
      lines: current.filter((d) => d.categories[0] === c).map(line),
    })),
    { key: 'past' as const, heading: 'Past or mentioned only', lines: past.map(line) },
    { key: 'dismissed' as const, heading: 'Dismissed on this page', lines: dismissed.map(line) },
  ].filter((g) => g.lines.length > 0);
  const counts = [
    plural(current.length, 'current medicine', 'current medicines'),
    ...(past.length > 0 ? [`${past.length} past or mentioned only`] : []),
    ...(dismissed.length > 0 ? [`${dismissed.length} dismissed`] : []),
  ].join(' · ');
  return {
    title: 'Prescribing Lens: medicines flagged on this page',
    subtitle: `${input.date} · no patient details included`,
    ...(input.patients !== undefined
      ? {
          listNote: `A list of ${input.patients} patients: each medicine says for how many patients it is current, and co-prescribing is checked for each patient on their own.`,
        }
      : {}),
    counts,
    alerts: input.alerts.map(
      (a) =>
        `${a.title}: ${a.drugs.join(' + ')}${a.patients !== undefined ? ` (${plural(a.patients, 'patient', 'patients')})` : ''}`,
    ),
    groups,
    footer: `Positions from the rule packs in force (Prescribing Lens ${input.version}). An aid to memory for the contractual position, not a prescribing decision: check each against the record. A medicine without a mark is not an all-clear.`,
  };
}

/** The report as plain text, for the clipboard: headings, then "- Drug (counts)" and its line. */
export function pageReportText(report: PageReport): string {
  const out: string[] = [report.title, report.subtitle, ''];
  if (report.listNote) out.push(report.listNote, '');
  out.push(report.counts, '');
  if (report.alerts.length > 0) {
    out.push('Co-prescribing alerts');
    for (const a of report.alerts) out.push(`- ${a}`);
    out.push('');
  }
  for (const g of report.groups) {
    out.push(`${g.heading} (${g.lines.length})`);
    for (const l of g.lines) {
      out.push(`- ${l.drug}${l.counts ? ` (${l.counts})` : ''}`);
      if (l.summary) out.push(`  ${l.summary}`);
    }
    out.push('');
  }
  out.push(report.footer, '');
  return out.join('\n');
}
