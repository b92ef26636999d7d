/** Popover cards for a mark: one per rule the name maps to (combination or form-dependent names). */
import { cardFromRule } from '@/rules/views/card';
import type { PopoverCard } from '@/rules/views/card';
import type { EffectiveRuleSet } from '@/rules/loader/merge';
import type { Mark } from '../scan/page-session';

export function cardsFor(
  mark: Mark,
  effective: EffectiveRuleSet,
  today: string,
  isLinkAllowed: (url: string) => boolean = () => true,
): PopoverCard[] {
  const view = {
    matchedText: mark.text,
    kind: mark.kind,
    isPast: mark.isPast,
    isMention: mark.reading === 'mention',
  };
  return mark.ruleIds.flatMap((id) => {
    const resolved = effective.rules.get(id);
    const card = resolved ? cardFromRule(resolved, view, today, isLinkAllowed) : null;
    return card ? [card] : [];
  });
}
