/**
 * Which co-prescribing alerts a screen's current medication triggers. An alert's groups must each
 * be met by a different medicine (so "more than one opioid" needs two opioid rules, and one
 * combination product never pairs with itself). Pure; the content script passes the rule ids of
 * current (not past) exact matches.
 */
import type { CoPrescribingAlert } from '../schema/rule-pack';
import type { EffectiveRuleSet } from '../loader/merge';

export interface TriggeredAlert {
  readonly alert: CoPrescribingAlert;
  /** One rule id per group, in group order: a witness that the alert applies. */
  readonly ruleIds: readonly string[];
  /** Every current rule that fits each group, in group order (for naming them all). */
  readonly groupRuleIds: readonly (readonly string[])[];
}

/** Finds distinct rules for every group (backtracking; groups and rules are few). */
function assign(
  groups: readonly (readonly string[])[],
  candidates: readonly (readonly string[])[],
  index: number,
  used: Set<string>,
): string[] | null {
  if (index === groups.length) return [];
  for (const id of candidates[index] ?? []) {
    if (used.has(id)) continue;
    used.add(id);
    const rest = assign(groups, candidates, index + 1, used);
    used.delete(id);
    if (rest) return [id, ...rest];
  }
  return null;
}

export function findCoPrescribing(
  effective: EffectiveRuleSet,
  currentRuleIds: Iterable<string>,
): TriggeredAlert[] {
  const present = [...new Set(currentRuleIds)].filter((id) => effective.rules.has(id)).sort();
  const classesOf = (id: string) => effective.rules.get(id)?.rule.classes ?? [];
  const triggered: TriggeredAlert[] = [];
  for (const alert of effective.alerts.values()) {
    const candidates = alert.groups.map((group) =>
      present.filter((id) => classesOf(id).some((c) => group.includes(c))),
    );
    if (candidates.some((c) => c.length === 0)) continue;
    const ruleIds = assign(alert.groups, candidates, 0, new Set());
    if (ruleIds) triggered.push({ alert, ruleIds, groupRuleIds: candidates });
  }
  return triggered;
}

/**
 * How a notice names the medicines: groups joined by " + ", alternatives within a group by ", "
 * ("Buprenorphine, Codeine + Diazepam"); groups that are the same set are named once
 * ("Buprenorphine + Codeine" for two opioids).
 */
export function describeGroups(groups: readonly (readonly string[])[]): string {
  const first = groups[0] ?? [];
  const same = groups.every((g) => g.length === first.length && g.every((x, i) => x === first[i]));
  if (same) return first.join(' + ');
  return groups.map((g) => g.join(', ')).join(' + ');
}
