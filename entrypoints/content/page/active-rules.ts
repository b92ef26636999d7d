/**
 * The rules and settings a page is annotated with right now, and how a match maps to a highlight
 * name. Rebuilt (once) whenever packs, settings or policy change; never per scan.
 */
import type { MatchKind } from '@/rules/engine';
import { primaryCategory, type ActiveRuleSet } from '@/rules/loader/activate';
import { activateRuleSet } from '@/rules/bundled';
import type { PageRuleState, RuleState } from '@/rules/store/state';
import type { HighlightName } from '../scan/page-session';

export interface ActiveRules extends ActiveRuleSet {
  readonly state: RuleState;
  /** YYYY-MM-DD, for review-date warnings. */
  readonly today: string;
}

/** Restores the compiled set the background built; compiles only when there is none. */
export function activate({ state, compiled }: PageRuleState, now: Date = new Date()): ActiveRules {
  return {
    ...activateRuleSet(state.layers, { compiled }),
    state,
    today: now.toISOString().slice(0, 10),
  };
}

/** Which highlight a match paints in; null when its category is switched off. */
export function highlightFor(
  rules: ActiveRules,
  ruleIds: readonly string[],
  kind: MatchKind,
  isPast: boolean,
): HighlightName | null {
  const category = primaryCategory(rules.effective, ruleIds);
  if (!category || !rules.state.settings.categories[category]) return null;
  if (isPast) return 'plens-past';
  if (kind === 'fuzzy') return 'plens-possible';
  return rules.state.settings.highlightStyle === 'underline'
    ? `plens-${category}-underline`
    : `plens-${category}`;
}

/** Problems the user must hear about (a pack that failed to load), for the popover footer. */
export function noticesOf(rules: ActiveRules): string[] {
  return [...rules.state.problems.map((p) => p.message), ...rules.state.policyProblems];
}
