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

  const alerts = new Map<string, { title: string; drugs: Set<string> }>();
  for (const { summary } of ordered) {
    for (const a of summary.alerts) {
      const entry = alerts.get(a.id) ?? { title: a.title, drugs: new Set<string>() };
      for (const drug of a.drugs) entry.drugs.add(drug);
      alerts.set(a.id, entry);
    }
  }
  return {
    drugs,
    alerts: [...alerts].map(([id, a]) => ({ id, title: a.title, drugs: [...a.drugs] })),
    frameOf,
  };
}
