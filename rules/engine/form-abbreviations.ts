/**
 * Dose-form and route words as prescribing systems abbreviate them. Form-qualified rules
 * ("buprenorphine" + sublingual → opioid substitution, + patch → pain) are resolved from the
 * words near a name, and legacy EMIS/SystmOne/Vision drug terms and BNF-style labels rarely
 * spell those words out: "Buprenorphine_Tab Subling 8mg", "Fentanyl_Nas Spray 100mcg/Dose",
 * "Methotrexate_Inj 10mg/0.2ml", "Buprenorphine 8mg S/L". Each abbreviation here is read as the
 * form words it stands for, only while forms are being resolved; names never match through it.
 *
 * The policy for short or shared abbreviations (docs/names.md, "Form abbreviations"):
 * - Spelled-out stems ("Subling", "Transderm", "Orodisp") and slashed pairs ("S/L", "M/R") are
 *   read anywhere in the form window; the slash must be written, so "patient's L arm" is not "S/L".
 * - Bare two- or three-letter abbreviations that mean something else in clinical text ("SL",
 *   "SC", "MR") count only beside the name: nothing but strengths, units, salts and other
 *   dose-form words between them and the name ("Buprenorphine 8mg SL", "SL buprenorphine").
 * - Abbreviations that are also surnames or titles count only in capitals ("LAI", not "Lai").
 * - Some are never read as forms at all (REJECTED_FORM_ABBREVIATIONS), each with its reason.
 */
import { normalizeName, tokenize } from './normalize';
import type { Token } from './types';

export interface FormAbbreviation {
  /** As screens write it: "S/L", "Subling", "Nas Spray". */
  readonly written: string;
  /** The dm+d-style form words it stands for: "sublingual", "nasal spray". */
  readonly means: string;
  /** Shared with other meanings: counts only beside the name (strengths and form words between). */
  readonly besideName?: boolean;
  /** Counts only written exactly so, e.g. in capitals ("LAI" but not the surname "Lai"). */
  readonly caseSensitive?: boolean;
}

export const FORM_ABBREVIATIONS: readonly FormAbbreviation[] = [
  // Sublingual
  { written: 'Subling', means: 'sublingual' },
  { written: 'S/L', means: 'sublingual' },
  // "SL" alone is also someone's initials ("reviewed by SL") after a patch line.
  { written: 'SL', means: 'sublingual', besideName: true },
  // Transdermal (bare "TD" is rejected, below)
  { written: 'Transderm', means: 'transdermal' },
  { written: 'Ptch', means: 'patch' },
  { written: 'Ptchs', means: 'patches' },
  // Injection
  { written: 'Inj', means: 'injection' },
  { written: 'Injn', means: 'injection' },
  { written: 'Depot', means: 'depot injection' },
  // Long-acting injectable (buprenorphine): substance-misuse services' own abbreviation.
  { written: 'LAIB', means: 'long acting injection', caseSensitive: true },
  // Also a surname ("Dr Lai"): capitals, and beside the name.
  { written: 'LAI', means: 'long acting injection', caseSensitive: true, besideName: true },
  { written: 'Subcut', means: 'subcutaneous' },
  { written: 'S/C', means: 'subcutaneous' },
  { written: 'SC', means: 'subcutaneous', besideName: true },
  { written: 'Prefilled', means: 'pre-filled' },
  { written: 'Pre-filled Syr', means: 'pre-filled syringe' },
  { written: 'Prefilled Syr', means: 'pre-filled syringe' },
  // Orodispersible and oral lyophilisate
  { written: 'Orodisp', means: 'orodispersible' },
  { written: 'Oro', means: 'orodispersible', besideName: true },
  { written: 'ODT', means: 'orodispersible tablet' },
  { written: 'Lyoph', means: 'lyophilisate' },
  // Buccal and nasal
  { written: 'Bucc', means: 'buccal' },
  { written: 'Nas Spray', means: 'nasal spray' },
  { written: 'Nas Spr', means: 'nasal spray' },
  // Oral liquids: "Oral Soln", "Oral Susp", and EMIS "Liq Spec" (an unlicensed special liquid)
  { written: 'Soln', means: 'solution' },
  { written: 'Susp', means: 'suspension' },
  { written: 'Liq Spec', means: 'oral liquid' },
  { written: 'Liq', means: 'liquid' },
  // Depots (NHSBSA BNF names): "Aripiprazole_Inj 400mg Vl + Dil Pfs P/R" is the long-acting
  // powder and solvent; "Abilify_Inj 7.5mg/ml 1.3ml Vl" is the short-acting solution. Read only
  // where a rule or a form-bound name asks for these words ("P/R" is also "per rectum", which no
  // injection is).
  { written: 'P/R', means: 'prolonged-release' },
  { written: 'Dil', means: 'solvent' },
  // Release and coating
  { written: 'M/R', means: 'modified-release' },
  // "Mr" is a title: capitals, and beside the name.
  { written: 'MR', means: 'modified-release', caseSensitive: true, besideName: true },
  { written: 'G/R', means: 'gastro-resistant' },
  // Solid forms, so that multi-word forms in local packs ("sublingual tablet") read the same
  { written: 'Tab', means: 'tablet' },
  { written: 'Tabs', means: 'tablets' },
  { written: 'Cap', means: 'capsule' },
  { written: 'Caps', means: 'capsules' },
];

/** Abbreviations deliberately not read as forms, and why. Tests assert each stays unread. */
export const REJECTED_FORM_ABBREVIATIONS: Readonly<Record<string, string>> = {
  TD: '"td" (ter die) is a dosing frequency, written exactly where a form would be ("200micrograms TD"); patches are nearly always also called "Patch", "Ptch" or "Transdermal"',
  Nas: 'NAS is neonatal abstinence syndrome, which sits beside opioid names in maternity notes; only "Nas Spray" is read',
  PFS: 'progression-free survival in the oncology letters that mention methotrexate',
  Syr: 'syrup as often as syringe',
};

interface CompiledAbbreviation {
  readonly tokens: readonly string[];
  /** As written, per token, for case-sensitive ones. */
  readonly raw: readonly string[] | null;
  /** Per gap between tokens: true when the written slash must be there ("S/L"). */
  readonly slashGaps: readonly boolean[];
  readonly means: readonly string[];
  readonly besideName: boolean;
}

function compileAbbreviations(
  list: readonly FormAbbreviation[],
): ReadonlyMap<string, readonly CompiledAbbreviation[]> {
  const byFirst = new Map<string, CompiledAbbreviation[]>();
  for (const a of list) {
    const toks = tokenize(a.written);
    const first = toks[0];
    if (!first) continue;
    const slashGaps = toks
      .slice(1)
      .map((t, k) => a.written.slice(toks[k]?.end ?? t.start, t.start).includes('/'));
    const entry: CompiledAbbreviation = {
      tokens: toks.map((t) => t.norm),
      raw: a.caseSensitive ? toks.map((t) => a.written.slice(t.start, t.end)) : null,
      slashGaps,
      means: normalizeName(a.means),
      besideName: a.besideName === true,
    };
    const bucket = byFirst.get(first.norm) ?? [];
    bucket.push(entry);
    byFirst.set(first.norm, bucket);
  }
  // Longest first, so "Liq Spec" wins over "Liq".
  for (const bucket of byFirst.values()) bucket.sort((a, b) => b.tokens.length - a.tokens.length);
  return byFirst;
}

let byFirst: ReadonlyMap<string, readonly CompiledAbbreviation[]> | null = null;

/**
 * FORM_ABBREVIATIONS by first token, compiled when an abbreviation is first looked for: a frame
 * scanning with the engine of a frame above never looks (issue 22, start-up per frame).
 */
function abbreviationsByFirst(): ReadonlyMap<string, readonly CompiledAbbreviation[]> {
  return (byFirst ??= compileAbbreviations(FORM_ABBREVIATIONS));
}

/** Builds the abbreviations' table now (warm-up.ts). */
export function prepareFormAbbreviations(): void {
  abbreviationsByFirst();
}

/**
 * Words that may sit between a name and an abbreviation read only beside it: strengths and units,
 * salts, and dose-form words ("Buprenorphine HCl_Tab 8mg SL").
 */
const BESIDE_WORDS = new Set([
  'mg',
  'g',
  'mcg',
  'microgram',
  'micrograms',
  'ml',
  'hour',
  'hr',
  'h',
  'dose',
  'unit',
  'units',
  'hcl',
  'hydrochloride',
  'citrate',
  'tab',
  'tabs',
  'tablet',
  'tablets',
  'cap',
  'caps',
  'capsule',
  'capsules',
  'film',
  'films',
  'spray',
  'lozenge',
  'lozenges',
  'patch',
  'patches',
  'inj',
  'injection',
  'solution',
  'soln',
]);

/** Whether a token may sit between a name and an abbreviation that counts only beside it. */
export function isBesideWord(norm: string): boolean {
  return BESIDE_WORDS.has(norm) || /^\d/.test(norm) || abbreviationsByFirst().has(norm);
}

/**
 * Dose-form and route words that name a product's form. Between a form-bound name and its form,
 * one of these that is not part of that form means another product: "Depixol 3mg tablets, was on
 * Depixol injection" binds only the second Depixol. Words injections share ("solution",
 * "suspension", "powder", "prolonged-release") are not here.
 */
const DOSE_FORM_WORDS = new Set([
  'tablet',
  'tablets',
  'caplet',
  'caplets',
  'capsule',
  'capsules',
  'oral',
  'orodispersible',
  'dispersible',
  'soluble',
  'chewable',
  'effervescent',
  'sublingual',
  'buccal',
  'lyophilisate',
  'lyophilisates',
  'liquid',
  'syrup',
  'mixture',
  'elixir',
  'sachet',
  'sachets',
  'granules',
  'patch',
  'patches',
  'transdermal',
  'film',
  'films',
  'lozenge',
  'lozenges',
  'spray',
  'nasal',
  'inhaler',
  'inhalation',
  'cream',
  'ointment',
  'gel',
  'drops',
  'suppository',
  'suppositories',
  'pessary',
  'pessaries',
  'enema',
  'implant',
  'implants',
]);

/** Whether a form word (as `readFormWords` reads it) names a dose form or route. */
export function isDoseFormWord(norm: string): boolean {
  return DOSE_FORM_WORDS.has(norm);
}

/** One form word as read from the text, with the index of the token it came from. */
export interface FormWord {
  readonly norm: string;
  readonly source: number;
}

/**
 * Reads tokens [start, end) as form words: each abbreviation becomes the words it stands for,
 * other tokens stay as they are. `isBeside(i, j)` says whether tokens [i, j) may use an
 * abbreviation that counts only beside the name; `isGap(a, b)` whether two tokens are joined.
 */
export function readFormWords(
  text: string,
  tokens: readonly Token[],
  start: number,
  end: number,
  isBeside: (from: number, to: number) => boolean,
  isJoined: (prev: Token, cur: Token) => boolean,
): FormWord[] {
  const out: FormWord[] = [];
  let i = start;
  while (i < end) {
    const token = tokens[i];
    if (!token) break;
    const hit = abbreviationAt(text, tokens, i, end, isBeside, isJoined);
    if (hit) {
      for (const norm of hit.means) out.push({ norm, source: i });
      i += hit.tokens.length;
    } else {
      out.push({ norm: token.norm, source: i });
      i += 1;
    }
  }
  return out;
}

function abbreviationAt(
  text: string,
  tokens: readonly Token[],
  i: number,
  end: number,
  isBeside: (from: number, to: number) => boolean,
  isJoined: (prev: Token, cur: Token) => boolean,
): CompiledAbbreviation | null {
  const first = tokens[i];
  const bucket = first ? abbreviationsByFirst().get(first.norm) : undefined;
  if (!bucket) return null;
  candidates: for (const a of bucket) {
    const n = a.tokens.length;
    if (i + n > end) continue;
    for (let k = 0; k < n; k++) {
      const t = tokens[i + k];
      if (!t || t.norm !== a.tokens[k]) continue candidates;
      if (a.raw && text.slice(t.start, t.end) !== a.raw[k]) continue candidates;
      if (k > 0) {
        const prev = tokens[i + k - 1];
        if (!prev) continue candidates;
        if (a.slashGaps[k - 1] === true) {
          if (text.slice(prev.end, t.start).trim() !== '/') continue candidates;
        } else if (!isJoined(prev, t)) continue candidates;
      }
    }
    if (a.besideName && !isBeside(i, i + n)) continue;
    return a;
  }
  return null;
}
