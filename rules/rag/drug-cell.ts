/**
 * Reads the free text of one formulary row: a drug cell such as "Methotrexate 2.5mg tablets (oral)"
 * or "Lithium carbonate (Priadel®)", and a brand cell such as "Concerta XL / Xaggitin XL; Delmosart".
 * It separates what names a medicine (kept as rule names) from strengths and form words (which
 * would stop a name from matching "Cenobamate 50mg tablets" on a screen) and from indication
 * qualifiers such as "(children)" (which the engine cannot see, so they become notes).
 */
import { normalizeName, tokenize } from '../engine';
import { withoutInvisible } from '../schema/invisible';

// The pack schema refuses invisible characters (rules/schema/invisible.ts); exports carry them
// without anyone seeing (a soft hyphen from Word, a zero-width space from a web page), so they are
// dropped here rather than failing the whole pack. Tabs and line breaks separate words in a cell, so
// they become spaces first.
const CELL_BREAKS = /[\t\n\r\u2028\u2029]/g;
const TRADE_MARKS = /[\u00ae\u2122\u00a9]/g;

/** One line of plain text: invisible characters dropped, every whitespace run (line breaks too) one space. */
export function cleanCell(raw: string): string {
  return withoutInvisible(raw.replace(CELL_BREAKS, ' ')).replace(/\s+/g, ' ').trim();
}

/** A name as a rule should hold it: clean, without ® ™ ©. */
export function cleanName(raw: string): string {
  return cleanCell(raw.replace(TRADE_MARKS, ' '));
}

/**
 * Words that describe a form or route, never a medicine. Cutting a drug cell at the first of them
 * turns "Cenobamate film-coated tablets" into the name "Cenobamate"; finding one tells a row's form.
 */
export const FORM_WORDS: ReadonlySet<string> = new Set(
  (
    'tablet tablets tab tabs capsule capsules cap caps caplets oral solution suspension liquid ' +
    'syrup elixir injection injections injectable infusion intravenous subcutaneous intramuscular ' +
    'syringe syringes prefilled pre filled pen pens autoinjector autoinjectors cartridge ' +
    'cartridges vial vials ampoule ampoules cream ointment gel lotion foam patch patches ' +
    'transdermal plaster plasters modified prolonged extended release gastro resistant ' +
    'dispersible orodispersible soluble effervescent chewable sublingual buccal nasal spray ' +
    'inhaler inhalation nebuliser nebulised nebules eye ear drops granules sachet sachets powder ' +
    'implant implants lozenge lozenges film films coated pessary pessaries suppository ' +
    'suppositories enema rectal vaginal topical cutaneous depot concentrate lyophilisate ' +
    'lyophilisates mr sr xl er cr long acting'
  ).split(' '),
);

const UNITS: ReadonlySet<string> = new Set(
  'mg g mcg microgram micrograms nanogram nanograms ng ml units unit iu mmol million dose doses'.split(
    ' ',
  ),
);

/**
 * Words that mark a bracketed note as a qualifier (indication, age, setting) rather than brand names.
 * Brands are recognised by capitals; these catch the capitalised qualifiers that slip through.
 */
const QUALIFIER_WORDS: ReadonlySet<string> = new Set(
  (
    'for in with without only under over aged age years year children child paediatric ' +
    'paediatrics pediatric adult adults adolescents women men patients patient see note notes all ' +
    'indication indications unlicensed licensed hospital specialist use not new existing ' +
    'initiation maintenance treatment prevention of the and or as eg e g ie i via by per gender ' +
    'dysphoria incongruence cancer generic brand brands formulary'
  ).split(' '),
);

/** True when a bracket or cell holds nothing but form words, strengths and units. */
function isOnlyForm(text: string, extraForms: ReadonlySet<string>): boolean {
  const tokens = normalizeName(text);
  return (
    tokens.length > 0 &&
    tokens.every((t) => FORM_WORDS.has(t) || extraForms.has(t) || UNITS.has(t) || /^\d+$/.test(t))
  );
}

/** Index in `text` where a strength or form begins (after the first word), or -1. */
function tailStart(text: string, extraForms: ReadonlySet<string>): number {
  const tokens = tokenize(text);
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (FORM_WORDS.has(t.norm) || extraForms.has(t.norm)) return t.start;
    if (/^\d+$/.test(t.norm)) {
      const next = tokens[i + 1];
      const between = next ? text.slice(t.end, next.start) : text.slice(t.end);
      // "10mg", "30/500", "10.8 mg", "5%": a strength. "Omega-3 fatty acids", "Sustanon 250": a name.
      if (next && UNITS.has(next.norm) && between.trim() === '') return t.start;
      if (/^\s*[/%]/.test(between) || (/^[.,]$/.test(between) && next && /^\d+$/.test(next.norm)))
        return t.start;
    }
  }
  return -1;
}

/** Drops a trailing strength ("Zoladex LA 10.8mg" → "Zoladex LA"); leaves names with numbers alone. */
export function stripStrength(name: string): string {
  const tokens = tokenize(name);
  // Where the last character that cannot be part of a strength tail sits: a tail from `start` is
  // all strength characters iff start > lastOther. One pass; testing each tail with a regex was
  // quadratic on a crafted cell ("Brand 1 mg 1 mg … #", issue #16).
  let lastOther = -1;
  for (let k = name.length - 1; k >= 0; k--) {
    if (!/[\d\s.,/%a-zA-Zµ]/.test(name.charAt(k))) {
      lastOther = k;
      break;
    }
  }
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || !/^\d+$/.test(t.norm)) continue;
    const next = tokens[i + 1];
    const between = next ? name.slice(t.end, next.start) : name.slice(t.end);
    const isStrength =
      (next !== undefined && UNITS.has(next.norm) && between.trim() === '') ||
      /^\s*[/%]/.test(between) ||
      (/^[.,]$/.test(between) && next !== undefined && /^\d+$/.test(next.norm));
    if (isStrength && t.start > lastOther) return name.slice(0, t.start).trim();
  }
  return name;
}

/** What one drug cell says. */
export interface DrugCell {
  /** The medicine's name without strength, form or brackets, e.g. "Methotrexate"; may be empty. */
  readonly generic: string;
  /** Brand names written in brackets, e.g. "Priadel" from "Lithium carbonate (Priadel®)". */
  readonly brands: readonly string[];
  /** Form text: bracketed forms and the cut-off tail, e.g. ["oral", "2.5mg tablets"]. */
  readonly forms: readonly string[];
  /** Bracketed qualifiers kept for the notes, e.g. ["children"]. */
  readonly qualifiers: readonly string[];
}

function looksLikeBrand(part: string): boolean {
  const words = part.split(' ').filter((w) => w !== '');
  if (words.length === 0 || words.length > 4) return false;
  if (normalizeName(part).some((t) => QUALIFIER_WORDS.has(t))) return false;
  // Brands are written with a capital or a digit first ("Concerta XL", "APO-go"); prose is not.
  return words.every((w) => /^[\p{Lu}\d]/u.test(w));
}

/**
 * Splits a drug cell. `extraForms` are form words the bundled pack's rules use (e.g. "lyophilisate"),
 * so a row naming any form a rule knows is read as stating that form.
 */
export function parseDrugCell(raw: string, extraForms: ReadonlySet<string> = new Set()): DrugCell {
  const text = cleanName(raw);
  const brands: string[] = [];
  const forms: string[] = [];
  const qualifiers: string[] = [];
  const outside = text.replace(/[([]([^()[\]]*)[)\]]/g, (_whole, inner: string) => {
    const body = cleanCell(inner);
    if (body === '') return ' ';
    if (isOnlyForm(body, extraForms)) forms.push(body);
    else {
      const parts = splitList(body);
      if (parts.length > 0 && parts.every(looksLikeBrand)) brands.push(...parts.map(stripStrength));
      else qualifiers.push(body);
    }
    return ' ';
  });
  let generic = cleanCell(outside);
  const cut = tailStart(generic, extraForms);
  if (cut > 0) {
    const tail = cleanCell(generic.slice(cut));
    if (tail !== '') forms.push(tail);
    generic = cleanCell(generic.slice(0, cut));
  }
  // A hyphen or comma left dangling by the cut ("Buprenorphine - ", "Insulin,").
  generic = trimDangling(generic).trim();
  return { generic: sentenceCaseIfShouting(generic), brands, forms, qualifiers };
}

/** Drops trailing spaces and , ; : - – — / (a loop: the same as a regex ending in "+$" is quadratic). */
function trimDangling(text: string): string {
  let end = text.length;
  while (end > 0 && /[\s,;:\-–—/]/u.test(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

function splitList(text: string): string[] {
  // Separators only; cleanCell trims each part (a leading/trailing \s* here is quadratic on spaces).
  return text
    .split(/[/;,|+&]|\bor\b/)
    .map((p) => cleanCell(p))
    .filter((p) => normalizeName(p).length > 0);
}

/**
 * A brand cell as a list: "Concerta XL / Xaggitin XL; Delmosart" → three names. Exports join brands
 * with any of / ; , | + & "or" and line breaks; strengths after a brand are dropped.
 */
export function splitBrands(raw: string): string[] {
  // Line breaks separate brands too, so split on them before cleaning folds them into spaces.
  return raw
    .split(/[\r\n]+/)
    .flatMap((line) => splitList(cleanName(line)))
    .map(stripStrength)
    .filter((b) => normalizeName(b).length > 0);
}

/** "CENOBAMATE" → "Cenobamate": some exports shout, and the popover title should not. */
export function sentenceCaseIfShouting(name: string): string {
  const letters = name.replace(/[^\p{L}]/gu, '');
  if (letters.length < 4 || letters !== letters.toUpperCase()) return name;
  const lower = name.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** Rule id from a name: "Dabigatran etexilate" → "dabigatran-etexilate" (≤ 80 characters). */
export function slugify(name: string): string {
  const parts = normalizeName(name).filter((t) => /^[a-z0-9]+$/.test(t));
  let id = '';
  for (const part of parts) {
    const next = id === '' ? part : `${id}-${part}`;
    if (next.length > 80) break;
    id = next;
  }
  return id;
}
