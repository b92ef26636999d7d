import type { Category, Source } from '@/rules/schema/rule-pack';

/** Everything one popover card shows about one rule; built by the content script, rendered as text. */
export interface PopoverCard {
  readonly ruleId: string;
  readonly drug: string;
  /** The name as it appears on the page. */
  readonly matchedText: string;
  readonly kind: 'exact' | 'fuzzy';
  /** The name sits in a past or discontinued section of the screen. */
  readonly isPast?: boolean;
  readonly categories: readonly Category[];
  readonly position: string;
  readonly advice: string;
  /** Positions of the rule's other categories, when the rule gives no text of its own. */
  readonly alsoPositions: readonly { readonly category: Category; readonly position: string }[];
  readonly notes?: string;
  readonly sources: readonly Source[];
  readonly pack: {
    readonly name: string;
    readonly packVersion: string;
    readonly publishedAt: string;
    readonly reviewBy: string;
    readonly layer: 'bundled' | 'local' | 'managed';
  };
  readonly reviewOverdue: boolean;
}
