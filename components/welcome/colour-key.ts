/**
 * The colour key: what each mark looks like and means. The colours are the content script's
 * highlight colours (entrypoints/content/paint/highlights.css; a test keeps the two equal), so the
 * key shows exactly what a page shows.
 */
import { CATEGORY_LABELS, type Category } from '@/rules/schema/rule-pack';

export interface KeyEntry {
  /** The highlight's name as the page sees it (`plens-…`). */
  readonly highlight: string;
  readonly label: string;
  readonly meaning: string;
  /** Tint behind the name, or none for a marker drawn by underline only. */
  readonly background?: string;
  readonly underline: { readonly colour: string; readonly style: 'solid' | 'dotted' };
}

const CATEGORY_KEY: Readonly<
  Record<Category, { background: string; colour: string; meaning: string }>
> = {
  'shared-care': {
    background: '#dbeafe',
    colour: '#1d4ed8',
    meaning: 'The GP prescribes only under a shared care agreement the practice accepts.',
  },
  'specialist-initiation': {
    background: '#ede9fe',
    colour: '#6d28d9',
    meaning: 'A specialist starts and stabilises it; not started in the practice.',
  },
  'no-commissioned-service': {
    background: '#ffedd5',
    colour: '#c2410c',
    meaning: 'Not core GP work unless the practice is commissioned for it.',
  },
  'dependence-forming': {
    background: '#fce7f3',
    colour: '#be185d',
    meaning:
      'Core prescribing, but associated with dependence and withdrawal: review, never stop abruptly.',
  },
};

export const COLOUR_KEY: readonly KeyEntry[] = [
  ...(Object.keys(CATEGORY_KEY) as Category[]).map((c) => ({
    highlight: `plens-${c}`,
    label: CATEGORY_LABELS[c],
    meaning: CATEGORY_KEY[c].meaning,
    background: CATEGORY_KEY[c].background,
    underline: { colour: CATEGORY_KEY[c].colour, style: 'solid' as const },
  })),
  {
    highlight: 'plens-possible',
    label: 'Possible match',
    meaning: 'Looks like a misspelt or shortened medicine name: check the record.',
    underline: { colour: '#92400e', style: 'dotted' },
  },
  {
    highlight: 'plens-past',
    label: 'Past medication',
    meaning: 'In a past or discontinued section: muted, not counted, no co-prescribing notice.',
    underline: { colour: '#6b7280', style: 'dotted' },
  },
];
