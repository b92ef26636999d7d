/**
 * The one definition of "invisible characters" (issue #16): characters a reader cannot see that
 * hide what a name really says or reorder how it reads. A pack refuses them in its text
 * (rule-pack.ts), a traffic-light import drops them from cells (rules/rag/drug-cell.ts), and page
 * text quoted back to the GP is shown without them (rules/views/visible-text.ts); with three lists
 * a character refused in one place slipped through another.
 *
 * What counts: every control character (Cc, line breaks included: callers that keep line breaks
 * take them out first), every format character (Cf: zero-width spaces and joiners, bidi overrides
 * and isolates ("Trojan Source"), the soft hyphen, word joiners, the byte-order mark, interlinear
 * annotation marks, tag characters), the line and paragraph separators, the unassigned U+2065
 * among the bidi controls, and the characters that render as blanks though Unicode calls them
 * letters (Hangul fillers, the Mongolian vowel separator). The combining ones (U+034F, U+17B4,
 * U+17B5, Mongolian variation selectors) sit outside the class, where they cannot attach to a
 * neighbour. One class and single characters: linear on any input.
 */
// The same pattern twice (one to test, one to replace every match): literals, so the regex-safety
// test can check them; invisible.test.ts checks the two agree.
const ONE =
  /[\p{Cc}\p{Cf}\u2028\u2029\u2065\u115f\u1160\u180e\u3164\uffa0]|\u034f|\u17b4|\u17b5|\u180b|\u180c|\u180d|\u180f/u;
const EVERY =
  /[\p{Cc}\p{Cf}\u2028\u2029\u2065\u115f\u1160\u180e\u3164\uffa0]|\u034f|\u17b4|\u17b5|\u180b|\u180c|\u180d|\u180f/gu;

/** The pattern, for the test that the two copies above agree. */
export const INVISIBLE_SOURCES: readonly string[] = [ONE.source, EVERY.source];

/** Whether the text holds any invisible character. */
export function hasInvisible(text: string): boolean {
  return ONE.test(text);
}

/** The text with every invisible character removed. */
export function withoutInvisible(text: string): string {
  return text.replace(EVERY, '');
}
