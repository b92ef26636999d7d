/**
 * What the toolbar button says about a tab. Pure. "No mark" must never look the same as "not
 * running here" (hazard H8): the colour lens and an "active" title only while a content script in
 * the tab has reported and can paint; everywhere else the grey lens (also the manifest default,
 * entrypoints/popup/index.html) and "not active". The badge keeps counting flagged medicines.
 */
import { badgeRuleIds, type PageSummary } from '@/rules/schema/messages';

export const NOT_ACTIVE_TITLE = 'Prescribing Lens: not active on this page';

export interface TabReport {
  /** Summaries of the tab's frames running our content script (none: not running here). */
  readonly summaries: readonly PageSummary[];
  /** How many of those frames report that the page keeps removing their marks. */
  readonly blockedFrames: number;
  /** How many of those frames report that an error stopped their scan. */
  readonly failedFrames?: number;
}

export interface ActionView {
  /** Colour lens (active) or grey (not): lens-icon.ts. */
  readonly isActive: boolean;
  readonly title: string;
  readonly badge: string;
}

function medicines(n: number): string {
  return `${n} ${n === 1 ? 'medicine' : 'medicines'}`;
}

export function describeTab({ summaries, blockedFrames, failedFrames = 0 }: TabReport): ActionView {
  const count = badgeRuleIds(summaries).length;
  const badge = count > 0 ? String(count) : '';
  if (summaries.length === 0 && failedFrames === 0) {
    return { isActive: false, title: NOT_ACTIVE_TITLE, badge };
  }
  if (failedFrames > 0) {
    const found = count > 0 ? `; ${medicines(count)} flagged so far, listed in the popup` : '';
    return {
      isActive: false,
      title: `Prescribing Lens: not working on this page — an error stopped it reading the page; reload to try again${found}`,
      badge,
    };
  }
  if (blockedFrames > 0) {
    const found = count > 0 ? `; ${medicines(count)} flagged, listed in the popup` : '';
    return {
      isActive: false,
      title: `Prescribing Lens: not working on this page — the page keeps removing its marks${found}`,
      badge,
    };
  }
  let detail: string;
  // Never mute silently (issue #16): past-only medicines are counted in the title too.
  const current = new Set(badgeRuleIds(summaries));
  const muted = new Set<string>();
  for (const s of summaries)
    for (const d of s.flagged) if (d.past > 0 && !current.has(d.ruleId)) muted.add(d.ruleId);
  const mutedNote = muted.size > 0 ? ` · ${muted.size} past only, shown muted` : '';
  if (count > 0) detail = `${medicines(count)} flagged in current medication${mutedNote}`;
  else if (summaries.some((s) => s.flagged.length > 0))
    detail = `no medicines flagged in current medication${mutedNote}`;
  else detail = 'no listed medicines found';
  return {
    isActive: true,
    title: `Prescribing Lens: active on this page — ${detail}`,
    badge,
  };
}
