/**
 * The highlight names visible to the page (each has a `::highlight()` rule in highlights.css,
 * checked by tests/architecture.test.ts), and which one a mark paints in. A mark carries what it
 * is (category, kind, past); the name also depends on the prescriber's style and on the page's
 * weight (paint/paint-weight.ts), so either change repaints without re-reading the page.
 */
import { CATEGORIES, type Category } from '@/rules/schema/rule-pack';
import type { Settings } from '@/rules/schema/settings';

type DecoratedName =
  `plens-${Category}` | `plens-${Category}-underline` | 'plens-possible' | 'plens-past';

/**
 * A decorated name's twin without `text-decoration`, for heavy pages: Chromium re-computes the
 * visual overflow of a decorated mark's whole painting layer on every registry change and on every
 * style or DOM change the page makes while it is registered (bench/README.md, "The first screen
 * first").
 */
export type PlainName = `${DecoratedName}-plain`;

export type HighlightName = DecoratedName | PlainName;

const DECORATED_NAMES: readonly DecoratedName[] = [
  ...CATEGORIES.map((c) => `plens-${c}` as const),
  ...CATEGORIES.map((c) => `plens-${c}-underline` as const),
  'plens-possible',
  'plens-past',
];

export const HIGHLIGHT_NAMES: readonly HighlightName[] = [
  ...DECORATED_NAMES,
  ...DECORATED_NAMES.map((n) => `${n}-plain` as const),
];

/** What decides a mark's paint. */
export interface Paintable {
  readonly category: Category;
  readonly kind: 'exact' | 'fuzzy';
  readonly isPast: boolean;
}

/** @param plain the page is heavy: paint without `text-decoration` (see `PlainName`). */
export function highlightNameOf(
  mark: Paintable,
  style: Settings['highlightStyle'],
  plain = false,
): HighlightName {
  const name = decoratedNameOf(mark, style);
  return plain ? `${name}-plain` : name;
}

function decoratedNameOf(mark: Paintable, style: Settings['highlightStyle']): DecoratedName {
  if (mark.isPast) return 'plens-past';
  if (mark.kind === 'fuzzy') return 'plens-possible';
  return style === 'underline' ? `plens-${mark.category}-underline` : `plens-${mark.category}`;
}
