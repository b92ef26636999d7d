/**
 * What changes on screen if one effective rule set replaces another: rules added, changed and
 * removed, and names whose highlight colour moves to another category. Pure. The options page shows
 * this before an admin confirms an import, so the comparison is about what a clinician would see
 * (names, forms, categories, popover text, sources), never about object identity.
 */
import { normalizeName } from '../engine';
import { CATEGORIES, type Category } from '../schema/rule-pack';
import type { DisabledRule, EffectiveRuleSet, ResolvedRule } from '../loader/merge';

/** The parts of a rule a clinician can see, in the order the preview lists them. */
export const RULE_FIELDS = [
  'drug',
  'names',
  'forms',
  'categories',
  'summary',
  'position',
  'advice',
  'notes',
  'sources',
  'lastReviewed',
  'categoryText',
  'layer',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

export interface RuleChange {
  readonly id: string;
  readonly before: ResolvedRule;
  readonly after: ResolvedRule;
  /** Which visible parts differ (`layer`: the same content now comes from another pack layer). */
  readonly fields: readonly RuleField[];
  readonly namesAdded: readonly string[];
  readonly namesRemoved: readonly string[];
}

export interface RemovedRule {
  readonly id: string;
  readonly before: ResolvedRule;
  /** Set when a pack's `disable` list switched the rule off (its reason is shown to users). */
  readonly disabledBy?: DisabledRule;
}

/** A name that is flagged before and after, but in a different colour (first category). */
export interface NameMove {
  readonly name: string;
  readonly from: Category;
  readonly to: Category;
}

export interface RuleSetDiff {
  readonly added: readonly ResolvedRule[];
  readonly changed: readonly RuleChange[];
  readonly removed: readonly RemovedRule[];
  readonly movedNames: readonly NameMove[];
  /** Services and directory entries added, changed or removed, by name (#19). */
  readonly services?: ItemDiff;
  readonly directory?: ItemDiff;
}

/** Names of the services or directory entries that change. */
export interface ItemDiff {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

function diffItems<T extends { readonly id: string; readonly name: string }>(
  before: ReadonlyMap<string, { readonly item: T }>,
  after: ReadonlyMap<string, { readonly item: T }>,
): ItemDiff {
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [id, { item }] of after) {
    const prev = before.get(id);
    if (!prev) added.push(item.name);
    else if (canonical(prev.item) !== canonical(item)) changed.push(item.name);
  }
  for (const [id, { item }] of before) if (!after.has(id)) removed.push(item.name);
  return { added, changed, removed };
}

function isEmptyItems(d: ItemDiff | undefined): boolean {
  return !d || d.added.length + d.changed.length + d.removed.length === 0;
}

/** JSON with object keys sorted, so two equal rules compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries);
  });
}

function nameKey(name: string): string {
  return normalizeName(name).join(' ');
}

function changedFields(before: ResolvedRule, after: ResolvedRule): RuleField[] {
  const out: RuleField[] = [];
  for (const field of RULE_FIELDS) {
    if (field === 'layer') {
      if (before.pack.layer !== after.pack.layer) out.push(field);
    } else if (field === 'categoryText') {
      if (canonical(before.categoryText) !== canonical(after.categoryText)) out.push(field);
    } else if (canonical(before.rule[field]) !== canonical(after.rule[field])) {
      out.push(field);
    }
  }
  return out;
}

/** Names listed by `a` but not by `b`, compared as the matcher compares them (case, punctuation). */
function namesOnlyIn(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b.map(nameKey));
  return a.filter((n) => !other.has(nameKey(n)));
}

/**
 * For each matchable name, the colour it is painted in: the most important first category among
 * the rules that list it (as `primaryCategory` decides at match time). The first spelling seen is
 * kept for display.
 */
function nameColours(set: EffectiveRuleSet): Map<string, { name: string; category: Category }> {
  const out = new Map<string, { name: string; category: Category }>();
  for (const { rule } of set.rules.values()) {
    const first = rule.categories[0];
    if (!first) continue;
    for (const name of rule.names) {
      const key = nameKey(name);
      if (key === '') continue;
      const prior = out.get(key);
      if (!prior || CATEGORIES.indexOf(first) < CATEGORIES.indexOf(prior.category)) {
        out.set(key, { name: prior?.name ?? name, category: first });
      }
    }
  }
  return out;
}

const byDrug = (a: { drug: string }, b: { drug: string }) =>
  a.drug.localeCompare(b.drug, 'en-GB', { sensitivity: 'base' });

export function diffRuleSets(before: EffectiveRuleSet, after: EffectiveRuleSet): RuleSetDiff {
  const added: ResolvedRule[] = [];
  const changed: RuleChange[] = [];
  const removed: RemovedRule[] = [];

  for (const [id, next] of after.rules) {
    const prev = before.rules.get(id);
    if (!prev) {
      added.push(next);
      continue;
    }
    const fields = changedFields(prev, next);
    if (fields.length === 0) continue;
    changed.push({
      id,
      before: prev,
      after: next,
      fields,
      namesAdded: namesOnlyIn(next.rule.names, prev.rule.names),
      namesRemoved: namesOnlyIn(prev.rule.names, next.rule.names),
    });
  }
  for (const [id, prev] of before.rules) {
    if (after.rules.has(id)) continue;
    const disabledBy = after.disabled.find((d) => d.ruleId === id);
    removed.push({ id, before: prev, ...(disabledBy ? { disabledBy } : {}) });
  }

  const movedNames: NameMove[] = [];
  const was = nameColours(before);
  for (const [key, now] of nameColours(after)) {
    const then = was.get(key);
    if (then && then.category !== now.category) {
      movedNames.push({ name: then.name, from: then.category, to: now.category });
    }
  }

  added.sort((a, b) => byDrug(a.rule, b.rule));
  changed.sort((a, b) => byDrug(a.after.rule, b.after.rule));
  removed.sort((a, b) => byDrug(a.before.rule, b.before.rule));
  movedNames.sort((a, b) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }));
  return {
    added,
    changed,
    removed,
    movedNames,
    services: diffItems(before.services, after.services),
    directory: diffItems(before.directory, after.directory),
  };
}

/** True when replacing `before` with `after` changes nothing a clinician would see. */
export function isEmptyDiff(diff: RuleSetDiff): boolean {
  return (
    diff.added.length === 0 &&
    diff.changed.length === 0 &&
    diff.removed.length === 0 &&
    diff.movedNames.length === 0 &&
    isEmptyItems(diff.services) &&
    isEmptyItems(diff.directory)
  );
}

/** Plain-English labels for the changed fields, as an admin reads them. */
export const RULE_FIELD_LABELS: Readonly<Record<RuleField, string>> = {
  drug: 'drug name',
  names: 'names',
  forms: 'form words',
  categories: 'categories',
  summary: 'one-line summary',
  position: 'contractual position',
  advice: 'advice',
  notes: 'notes',
  sources: 'sources',
  lastReviewed: 'last reviewed date',
  categoryText: 'category text',
  layer: 'pack it comes from',
};
