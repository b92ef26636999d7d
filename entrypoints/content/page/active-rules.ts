/**
 * The rules and settings a page is annotated with right now, and which category a match is
 * marked for. Rebuilt (once) whenever packs, settings or policy change; never per scan.
 */
import { primaryCategory, type ActiveRuleSet } from '@/rules/loader/activate';
import { activateRuleSet } from '@/rules/bundled';
import type { PageRuleState, RuleState } from '@/rules/store/state';
import type { Category } from '@/rules/schema/rule-pack';

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

/** The category a name is marked for: its rules' most important one, or null when switched off. */
export function categoryFor(rules: ActiveRules, ruleIds: readonly string[]): Category | null {
  const category = primaryCategory(rules.effective, ruleIds);
  return category && rules.state.settings.categories[category] ? category : null;
}

/** Problems the user must hear about (a pack that failed to load), for the popover footer. */
export function noticesOf(rules: ActiveRules): string[] {
  return [...rules.state.problems.map((p) => p.message), ...rules.state.policyProblems];
}
