/**
 * Page text as a person sees it: without zero-width, bidi-control, soft-hyphen, filler and other
 * invisible characters. A page can put any number of them inside a medicine's name and still have
 * it matched; quoted back (the popover's "Shown as …", the summary), bidi controls would reorder
 * our wording around it and padding would blow message limits (issue #16). Pure.
 */

// One class and single characters (combining marks may not sit in a class): linear.
const INVISIBLE =
  /[\p{Cc}\p{Cf}\u115f\u1160\u180e\u3164\uffa0]|\u034f|\u17b4|\u17b5|\u180b|\u180c|\u180d|\u180f/gu;

export function visibleText(text: string): string {
  return text.replace(INVISIBLE, '');
}
