/**
 * The highlight names visible to the page (each has a `::highlight()` rule in highlights.css,
 * checked by tests/architecture.test.ts), and which one a mark paints in. A mark carries what it
 * is (category, kind, past); the name also depends on the prescriber's style, so a change of style
 * repaints without re-reading the page.
 */
import { CATEGORIES, type Category } from '@/rules/schema/rule-pack';
import type { Settings } from '@/rules/schema/settings';

export type HighlightName =
  `plens-${Category}` | `plens-${Category}-underline` | 'plens-possible' | 'plens-past';

export const HIGHLIGHT_NAMES: readonly HighlightName[] = [
  ...CATEGORIES.map((c) => `plens-${c}` as const),
  ...CATEGORIES.map((c) => `plens-${c}-underline` as const),
  'plens-possible',
  'plens-past',
];

/** What decides a mark's paint. */
export interface Paintable {
  readonly category: Category;
  readonly kind: 'exact' | 'fuzzy';
  readonly isPast: boolean;
}

export function highlightNameOf(mark: Paintable, style: Settings['highlightStyle']): HighlightName {
  if (mark.isPast) return 'plens-past';
  if (mark.kind === 'fuzzy') return 'plens-possible';
  return style === 'underline' ? `plens-${mark.category}-underline` : `plens-${mark.category}`;
}
