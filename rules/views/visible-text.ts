/**
 * Page text as a person sees it: without zero-width, bidi-control, soft-hyphen, filler and other
 * invisible characters. A page can put any number of them inside a medicine's name and still have
 * it matched; quoted back (the popover's "Shown as …", the summary), bidi controls would reorder
 * our wording around it and padding would blow message limits (issue #16). Pure.
 */
import { withoutInvisible } from '../schema/invisible';

/** Page text without the invisible characters a pack may not contain either (one definition). */
export function visibleText(text: string): string {
  return withoutInvisible(text);
}
