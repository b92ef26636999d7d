/** The order medicines are listed in everywhere: category priority, then name. Pure. */
import { CATEGORIES, type Category } from '../schema/rule-pack';
import { compareNames } from './collate';

interface Listed {
  readonly categories: readonly Category[];
  readonly drug: string;
}

/** The first category's place in `CATEGORIES` (display priority); no category sorts last. */
function rank(d: Listed): number {
  const first = d.categories[0];
  return first ? CATEGORIES.indexOf(first) : CATEGORIES.length;
}

/**
 * Shared care first, dependence-forming last; alphabetical within a category (`localeCompare`'s
 * order, mostly without building ICU's collator: ./collate.ts).
 */
export function byPriorityThenName(a: Listed, b: Listed): number {
  return rank(a) - rank(b) || compareNames(a.drug, b.drug);
}
