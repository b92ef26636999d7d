/**
 * The rules and settings a page is annotated with right now, and which category a match is
 * marked for. Rebuilt (once) whenever packs, settings or policy change; never per scan.
 */
import { matchText, warmUpSteps, type CompiledRuleSet, type Match } from '@/rules/engine';
import type { RuleLayers } from '@/rules/loader/layers';
import { primaryCategory, type ActiveRuleSet } from '@/rules/loader/restore';
import { restorePageRules } from '@/rules/bundled/page';
import type { PageRuleState, RuleState } from '@/rules/store/page-state';
import { CATEGORIES, type Category } from '@/rules/schema/rule-pack';
import { remainingCategories } from '@/rules/views/practice-position';

/**
 * Rules ready to scan with: the layers merged, the compiled set restored, and the engine's
 * `matchText` to read it with (this frame's, or that of the frame that restored the set:
 * page/shared-rules.ts).
 */
export interface ReadyRules extends ActiveRuleSet {
  readonly layers: RuleLayers;
  readonly matchText: (set: CompiledRuleSet, text: string) => Match[];
  /** The same engine's first-use tables, as steps (rules/engine/warm-up.ts). */
  readonly warmUpSteps: (set: CompiledRuleSet) => readonly (() => void)[];
}

export interface ActiveRules extends ActiveRuleSet {
  readonly matchText: ReadyRules['matchText'];
  readonly warmUpSteps: ReadyRules['warmUpSteps'];
  readonly state: RuleState;
  /** YYYY-MM-DD, for review-date warnings. */
  readonly today: string;
}

/**
 * Restores the compiled set the background built (or, for the bundled pack alone, the one built
 * with the extension). A page never compiles (rules/store/page-state.ts).
 */
export function activate({ state, compiled }: PageRuleState, now: Date = new Date()): ActiveRules {
  return {
    ...restorePageRules(state.layers, compiled),
    matchText,
    warmUpSteps,
    state,
    today: now.toISOString().slice(0, 10),
  };
}

/**
 * The category a name is marked for: its rules' most important one, or null when switched off.
 * Flags follow the practice profile (#19): a category answered by a service the practice provides
 * is not a trap for it. When every category is answered, the name keeps its national category but
 * is painted quietly (`isQuietFor`), or not at all when the preference is `hidden`.
 */
export function categoryFor(rules: ActiveRules, ruleIds: readonly string[]): Category | null {
  const { practice, commissionedFlags } = rules.state.settings;
  if (practice) {
    let best: Category | null = null;
    let isAnyStillFlagged = false;
    for (const id of ruleIds) {
      const resolved = rules.effective.rules.get(id);
      if (!resolved) continue;
      const first = remainingCategories(resolved.rule, rules.effective.services, practice)[0];
      if (first === undefined) continue;
      isAnyStillFlagged = true;
      if (best === null || CATEGORIES.indexOf(first) < CATEGORIES.indexOf(best)) best = first;
    }
    if (isAnyStillFlagged) return best && rules.state.settings.categories[best] ? best : null;
    if (commissionedFlags === 'hidden') return null;
  }
  const category = primaryCategory(rules.effective, ruleIds);
  return category && rules.state.settings.categories[category] ? category : null;
}

/**
 * True when the practice is commissioned for every category of these rules, so the mark is painted
 * quietly (underline only) rather than as a trap.
 */
export function isQuietFor(rules: ActiveRules, ruleIds: readonly string[]): boolean {
  const { practice } = rules.state.settings;
  if (!practice || practice.services.length === 0) return false;
  return ruleIds.every((id) => {
    const resolved = rules.effective.rules.get(id);
    return (
      resolved !== undefined &&
      remainingCategories(resolved.rule, rules.effective.services, practice).length === 0
    );
  });
}

/** Problems the user must hear about (a pack that failed to load), for the popover footer. */
export function noticesOf(rules: ActiveRules): string[] {
  return [...rules.state.problems.map((p) => p.message), ...rules.state.policyProblems];
}
