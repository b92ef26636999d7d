/**
 * From a dm+d product name to the part that names the medicine: "Xaggitin XL 18mg tablets" →
 * "Xaggitin XL", "Morphine sulfate 10mg/5ml oral solution" → "Morphine sulfate",
 * "OxyNorm liquid 5mg/5ml" → "OxyNorm". Strength and dose form are not part of a name because screens
 * write them in too many ways ("7.5mg", "7.5 mg", "TABS", "Tab", "M/R"); the matcher only needs the
 * stem, and form words near a name are read separately for form-qualified rules.
 */

/**
 * Words that start the dose-form part of a dm+d name. dm+d names put strength first, but many AMP
 * and VMP names have no strength ("Nurofen Plus tablets", "Sativex oromucosal spray").
 */
const FORM_WORDS = new Set(
  [
    'ampoule',
    'ampoules',
    'applicator',
    'buccal',
    'caplets',
    'capsule',
    'capsules',
    'cartridges',
    'chewable',
    'concentrate',
    'cream',
    'cutaneous',
    'dispersible',
    'drops',
    'effervescent',
    'elixir',
    'emulsion',
    'enema',
    'film',
    'film-coated',
    'films',
    'gastro-resistant',
    'gel',
    'granules',
    'implant',
    'infusion',
    'inhalation',
    'injection',
    'intrauterine',
    'linctus',
    'liquid',
    'lozenge',
    'lozenges',
    'medicated',
    'mixture',
    'modified-release',
    'nasal',
    'nebuliser',
    'ointment',
    'oral',
    'orodispersible',
    'oromucosal',
    'patch',
    'patches',
    'pessaries',
    'powder',
    'pre-filled',
    'prolonged-release',
    'rectal',
    'sachets',
    'soluble',
    'solution',
    'spray',
    'sublingual',
    'suppositories',
    'suspension',
    'syrup',
    'tablet',
    'tablets',
    'transdermal',
    'vials',
  ].map((w) => w.toLowerCase()),
);

/** `word` without trailing , ; : (a loop: /[,;:]+$/ is quadratic on a long run of them). */
function trimTrailingPunctuation(word: string): string {
  let end = word.length;
  while (end > 0 && ',;:'.includes(word.charAt(end - 1))) end--;
  return word.slice(0, end);
}

/** The name part of a dm+d VMP or AMP name: words before the first strength or dose-form word. */
export function productStem(productName: string): string {
  const words = productName.trim().split(/\s+/);
  const kept: string[] = [];
  for (const word of words) {
    const bare = trimTrailingPunctuation(word.toLowerCase());
    // A strength ("18mg", "0.5mg", "10.8mg", "2mg/0.5mg") or a pack/supplier note ("(Sanofi)").
    if (/^[\d.]/.test(bare) || bare.startsWith('(') || bare === '/') break;
    if (FORM_WORDS.has(bare)) break;
    kept.push(trimTrailingPunctuation(word));
  }
  return kept.join(' ');
}

/**
 * Release, device and presentation suffixes that a screen often drops: "Concerta XL" is also written
 * "Concerta 36mg", "Prostap SR DCS" as "Prostap 3.75mg", "Mezolar Matrix" as "Mezolar 25". Only ever
 * removed from the end of a brand stem. Compared case-insensitively.
 */
const DROPPABLE_SUFFIXES = new Set([
  'acuphase',
  'adult',
  'chrono',
  'chronosphere',
  'clear',
  'consta',
  'continus',
  'cools',
  'cr',
  'dcs',
  'decanoate',
  'depot',
  'dtrans',
  'ec',
  'en-tabs',
  'er',
  'evess',
  'inhalator',
  'insts',
  'invisi',
  'la',
  'ls',
  'maintena',
  'matrix',
  'melt',
  'minis',
  'mr',
  'pen',
  'pr',
  'quicklet',
  'quickmist',
  'reservoir',
  'retard',
  'soltab',
  'sr',
  'tts',
  'velotab',
  'x',
  'xl',
  'xr',
]);

/** Shortest brand stem worth matching alone; "MST" or "DHC" alone would hit unrelated abbreviations. */
const MIN_SHORT_STEM_LETTERS = 4;

/**
 * The brand stem with trailing release/presentation suffixes dropped, or null when nothing is
 * dropped or the rest is too short to be safe: "Xaggitin XL" → "Xaggitin", "Prostap SR DCS" →
 * "Prostap", "MST Continus" → null.
 */
export function shortBrandStem(stem: string): string | null {
  const words = stem.trim().split(/\s+/);
  let end = words.length;
  while (end > 1 && DROPPABLE_SUFFIXES.has((words[end - 1] ?? '').toLowerCase())) end -= 1;
  if (end === words.length) return null;
  const short = words.slice(0, end).join(' ');
  const letters = short.replace(/[^\p{L}]/gu, '').length;
  return letters >= MIN_SHORT_STEM_LETTERS ? short : null;
}
