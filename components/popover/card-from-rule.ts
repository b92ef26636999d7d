/**
 * The popover card for one effective rule: the text a GP reads, resolved from the rule, its
 * category defaults and its pack. Shared by the page popover and the popup's look-up, so both
 * always say the same thing. Pure: data in, data out.
 */
import type { ResolvedRule } from '@/rules/loader/merge';
import type { PopoverCard } from './types';

/** How the name was found: on the page (as shown, exact or fuzzy, current or past) or looked up. */
export interface CardView {
  readonly matchedText: string;
  readonly kind: 'exact' | 'fuzzy';
  readonly isPast: boolean;
}

/**
 * @param isLinkAllowed policy filter for source links; a source it refuses keeps its title and
 *   publisher but loses its link (shown as plain text).
 */
export function cardFromRule(
  resolved: ResolvedRule,
  view: CardView,
  today: string,
  isLinkAllowed: (url: string) => boolean = () => true,
): PopoverCard | null {
  const { rule, pack, categoryText } = resolved;
  const [primary, ...others] = rule.categories;
  if (!primary) return null;
  const primaryText = categoryText[primary];
  return {
    ruleId: rule.id,
    drug: rule.drug,
    matchedText: view.matchedText,
    kind: view.kind,
    isPast: view.isPast,
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
    sources: rule.sources.map((source) =>
      isLinkAllowed(source.url) ? source : { ...source, url: '' },
    ),
    pack: {
      name: pack.name,
      packVersion: pack.packVersion,
      publishedAt: pack.publishedAt,
      reviewBy: pack.reviewBy,
      layer: pack.layer,
    },
    reviewOverdue: pack.reviewBy < today,
  };
}
