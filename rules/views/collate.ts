/**
 * `a.localeCompare(b)`, the browser's default collation, answered without ICU where the answer is
 * known in advance. Pure.
 *
 * Why: a renderer's first `localeCompare` builds ICU's collator, 8–30 ms of main-thread CPU once
 * per renderer (measured in Chromium 156 on a 2-core machine), and the content script's page
 * summary sorts its medicines by name in every frame of every page. On the 20-frame bench page
 * that one call was about a twelfth of the start-up CPU (bench/README.md, issue 22).
 *
 * When the answer is known: in English (CLDR root collation, which `en` and its regions use
 * untailored), for two strings of printable ASCII. Root orders those characters as ROOT_ORDER
 * below does (read from ICU: space, then punctuation and symbols in CLDR's order, digits, then
 * letters case-blind), compares the whole of both strings by it first, and only on a tie lets lowercase
 * come before uppercase at the first letter that differs in case. No ASCII contraction or
 * expansion exists in root, and numeric collation is off by default. Any other locale (Danish
 * sorts "aa" after "z", Turkish and Lithuanian tailor letters) or any other character takes
 * `localeCompare` itself. rules/views/collate.test.ts checks the order against ICU.
 */

/**
 * Printable ASCII in root collation's primary order: space, punctuation and symbols, digits, then
 * letters, where a capital ties with its small letter (`primaryWeight` folds it). A string
 * constant, so a frame's fresh context builds no table before its first comparison.
 */
const ROOT_ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz';

/** The character's place in ROOT_ORDER, or -1 for any other character. */
function primaryWeight(code: number): number {
  const folded = code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
  return folded < 0x20 || folded > 0x7e ? -1 : ROOT_ORDER.indexOf(String.fromCharCode(folded));
}

/** True for locales whose collation is CLDR root for ASCII: English, with or without a region. */
export function isRootOrderLocale(locale: string): boolean {
  return /^en(?:-(?:[A-Z]{2}|\d{3}))?$/.test(locale);
}

let defaultIsRoot: boolean | null = null;

/**
 * Whether the default locale (what `localeCompare` with no arguments uses) sorts ASCII as root
 * does. Plural rules report the same default locale for a fraction of a millisecond, without
 * building a collator.
 */
function isDefaultRootOrder(): boolean {
  if (defaultIsRoot !== null) return defaultIsRoot;
  let locale = '';
  try {
    locale = new Intl.PluralRules().resolvedOptions().locale;
  } catch {
    // No Intl: localeCompare decides.
  }
  return (defaultIsRoot = isRootOrderLocale(locale));
}

/** Root collation of two printable-ASCII strings; null if either has another character. */
export function compareAsciiRoot(a: string, b: string): -1 | 0 | 1 | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const wa = primaryWeight(a.charCodeAt(i));
    const wb = primaryWeight(b.charCodeAt(i));
    if (wa < 0 || wb < 0) return null;
    if (wa !== wb) return wa < wb ? -1 : 1;
  }
  for (let i = n; i < a.length; i++) if (primaryWeight(a.charCodeAt(i)) < 0) return null;
  for (let i = n; i < b.length; i++) if (primaryWeight(b.charCodeAt(i)) < 0) return null;
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  // Equal but for case: the first letter that differs decides, lowercase first.
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) return ca > cb ? -1 : 1; // 'a' (0x61) > 'A' (0x41): lowercase sorts first.
  }
  return 0;
}

/** Same sign as `a.localeCompare(b)`. */
export function compareNames(
  a: string,
  b: string,
  isRoot: () => boolean = isDefaultRootOrder,
): number {
  if (a === b) return 0;
  if (isRoot()) {
    const known = compareAsciiRoot(a, b);
    if (known !== null) return known;
  }
  return a.localeCompare(b);
}
