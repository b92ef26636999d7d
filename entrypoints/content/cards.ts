/** Builds popover cards from a mark and the effective rules: the text a GP reads, resolved per rule. */
import type { PopoverCard } from '@/components/popover/types';
import type { EffectiveRuleSet } from '@/rules/loader/merge';
import type { Mark } from './page-session';

export function cardsFor(mark: Mark, effective: EffectiveRuleSet, today: string): PopoverCard[] {
  const cards: PopoverCard[] = [];
  for (const id of mark.ruleIds) {
    const resolved = effective.rules.get(id);
    if (!resolved) continue;
    const { rule, pack, categoryText } = resolved;
    const [primary, ...others] = rule.categories;
    if (!primary) continue;
    const primaryText = categoryText[primary];
    cards.push({
      ruleId: rule.id,
      drug: rule.drug,
      matchedText: mark.text,
      kind: mark.kind,
      isPast: mark.isPast,
      categories: rule.categories,
      position: rule.position ?? primaryText?.position ?? '',
      advice: rule.advice ?? primaryText?.advice ?? '',
      alsoPositions: rule.position
        ? []
        : others.flatMap((c) => {
            const position = categoryText[c]?.position;
            return position ? [{ category: c, position }] : [];
          }),
      ...(rule.notes ? { notes: rule.notes } : {}),
      sources: rule.sources,
      pack: {
        name: pack.name,
        packVersion: pack.packVersion,
        publishedAt: pack.publishedAt,
        reviewBy: pack.reviewBy,
        layer: pack.layer,
      },
      reviewOverdue: pack.reviewBy < today,
    });
  }
  return cards;
}
