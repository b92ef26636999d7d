/** Popover cards for a mark: one per rule the name maps to (combination or form-dependent names). */
import { cardFromRule } from '@/rules/views/card';
import type { PopoverCard } from '@/rules/views/card';
import type { EffectiveRuleSet } from '@/rules/loader/merge';
import type { Settings } from '@/rules/schema/settings';
import type { Mark } from '../scan/page-session';

export function cardsFor(
  mark: Mark,
  effective: EffectiveRuleSet,
  today: string,
  isLinkAllowed: (url: string) => boolean = () => true,
  /** The settings in force, for "Your practice" and "Where to refer" (#19). */
  settings?: Pick<Settings, 'practice' | 'commissionedFlags'>,
  /** The practice's board by name, from the bundled data (this room does not read it). */
  icbName?: string,
): PopoverCard[] {
  const practice = settings
    ? {
        services: effective.services,
        directory: effective.directory,
        profile: settings.practice,
        ...(icbName ? { icbName } : {}),
        ...(settings.commissionedFlags ? { commissionedFlags: settings.commissionedFlags } : {}),
      }
    : undefined;
  const view = {
    matchedText: mark.text,
    kind: mark.kind,
    ...(mark.isFamily ? { isFamily: true } : {}),
    isPast: mark.isPast,
    isMention: mark.reading === 'mention',
    ...(mark.isUnstated ? { isUnstated: true } : {}),
  };
  return mark.ruleIds.flatMap((id) => {
    const resolved = effective.rules.get(id);
    const card = resolved ? cardFromRule(resolved, view, today, isLinkAllowed, practice) : null;
    return card ? [card] : [];
  });
}
