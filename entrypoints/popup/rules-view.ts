/**
 * The popup's view of the rules in force: a typo-tolerant look-up over every rule's drug and names
 * (with the bundled brand names the content script also matches), the popover card for a rule,
 * and its next-step letters. Built once per popup opening; nothing here reads a page.
 */
import Fuse from 'fuse.js';
import { cardFromRule } from '@/rules/views/card';
import type { PopoverCard } from '@/rules/views/card';
import type { LetterView, LookupHit, RulesView } from '@/components/popup/types';
import { type ProductNames } from '@/rules/loader/activate';
import { bundledProductNames } from '@/rules/bundled';
import { ICB_NAMES } from '@/rules/schema/icbs';
import { lettersForRule } from '@/rules/views/letters';
import type { EffectiveRuleSet, ResolvedRule } from '@/rules/loader/merge';
import type { Settings } from '@/rules/schema/settings';
import { practicePosition, type PracticeContext } from '@/rules/views/practice-position';
import { expandRuleNames, type RuleNameExpansion } from '@/rules/names/expand';

interface NameEntry {
  readonly ruleId: string;
  readonly drug: string;
  readonly name: string;
}

const MAX_HITS = 6;

/** The card the page popover shows for the rule, as a look-up answer under the drug's own name. */
export function cardForRule(
  resolved: ResolvedRule,
  today: string,
  practice?: Omit<PracticeContext, 'today' | 'isLinkAllowed'>,
): PopoverCard | null {
  return cardFromRule(
    resolved,
    { matchedText: resolved.rule.drug, kind: 'exact', isPast: false },
    today,
    undefined,
    practice,
  );
}

/** Every name a rule answers to: its drug, its listed names, then bundled brand names; once each. */
function nameEntries(effective: EffectiveRuleSet, productNames: ProductNames | null): NameEntry[] {
  const rules = [...effective.rules.values()].map(({ rule }) => rule);
  const expansion: ReadonlyMap<string, RuleNameExpansion> = productNames
    ? expandRuleNames(rules, productNames.index, productNames.policy)
    : new Map();
  const out: NameEntry[] = [];
  for (const rule of rules) {
    const extra = expansion.get(rule.id);
    const seen = new Set<string>();
    const all = [
      rule.drug,
      ...rule.names,
      ...(extra ? [...extra.names, ...extra.caseSensitive, ...extra.needsContext] : []),
    ];
    for (const name of all) {
      const key = name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ruleId: rule.id, drug: rule.drug, name });
    }
  }
  return out;
}

/** Lower case, no accents, one space between words; a strength and anything after it dropped. */
export function normalizeQuery(text: string): string {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const strength = words.findIndex((w) => /^\d/.test(w));
  return (strength < 0 ? words : words.slice(0, strength)).join(' ');
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), capped at `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/** Typos allowed for a query of this length: none below 5 letters, 1 up to 7, then 2. */
function allowedTypos(length: number): number {
  if (length < 5) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * How well `name` answers `query` (both normalised), lower is better; null when it does not.
 * 0 the whole name, 1 the name starts with it, 2 a word of the name starts with it (3+ letters),
 * 3 a typo or two in the name or one of its words (or in the start of either, for a name typed in
 * part) with the first letter right: people rarely misspell the first letter, and without that
 * rule "ibuprofen" would answer with Cuprofen Plus (codeine) and "omeprazole" with loprazolam.
 */
export function matchTier(query: string, name: string): number | null {
  if (query.length < 2) return null;
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  const words = name.split(' ');
  if (query.length >= 3 && words.some((w) => w.startsWith(query))) return 2;
  const max = allowedTypos(query.length);
  if (max === 0) return null;
  for (const candidate of [name, ...words]) {
    if (candidate[0] !== query[0]) continue;
    for (let len = query.length - max; len <= query.length + max; len++) {
      const part = len >= candidate.length ? candidate : candidate.slice(0, len);
      if (editDistance(query, part, max) <= max) return 3;
      if (len >= candidate.length) break;
    }
  }
  return null;
}

export interface RulesViewOptions {
  /** Today, for review dates and letter dates (default: now). */
  readonly now?: Date;
  /** Brand names to search as well (default: the bundled index; null for the packs' names only). */
  readonly productNames?: ProductNames | null;
  /** The settings in force, for "Your practice" and "Where to refer" on the card (#19). */
  readonly settings?: Pick<Settings, 'practice' | 'commissionedFlags'>;
}

export function createRulesView(
  effective: EffectiveRuleSet,
  options: RulesViewOptions = {},
): RulesView {
  const now = options.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const practice = options.settings
    ? {
        services: effective.services,
        directory: effective.directory,
        profile: options.settings.practice,
        ...(options.settings.practice?.icb
          ? { icbName: ICB_NAMES[options.settings.practice.icb] }
          : {}),
        ...(options.settings.commissionedFlags
          ? { commissionedFlags: options.settings.commissionedFlags }
          : {}),
      }
    : undefined;
  const names = options.productNames === undefined ? bundledProductNames() : options.productNames;
  const fuse = new Fuse(nameEntries(effective, names), {
    keys: ['name'],
    includeScore: true,
    ignoreLocation: true,
    ignoreDiacritics: true,
    // Fuse gathers candidates generously (0 is exact, 1 anything); `matchTier` then keeps the
    // ones a clinician would accept as the medicine they meant, and ranks them.
    threshold: 0.45,
  });
  return {
    search(query: string): readonly LookupHit[] {
      const q = normalizeQuery(query);
      if (q.length < 2) return [];
      const ranked = fuse
        .search(q)
        .map(({ item, score }) => ({
          item,
          score: score ?? 1,
          tier: matchTier(q, normalizeQuery(item.name)),
        }))
        .filter((r): r is { item: NameEntry; score: number; tier: number } => r.tier !== null)
        .sort(
          (a, b) => a.tier - b.tier || a.score - b.score || a.item.drug.localeCompare(b.item.drug),
        );
      const hits: LookupHit[] = [];
      const seen = new Set<string>();
      for (const { item } of ranked) {
        if (seen.has(item.ruleId)) continue;
        seen.add(item.ruleId);
        hits.push({ ruleId: item.ruleId, drug: item.drug, matchedName: item.name });
        if (hits.length === MAX_HITS) break;
      }
      return hits;
    },
    cardFor(ruleId: string): PopoverCard | null {
      const resolved = effective.rules.get(ruleId);
      return resolved ? cardForRule(resolved, today, practice) : null;
    },
    lettersFor(ruleId: string): readonly LetterView[] {
      const resolved = effective.rules.get(ruleId);
      if (!resolved) return [];
      const position = practice ? practicePosition(resolved, { ...practice, today }) : undefined;
      return lettersForRule(resolved, now, position).map(({ id, title, audience, text }) => ({
        id,
        title,
        audience,
        text,
      }));
    },
  };
}
