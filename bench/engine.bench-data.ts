/**
 * Deterministic data for the engine benchmark (scripts/bench-engine.ts) and the compile-time test:
 * a labelled medication-list corpus built from realistic dm+d-style row templates, and a synthetic
 * pack of any size. Pure: no I/O, no clock, one seeded PRNG, so every run sees the same bytes.
 */
import type { EngineRule } from '../rules/engine';
import { foldToken } from '../rules/engine';

/** mulberry32: small, fast, good enough to shuffle test data reproducibly. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'tr', 'pr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'y'];
const STEMS = ['zepam', 'pril', 'sartan', 'olol', 'mab', 'tinib', 'vastatin', 'oxetine', 'azole'];
const MORE_STEMS = [
  'cillin',
  'mycin',
  'dronate',
  'gliptin',
  'parin',
  'semide',
  'triptan',
  'dipine',
];
const BRAND_ENDS = ['ex', 'ol', 'an', 'ix', 'ia', 'on', 'ax', 'yl', 'ene', 'ara'];

/**
 * A synthetic pack of `nameCount` names in rules of three: a generic ("travoprilatan"), its salt
 * ("travoprilatan hydrochloride") and a brand ("Travex XL"-like). Names are unique pseudo-words, so
 * the pack stresses compile and matching without pretending to be clinical content.
 */
export function createSyntheticRules(nameCount: number, seed = 7): EngineRule[] {
  const random = createRandom(seed);
  const rules: EngineRule[] = [];
  const used = new Set<string>();
  const stems = [...STEMS, ...MORE_STEMS];
  const word = (parts: number, end: string): string => {
    for (;;) {
      let w = '';
      for (let i = 0; i < parts; i++) w += pick(random, ONSETS) + pick(random, VOWELS);
      w += end;
      if (!used.has(w)) {
        used.add(w);
        return w;
      }
    }
  };
  let names = 0;
  while (names < nameCount) {
    const generic = word(2 + Math.floor(random() * 2), pick(random, stems));
    const brandWord = word(1 + Math.floor(random() * 2), pick(random, BRAND_ENDS));
    const brand = brandWord.charAt(0).toUpperCase() + brandWord.slice(1);
    const list = [generic, `${generic} hydrochloride`, random() < 0.3 ? `${brand} XL` : brand];
    const take = list.slice(0, Math.min(3, nameCount - names));
    rules.push({ id: `synthetic-${rules.length}`, names: take });
    names += take.length;
  }
  return rules;
}

/** One drug mention planted in the corpus: where it is, which rule it means, whether misspelt. */
export interface CorpusLabel {
  readonly row: number;
  readonly start: number;
  readonly end: number;
  readonly ruleId: string;
  readonly misspelt: boolean;
  /** The name as listed in the pack (before any misspelling). */
  readonly name: string;
  /** True when the listed name is a brand (written with a capital), false for a generic. */
  readonly isBrand: boolean;
}

export interface Corpus {
  readonly rows: readonly string[];
  readonly labels: readonly CorpusLabel[];
  readonly chars: number;
}

export interface CorpusOptions {
  /**
   * Names that mean their rule only with an injection form beside them (the name policy's
   * `formBound`, folded): their rows always show one, as a depot's dm+d name does.
   */
  readonly formBoundNames?: ReadonlySet<string>;
  /** Rules of the pack under test (names and forms as in the pack). */
  readonly rules: readonly EngineRule[];
  /** Medicines no rule flags: the bulk of a real medication list. */
  readonly ordinaryMedicines: readonly string[];
  /** Words a misspelling must not become (real names, English words the engine skips). */
  readonly reservedWords: ReadonlySet<string>;
  readonly targetChars?: number;
  /** Share of flagged-drug mentions that are misspelt (default 0.05). */
  readonly misspeltShare?: number;
  /** Share of rows that mention a flagged drug (default 0.35). */
  readonly flaggedRowShare?: number;
  /**
   * Misspell brands too (default false). Typed free text misspells generics; brand names on these
   * screens come from picking lists. With true, brands get the same slips as generics.
   */
  readonly misspellBrands?: boolean;
  readonly seed?: number;
}

const STRENGTHS = [
  '1',
  '2',
  '2.5',
  '5',
  '7.5',
  '10',
  '15',
  '20',
  '25',
  '30',
  '40',
  '50',
  '75',
  '100',
];
const UNITS = ['mg', 'mg', 'mg', 'microgram', 'mg/5ml', 'micrograms/hour'];
const FORMS = [
  'tablets',
  'capsules',
  'modified-release tablets',
  'oral solution',
  'gastro-resistant tablets',
  'orodispersible tablets',
  'effervescent tablets',
  'dispersible tablets',
  'prolonged-release capsules',
];
const SUPPLIERS = ['Pfizer Ltd', 'Accord Healthcare Ltd', 'Teva UK Ltd', 'Zentiva', 'Sandoz Ltd'];
const DIRECTIONS = [
  'Take ONE tablet daily',
  'Take ONE tablet twice a day',
  'Take ONE or TWO at night when required',
  'Take ONE capsule three times a day',
  'Apply ONE patch every 7 days',
  'As directed by the specialist',
  '5ml at night',
  'Take ONE tablet in the morning with food',
];
const TEMPLATES: readonly ((p: RowParts) => string)[] = [
  (p) => `${p.name} ${p.strength}${p.unit} ${p.form} | ${p.qty} ${p.pack} | ${p.dir} | ${p.date}`,
  (p) => `${p.name.toUpperCase()} ${p.strength}${p.unit.toUpperCase()} TABS ${p.qty}`,
  (p) => `${p.name} ${p.strength}${p.unit} ${p.form} (${p.supplier})`,
  (p) => `${p.name}${p.strength}${p.unit} ${p.qty} ${p.pack}`,
  (p) => `${p.name}_Tab ${p.strength}${p.unit}/${p.strength}${p.unit}`,
  (p) => `Repeat: ${p.name} ${p.strength}${p.unit} ${p.form} - ${p.dir}. Review due ${p.date}`,
  (p) => `Acute\t${p.date}\t${p.name} ${p.strength} ${p.unit}\t${p.qty}\t${p.dir}`,
];

interface RowParts {
  readonly name: string;
  readonly strength: string;
  readonly unit: string;
  readonly form: string;
  readonly qty: number;
  readonly pack: string;
  readonly dir: string;
  readonly date: string;
  readonly supplier: string;
}

const VOWEL_SET = 'aeiou';
const KEYBOARD: Readonly<Record<string, string>> = {
  a: 's',
  e: 'r',
  i: 'o',
  o: 'p',
  u: 'y',
  n: 'm',
  m: 'n',
  t: 'r',
  r: 't',
  l: 'k',
  p: 'o',
  d: 's',
  s: 'd',
  c: 'v',
  z: 'x',
};

/** One typing slip in `word` (lower case, ≥ 6 letters), never touching the first letter. */
function misspell(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 1));
  const ch = word[at] ?? '';
  switch (Math.floor(random() * 8)) {
    case 0: // omission
      return word.slice(0, at) + word.slice(at + 1);
    case 1: // transposition
      return at < word.length - 1
        ? word.slice(0, at) + (word[at + 1] ?? '') + ch + word.slice(at + 2)
        : word.slice(0, at - 1) + ch + (word[at - 1] ?? '');
    case 2: // doubling
      return word.slice(0, at) + ch + word.slice(at);
    case 3: {
      // vowel for vowel
      const vowels = [...word].map((c, i) => (VOWEL_SET.includes(c) && i > 0 ? i : -1));
      const positions = vowels.filter((i) => i > 0);
      if (positions.length === 0) return word.slice(0, at) + word.slice(at + 1);
      const v = pick(random, positions);
      const others = [...VOWEL_SET].filter((c) => c !== word[v]);
      return word.slice(0, v) + pick(random, others) + word.slice(v + 1);
    }
    case 4: // phonetic f/ph
      if (word.includes('ph')) return word.replace('ph', 'f');
      if (word.includes('f')) return word.replace('f', 'ph');
      return word + 'e';
    case 5: {
      // truncation, as a narrow column or a clinician cuts it
      const keep = Math.max(7, Math.ceil(word.length * 0.7));
      return keep < word.length ? word.slice(0, keep) : word.slice(0, -1);
    }
    case 6: // insertion of a vowel
      return word.slice(0, at) + pick(random, [...VOWEL_SET]) + word.slice(at);
    default: // neighbouring key
      return word.slice(0, at) + (KEYBOARD[ch] ?? ch) + word.slice(at + 1);
  }
}

function restoreCase(original: string, slipped: string): string {
  if (original === original.toUpperCase()) return slipped.toUpperCase();
  if (original[0] === original[0]?.toUpperCase()) {
    return slipped.charAt(0).toUpperCase() + slipped.slice(1);
  }
  return slipped;
}

/**
 * A labelled medication list: one row per line as a clinical system renders it. Each flagged
 * mention is labelled with its rule; misspelt mentions carry `misspelt: true`. Ordinary medicines
 * are unlabelled, so any match on them counts against precision.
 */
export function createCorpus(options: CorpusOptions): Corpus {
  const random = createRandom(options.seed ?? 20261124);
  const target = options.targetChars ?? 1_000_000;
  const misspeltShare = options.misspeltShare ?? 0.05;
  const flaggedShare = options.flaggedRowShare ?? 0.35;
  const rows: string[] = [];
  const labels: CorpusLabel[] = [];
  let chars = 0;

  while (chars < target) {
    const parts = {
      strength: pick(random, STRENGTHS),
      unit: pick(random, UNITS),
      form: pick(random, FORMS),
      qty: 7 * (1 + Math.floor(random() * 12)),
      pack: pick(random, ['tablet', 'capsule', 'ml', 'patch']),
      dir: pick(random, DIRECTIONS),
      date: `${1 + Math.floor(random() * 28)}/${1 + Math.floor(random() * 12)}/2026`,
      supplier: pick(random, SUPPLIERS),
    };
    const template = pick(random, TEMPLATES);
    let row: string;
    if (random() < flaggedShare) {
      const rule = pick(random, options.rules);
      const listed = pick(random, rule.names);
      let shown = listed;
      let misspelt = false;
      const isBrand = listed.charAt(0) !== listed.charAt(0).toLowerCase();
      if (random() < misspeltShare && (options.misspellBrands === true || !isBrand)) {
        const first = listed.split(/[\s-]/)[0] ?? '';
        const folded = foldToken(first);
        if (/^[a-z]{6,}$/.test(folded)) {
          for (let attempt = 0; attempt < 8 && !misspelt; attempt++) {
            const slipped = misspell(folded, random);
            if (slipped !== folded && !options.reservedWords.has(slipped)) {
              shown = restoreCase(first, slipped) + listed.slice(first.length);
              misspelt = true;
            }
          }
        }
      }
      // Form-qualified rules show one of their own form words, as dm+d names do.
      const formWord =
        rule.forms && rule.forms.length > 0
          ? ` ${pick(random, rule.forms)}`
          : options.formBoundNames?.has(foldToken(listed))
            ? ' suspension for injection'
            : '';
      row = template({ ...parts, name: `\u0000${shown}\u0001${formWord}` });
      const start = row.indexOf('\u0000');
      const end = row.indexOf('\u0001') - 1;
      row = row.replace('\u0000', '').replace('\u0001', '');
      labels.push({
        row: rows.length,
        start,
        end,
        ruleId: rule.id,
        misspelt,
        name: listed,
        isBrand,
      });
    } else {
      const medicine = pick(random, options.ordinaryMedicines);
      row = template({ ...parts, name: medicine });
    }
    rows.push(row);
    chars += row.length + 1;
  }
  return { rows, labels, chars };
}
