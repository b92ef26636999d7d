/**
 * The page at a glance, for the toolbar badge, the popup and the co-prescribing notice: per
 * medicine, how many marks are current, past or possible, and which co-prescribing alerts the
 * current medication triggers. Only listed names are quoted: an exact mark's text, with invisible
 * characters dropped, is sent only when it is one of its rules' own names (in the page's case);
 * anything else (a product name from the dictionary, a name padded with 250 zero-width spaces,
 * issue #16) is sent as the rule's drug name. Misspellings are counted, never copied out of the page.
 */
import { byPriorityThenName } from '@/rules/views/order';
import { visibleText } from '@/rules/views/visible-text';
import type { NoticeItem } from '@/components/popover/CoPrescribingNotice';
import { describeGroups, findCoPrescribing } from '@/rules/views/coprescribing';
import type { EffectiveRuleSet } from '@/rules/loader/merge';
import type { FlaggedDrug, PageSummary } from '@/rules/schema/messages';
import type { PracticeProfile } from '@/rules/schema/settings';
import { remainingCategories } from '@/rules/views/practice-position';
import type { Mark } from '../scan/page-session';

export interface PageState {
  readonly summary: PageSummary;
  readonly notices: readonly NoticeItem[];
}

export function summarizePage(
  marks: Iterable<Mark>,
  effective: EffectiveRuleSet,
  dismissed: ReadonlySet<string>,
  dismissedAlerts: ReadonlySet<string> = new Set(),
  /** The practice profile (#19): categories it is commissioned for are not counted as traps. */
  practice?: PracticeProfile,
): PageState {
  const byRule = new Map<string, { drug: FlaggedDrug; names: Map<string, string> }>();
  for (const mark of marks) {
    for (const ruleId of mark.ruleIds) {
      const resolved = effective.rules.get(ruleId);
      if (!resolved) continue;
      let entry = byRule.get(ruleId);
      if (!entry) {
        const remaining = remainingCategories(resolved.rule, effective.services, practice);
        entry = {
          drug: {
            ruleId,
            drug: resolved.rule.drug,
            categories: remaining.length > 0 ? remaining : [...resolved.rule.categories],
            ...(remaining.length === 0 ? { commissioned: true } : {}),
            names: [],
            current: 0,
            past: 0,
            possible: 0,
            dismissed: dismissed.has(ruleId),
          },
          names: new Map(),
        };
        byRule.set(ruleId, entry);
      }
      if (mark.isPast) entry.drug.past++;
      else if (mark.kind === 'fuzzy') entry.drug.possible++;
      else entry.drug.current++;
      if (mark.kind === 'exact') {
        const name = listedNameOf(mark, effective) ?? resolved.rule.drug;
        const key = name.toLowerCase();
        if (!entry.names.has(key)) entry.names.set(key, name);
      }
    }
  }
  const flagged = [...byRule.values()]
    .map(({ drug, names }) => ({ ...drug, names: [...names.values()] }))
    .sort(byPriorityThenName);

  const current = flagged.filter((d) => d.current > 0).map((d) => d.ruleId);
  const triggered = findCoPrescribing(effective, current);
  const drugName = (id: string) => effective.rules.get(id)?.rule.drug ?? id;
  return {
    summary: {
      flagged,
      alerts: triggered.map((t) => ({
        id: t.alert.id,
        title: t.alert.title,
        drugs: [...new Set(t.groupRuleIds.flat())].map(drugName),
      })),
    },
    notices: triggered
      .filter((t) => !dismissedAlerts.has(t.alert.id))
      .map((t) => ({
        id: t.alert.id,
        title: t.alert.title,
        drugs: describeGroups(t.groupRuleIds.map((g) => g.map(drugName))),
        message: t.alert.message,
        advice: t.alert.advice,
        sources: t.alert.sources,
      })),
  };
}

/**
 * The mark's text as the page shows it, without invisible characters, when that is one of its
 * rules' listed names (any case); null otherwise. So what leaves the page is a pack name, never
 * free page text, and never longer than the pack allows.
 */
function listedNameOf(mark: Mark, effective: EffectiveRuleSet): string | null {
  const shown = visibleText(mark.text);
  const key = shown.toLowerCase();
  for (const id of mark.ruleIds) {
    const names = effective.rules.get(id)?.rule.names ?? [];
    if (names.some((n) => n.toLowerCase() === key)) return shown;
  }
  return null;
}
