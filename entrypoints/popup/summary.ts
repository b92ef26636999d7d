/**
 * The tab at a glance: every frame's summary (as the content scripts report them) merged per rule
 * id, for the popup's list. Pure. Counts add up across frames, names shown are unioned, and a
 * medicine is dismissed only when every frame showing it has it dismissed (what is painted).
 */
import { byPriorityThenName } from '@/rules/views/order';
import type { PopupAlert, PopupDrug } from '@/components/popup/types';
import type { PageSummary } from '@/rules/schema/messages';

export interface FrameSummary {
  readonly frameId: number;
  readonly summary: PageSummary;
}

export interface MergedSummary {
  readonly drugs: PopupDrug[];
  readonly alerts: PopupAlert[];
  /** Set when a frame shows a list of several patients: the most any frame lists. */
  readonly patients?: number;
  /** What "this tab" means for hiding: the top frame's, else the first frame's that says. */
  readonly tabScope?: 'record' | 'page';
  /** The frame to reveal each rule in: most current marks, then most marks, then the top frame. */
  readonly frameOf: ReadonlyMap<string, number>;
}

export function mergeFrameSummaries(frames: readonly FrameSummary[]): MergedSummary {
  const byRule = new Map<
    string,
    {
      drug: PopupDrug;
      names: Map<string, string>;
      best: { frameId: number; current: number; total: number };
    }
  >();
  const ordered = [...frames].sort((a, b) => a.frameId - b.frameId);
  for (const { frameId, summary } of ordered) {
    for (const d of summary.flagged) {
      const rank = { frameId, current: d.current, total: d.current + d.past + d.possible };
      const entry = byRule.get(d.ruleId);
      if (!entry) {
        byRule.set(d.ruleId, {
          drug: { ...d, names: [] },
          names: new Map(d.names.map((n) => [n.toLowerCase(), n])),
          best: rank,
        });
        continue;
      }
      const sum = entry.drug;
      entry.drug = {
        ...sum,
        current: sum.current + d.current,
        past: sum.past + d.past,
        possible: sum.possible + d.possible,
        dismissed: sum.dismissed && d.dismissed,
      };
      if (!entry.drug.dismissed) delete entry.drug.dismissedScope;
      const mentions = (sum.mentions ?? 0) + (d.mentions ?? 0);
      if (mentions > 0) entry.drug = { ...entry.drug, mentions };
      const unstated = (sum.unstated ?? 0) + (d.unstated ?? 0);
      if (unstated > 0) entry.drug = { ...entry.drug, unstated };
      if (sum.patients !== undefined || d.patients !== undefined)
        entry.drug = { ...entry.drug, patients: (sum.patients ?? 0) + (d.patients ?? 0) };
      for (const n of d.names)
        if (!entry.names.has(n.toLowerCase())) entry.names.set(n.toLowerCase(), n);
      const best = entry.best;
      if (rank.current > best.current || (rank.current === best.current && rank.total > best.total))
        entry.best = rank;
    }
  }
  const drugs = [...byRule.values()]
    .map(({ drug, names }) => ({ ...drug, names: [...names.values()] }))
    .sort(byPriorityThenName);
  const frameOf = new Map([...byRule].map(([id, e]) => [id, e.best.frameId]));

  const alerts = new Map<string, { title: string; drugs: Set<string>; patients?: number }>();
  let patients: number | undefined;
  for (const { summary } of ordered) {
    if (summary.patients !== undefined) patients = Math.max(patients ?? 0, summary.patients);
    for (const a of summary.alerts) {
      const entry = alerts.get(a.id) ?? { title: a.title, drugs: new Set<string>() };
      for (const drug of a.drugs) entry.drugs.add(drug);
      if (a.patients !== undefined) entry.patients = (entry.patients ?? 0) + a.patients;
      alerts.set(a.id, entry);
    }
  }
  const tabScope = ordered.find((f) => f.summary.tabScope !== undefined)?.summary.tabScope;
  return {
    drugs,
    ...(tabScope ? { tabScope } : {}),
    alerts: [...alerts].map(([id, a]) => ({
      id,
      title: a.title,
      drugs: [...a.drugs],
      ...(a.patients !== undefined ? { patients: a.patients } : {}),
    })),
    ...(patients !== undefined ? { patients } : {}),
    frameOf,
  };
}
