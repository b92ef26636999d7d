/**
 * NHSBSA "BNF Code Information" → brand names in rules/names/product-names.json (issue 21, family
 * 4: brands the index lacks, including withdrawn UK brands still in old records and imported US
 * products such as Adderall or Coumadin). Offline, and merged into the index the dm+d importer
 * writes, so a refresh shows only real changes:
 *
 *   npx tsx scripts/import-bnf-brands.ts <BNF_Code_Information.csv> [--bnf <later release.csv> …]
 *     [--dmd <code-list.csv> …] [--atc <drug-list.csv> …] [--substances <cprd-list.txt> …]
 *     [--out <index.json>]
 *
 * `--bnf` adds later BNF Code Information releases, read like the first; since 2021 NHSBSA writes
 * dm+d-style presentations ("Fenhuma 100microgram sublingual tablets"), whose forms are read as
 * for the code lists. `--atc` adds the aim-rsf drug lists (GP-system product terms with a WHO ATC
 * code, bench/realworld/labels.ts `ATC_LABELS`): "Depodur 10mg/1ml suspension for injection vials
 * (Flynn Pharma Ltd)" → "Depodur". `--substances` adds CPRD product lists labelled by their own
 * drug substances (`substanceLabels`): "Parahypon Tablet (Wellcome Consumer)" → "Parahypon".
 *
 * `--dmd` adds dm+d code lists that carry BNF codes (OpenSAFELY `term`/`dmd_name` + `bnf_code`):
 * their branded AMP names give stems the same way ("ATOMAID 10mg capsules" → "ATOMAID").
 *
 * A branded BNF product (product code not "AA") of a chemical substance a rule covers gives its
 * product name ("Tryptizol (Cap/Inj/Tab)" → "Tryptizol"), or for a retailer's own brand the first
 * word after "_" ("Boots_NicAssist Patch" → "NicAssist"). The name is filed under the ingredient
 * with the dm+d-style form its presentation abbreviates ("_Tab Subling" → sublingual tablet), so
 * `expandRuleNames` assigns it to the right form-qualified rule. Names are left out when they are
 * English words, start with a name the engine already knows, belong to more than one ingredient,
 * are denied by name-policy.json, or name only local (skin, eye, ear) presentations. Names that
 * are also given names or words go in name-policy.json's `needsContext` and stay in the index.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { readCsv } from '../bench/realworld/csv';
import { ATC_LABELS, labelOfCode, substanceLabels } from '../bench/realworld/labels';
import { withoutPack } from '../bench/realworld/pack-size';
import { canonicalizeIndex, compareNames, nameKey, serializeIndex } from '../rules/names/canonical';
import { parseNamePolicy, parseProductNameIndex } from '../rules/names/index-schema';
import { productStem } from '../rules/names/stem';
import type { IngredientNames } from '../rules/names/index-schema';
import { validatePack } from '../rules/loader/validate';

const WORD_LISTS = ['/usr/share/dict/british-english', '/usr/share/dict/american-english'];

/** Retailers and wholesalers whose own brands NHSBSA prefixes: "Boots_NicAssist Patch 10mg/16hrs". */
const RETAILERS = new Set(
  'boots lloyds numark gppe sainsbury sainsburys tesco superdrug co-op asda morrisons safeway unichem galpharm paramed wilko savers bells vantage waitrose well care'.split(
    ' ',
  ),
);

/**
 * A supplier (retailer, wholesaler, own-label maker) is a word NHSBSA writes before "_" whose
 * own-named products (BNF product "Boots (Co-Dydramol)", "Lloyds Co-Codamol") span at least this
 * many BNF chapters: a shop sells across the formulary, a medicine's brand stays in one or two.
 * Read from the BNF file itself, so a new own label needs no edit here.
 */
const SUPPLIER_MIN_CHAPTERS = 4;

/** Where an own brand's product words end: a form abbreviation, a strength or a bracket. */
const PRODUCT_END =
  /^(?:tab|tabs|capl|cap|caps|soln|susp|liq|mix|elix|syr|linct|pdr|sach|gran|eff|loz|patch|chew|gum|spy|inj|oral|dps|pastil)$/i;

/**
 * Product names that are not a medicine's brand, each with its reason. Checked by hand against the
 * import's output; the English-word and known-name filters catch the rest.
 */
const NOT_BRANDS: Readonly<Record<string, string>> = {
  martindale: 'a manufacturer (Martindale Pharma), not a methadone brand',
  aceon: 'also a US perindopril brand: a patient treated abroad would read as on tramadol',
  gx: 'a generic manufacturer prefix ("Gx Amitriptyline")',
  apothec: 'a manufacturer prefix ("Apothec Testosterone")',
  methorexate: 'a misspelling in the source ("Methorexate Lederle"), which the fuzzy stage reads',
};

/** Form words that end a product's name in a GP-system term ("Parahypon Tablet"). */
const TERM_FORM =
  /^(?:tablets?|capsules?|caplets?|mixture|linctus|elixir|syrup|injection|suppositor(?:y|ies)|oral|soluble|effervescent|dispersible|granules|powder|solution|suspension|liquid)$/i;

/** Systemic forms in BNF chapters 11-13 (injections for psoriasis, isotretinoin capsules). */
const SYSTEMIC = /(?:^|[^a-z])(?:inj|pfs|tab|tabs|cap|caps|oral|inf|vl|amp|pen)(?![a-z])/i;

/** BNF presentation abbreviations → dm+d-style form keys, first match wins. */
const FORMS: readonly (readonly [RegExp, string | null])[] = [
  [/\b(crm|cream|oint|eye|ear|lot|lotion|shampoo|scalp|paint)\b/i, null],
  [/\b(patch|t\/derm|transdermal)/i, 'transdermal/transdermal patch'],
  [/subling/i, 'sublingual/sublingual tablet'],
  [/\b(buccal|mucoadh)/i, 'buccal/buccal tablet'],
  [/\b(nsl|nasal)\b/i, 'nasal/nasal spray'],
  [/\bimplant/i, 'subcutaneous/implant'],
  [
    /\b(inj|pfs|amp|vl|inf|syrg)\b/i,
    'intramuscular+intravenous+subcutaneous/solution for injection',
  ],
  [/\bsuppos/i, 'rectal/suppository'],
  [/\b(gum|chew)/i, 'oromucosal/medicated chewing-gum'],
  [/\b(loz|pastil)/i, 'oromucosal/lozenge'],
  [/\b(inhalator|inh cart)/i, 'inhalation/inhalation vapour'],
  [/\b(spy|spray)\b/i, 'oromucosal/oromucosal spray'],
  [/\bgel\b/i, 'transdermal/gel'],
  [
    /\b(tab|capl|tabs)\b.*\b(m\/r|s\/r|p\/r|xl|retard)\b|\b(m\/r|s\/r|xl)\b.*\btab/i,
    'oral/modified-release tablet',
  ],
  [
    /\b(cap|caps|pulvule|span)\b.*\b(m\/r|s\/r|p\/r|xl|retard)\b|\b(m\/r|s\/r|xl)\b.*\bcap/i,
    'oral/modified-release capsule',
  ],
  [/\b(tab|tabs|capl)\b/i, 'oral/tablet'],
  [/\b(cap|caps|pulvule|pulvules|span)\b/i, 'oral/capsule'],
  [/\b(soln|liq|mix|elix|syr|susp|dps|linct|pdr|pdrs|gran|sach)\b/i, 'oral/oral solution'],
];

/** dm+d dose-form words → form keys (for `--dmd` code lists). */
const DMD_FORMS: readonly (readonly [RegExp, string | null])[] = [
  [/\b(cream|ointment|eye|ear|shampoo|lotion|cutaneous|scalp)\b/i, null],
  [/\bpatch/i, 'transdermal/transdermal patch'],
  [/\bsublingual/i, 'sublingual/sublingual tablet'],
  [/\bbuccal/i, 'buccal/buccal tablet'],
  [/\bnasal/i, 'nasal/nasal spray'],
  [/\bimplant/i, 'subcutaneous/implant'],
  [
    /prolonged-release suspension for injection/i,
    'intramuscular/prolonged-release suspension for injection',
  ],
  [/\binjection|infusion/i, 'intramuscular+intravenous+subcutaneous/solution for injection'],
  [/\bsuppositor/i, 'rectal/suppository'],
  [/(modified|prolonged|extended)-release tablet|\bxl\b.*tablet/i, 'oral/modified-release tablet'],
  [
    /(modified|prolonged|extended)-release capsule|\bxl\b.*capsule/i,
    'oral/modified-release capsule',
  ],
  [/\btablet|caplet/i, 'oral/tablet'],
  [/\bcapsule/i, 'oral/capsule'],
  [
    /oral (solution|suspension)|\bliquid|\bsyrup|\belixir|\bmixture|\blinctus|granules/i,
    'oral/oral solution',
  ],
];

function dmdFormOf(term: string): string | null {
  for (const [re, key] of DMD_FORMS) if (re.test(term)) return key;
  return null;
}

function formOf(presentation: string): string | null {
  // A later release writes dm+d's own words with no "_" before them, and still abbreviates some
  // ("Ledraxen 20mg/0.2ml inj pre-filled syringes").
  if (!presentation.includes('_')) {
    const dmd = dmdFormOf(presentation);
    if (dmd !== null || DMD_FORMS[0]?.[0].test(presentation)) return dmd;
  }
  const after = presentation.slice(presentation.indexOf('_') + 1);
  for (const [re, key] of FORMS) if (re.test(after) || re.test(presentation)) return key;
  return null;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const csv = args[0];
  if (csv?.startsWith('--')) throw new Error('the BNF Code Information file comes first');
  const dmdLists = args.flatMap((a, i) => (args[i - 1] === '--dmd' ? [a] : []));
  const laterReleases = args.flatMap((a, i) => (args[i - 1] === '--bnf' ? [a] : []));
  const atcLists = args.flatMap((a, i) => (args[i - 1] === '--atc' ? [a] : []));
  const substanceLists = args.flatMap((a, i) => (args[i - 1] === '--substances' ? [a] : []));
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? (args[outAt + 1] ?? '') : 'rules/names/product-names.json';
  if (!csv || !existsSync(csv))
    throw new Error('usage: import-bnf-brands.ts <BNF_Code_Information.csv>');

  const pack = validatePack(readJson('rules/packs/core.json'));
  if (!pack.ok) throw new Error('core.json does not validate');
  const index = parseProductNameIndex(readJson(out));
  if (!index.ok) throw new Error(index.errors.join('; '));
  const policy = parseNamePolicy(readJson('rules/names/name-policy.json'));
  if (!policy.ok) throw new Error(policy.errors.join('; '));

  const ruleNames = new Map<string, string[]>();
  const firstTokens = new Set<string>();
  for (const rule of pack.value.rules) {
    for (const n of rule.names) {
      const key = nameKey(n);
      ruleNames.set(key, [...(ruleNames.get(key) ?? []), rule.id]);
      firstTokens.add(key.split(' ')[0] ?? '');
    }
  }
  const rulesKey = (label: string) =>
    [...new Set(label.split(';').flatMap((i) => ruleNames.get(nameKey(i)) ?? []))].sort().join(',');
  const covered = (label: string) =>
    label !== '-' && label !== 'skip' && label.split(';').some((i) => ruleNames.has(nameKey(i)));
  const english = new Set<string>();
  const lowerCaseWords = new Set<string>();
  for (const f of WORD_LISTS) {
    if (!existsSync(f)) throw new Error(`${f} is needed to keep English words out`);
    for (const w of readFileSync(f, 'utf8').split('\n')) {
      english.add(w.trim().toLowerCase());
      // The lists also hold proper nouns, brands among them ("Robitussin"): words only in capitals.
      if (w.trim() !== '' && w.trim() === w.trim().toLowerCase()) lowerCaseWords.add(w.trim());
    }
  }
  const denied = new Set(
    [...Object.keys(policy.value.deny), ...Object.keys(policy.value.caseSensitive)].map(nameKey),
  );
  const known = new Set<string>();
  const genericHeads = new Set<string>();
  for (const ing of index.value.ingredients) {
    for (const n of [ing.vtm, ...Object.values(ing.generic ?? {}).flat()])
      genericHeads.add(nameKey(n).split(' ')[0] ?? '');
    for (const forms of [ing.generic, ing.brand]) {
      for (const names of Object.values(forms ?? {})) for (const n of names) known.add(nameKey(n));
    }
  }

  const rows = [csv, ...laterReleases].flatMap((path) => readCsv(path));
  // The first release's substance names win, so a code keeps the label it had.
  const chemName = new Map<string, string>();
  for (const r of rows) {
    const chem = r['BNF Chemical Substance Code'] ?? '';
    if (!chemName.has(chem)) chemName.set(chem, r['BNF Chemical Substance'] ?? '');
  }
  // name key → { label → form keys }; a name under two labels is dropped.
  const found = new Map<string, { name: string; labels: Map<string, Set<string>> }>();
  const everywhere = new Map<string, Set<string>>();
  for (const r of rows) {
    const code = r['BNF Presentation Code'] ?? '';
    if (code.length < 15) continue;
    const presentation = (r['BNF Presentation'] ?? '').replace(/\s*@\w*$/, '').trim();
    const label =
      Number(code.slice(0, 2)) > 15
        ? '-'
        : labelOfCode(code, (c) => chemName.get(c) ?? '', covered);
    // Every product and presentation name the BNF writes, with what it is: "Carmil XL" (isosorbide
    // mononitrate) makes "Carmil" (kaolin and morphine) ambiguous. A mixed group ('skip':
    // "Paracetamol Combined Preparations" files Parahypon) says nothing, so it is no meaning.
    for (const written of [r['BNF Product'] ?? '', presentation.split('_')[0] ?? '']) {
      const k = nameKey(written.replace(/\s*\(.*$/, ''));
      if (k && label !== 'skip')
        everywhere.set(k, (everywhere.get(k) ?? new Set()).add(rulesKey(label)));
    }
    const name = brandOf(r['BNF Product'] ?? '', presentation, (w) => firstTokens.has(w));
    if (!name) continue;
    const key = nameKey(name);
    if (label !== 'skip')
      everywhere.set(key, (everywhere.get(key) ?? new Set()).add(rulesKey(label)));
    if (code.slice(9, 11) === 'AA' || !covered(label)) continue;
    const chapter = Number(code.slice(0, 2));
    if (chapter >= 11 && chapter <= 13 && !SYSTEMIC.test(presentation)) continue;
    const form = formOf(presentation);
    if (!form) continue;
    const entry = found.get(key) ?? { name, labels: new Map<string, Set<string>>() };
    entry.labels.set(label, (entry.labels.get(label) ?? new Set()).add(form));
    found.set(key, entry);
  }

  for (const list of dmdLists) {
    for (const r of readCsv(list)) {
      const code = r['bnf_code'] ?? '';
      const term = (r['term'] || r['dmd_name'] || '').replace(/\s*\(.*$/, '').trim();
      if (code.length < 15 || term === '' || /^VMP (previous|subsequent)/i.test(term)) continue;
      const stem = productStem(term);
      const name = /^[A-Za-z][A-Za-z'-]*( [A-Za-z][A-Za-z'-]*)*$/.test(stem) ? stem : null;
      if (!name) continue;
      const key = nameKey(name);
      const label = labelOfCode(code, (c) => chemName.get(c) ?? '', covered);
      everywhere.set(key, (everywhere.get(key) ?? new Set()).add(rulesKey(label)));
      if (code.slice(9, 11) === 'AA' || !covered(label)) continue;
      const form = dmdFormOf(term);
      if (!form) continue;
      const entry = found.get(key) ?? { name, labels: new Map<string, Set<string>>() };
      entry.labels.set(label, (entry.labels.get(label) ?? new Set()).add(form));
      found.set(key, entry);
    }
  }

  const termRows: { text: string; label: string | null }[] = [];
  for (const list of atcLists) {
    for (const r of readCsv(list)) {
      const atc = ATC_LABELS[(r['ATC'] ?? '').replace(/\s+/g, '')];
      termRows.push({ text: r['DESCRIPTION'] ?? '', label: atc ? atc.label : null });
    }
  }
  for (const list of substanceLists) {
    for (const r of readCsv(list)) {
      const substances = (r['drugsubstance'] || r['DrugSubstanceName'] || '').split('/');
      const labels = substanceLabels(
        substances.map((x) => x.trim()).filter(Boolean),
        r['bnfcode'] ?? '',
        covered,
      );
      const text = r['productname'] || r['Term.from.EMIS'] || '';
      // A term that starts with one of its own substances is a generic name ("Guaiacol 75mg/5ml /
      // Codeine 7mg/5ml oral solution", "Naloxone hc 2mg + 8mg Tablet").
      const first = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
      const generic = substances.some((x) => x.trim().split(/\s+/)[0]?.toLowerCase() === first);
      termRows.push({ text, label: generic ? null : labels.length > 0 ? labels.join(';') : '-' });
    }
  }
  for (const { text, label } of termRows) {
    // CPRD GOLD writes some suffixes after a space ("Safapryn -Co Tablet"): one word, "Safapryn-Co".
    const term = withoutPack(
      text
        .replace(/\s+/g, ' ')
        .replace(/ -(?=[A-Za-z])/g, '-')
        .trim(),
    )
      .replace(/\s*\(.*$/, '')
      .trim();
    if (label === null || term === '') continue;
    // Older terms abbreviate or capitalise the form ("Solpadeine forte tab", "Parahypon
    // Tablet"); the name ends before it, or before a strength.
    const words = term.split(' ');
    const end = words.findIndex((w) => PRODUCT_END.test(w) || TERM_FORM.test(w) || /\d/.test(w));
    const stem = productStem(end > 0 ? words.slice(0, end).join(' ') : term);
    const name = /^[A-Za-z][A-Za-z'-]*( [A-Za-z][A-Za-z'-]*)*$/.test(stem) ? stem : null;
    if (!name) continue;
    const key = nameKey(name);
    everywhere.set(key, (everywhere.get(key) ?? new Set()).add(rulesKey(label)));
    // A generic's own name ("Co-codamol", "Morphine sulfate") is no brand, nor is a name whose
    // words the engine already reads ("Paracetamol with codeine phosphate", "Rhotard Morphine SR").
    if (!covered(label) || key.split(' ').some((w) => ruleNames.has(w) || known.has(w))) continue;
    const form = formOf(term.toLowerCase());
    if (!form) continue;
    const entry = found.get(key) ?? { name, labels: new Map<string, Set<string>>() };
    entry.labels.set(label, (entry.labels.get(label) ?? new Set()).add(form));
    found.set(key, entry);
  }

  const added = new Map<string, Map<string, string[]>>(); // vtm → form → names
  // Own brands named only by ordinary words ("Boots_Dental Pain Relief Tab": co-dydramol). The
  // words alone are English and never a name; written after their supplier they are one product.
  const suppliers = suppliersOf(rows);
  const ownBrands = new Map<
    string,
    { name: string; label: string; forms: Set<string>; seen: string }
  >();
  const ownMeanings = new Map<string, Set<string>>();
  for (const r of rows) {
    const code = r['BNF Presentation Code'] ?? '';
    const presentation = (r['BNF Presentation'] ?? '').replace(/\s*@\w*$/, '').trim();
    const name = ownBrandOf(presentation, suppliers);
    if (code.length < 15 || !name) continue;
    const label =
      Number(code.slice(0, 2)) > 15
        ? '-'
        : labelOfCode(code, (c) => chemName.get(c) ?? '', covered);
    const key = nameKey(name);
    // A mixed group ('skip': "Paracetamol Combined Preparations" also files Boots_Dental Pain
    // Relief Tab) says nothing about what the product holds, so it is no second meaning.
    if (label !== 'skip')
      ownMeanings.set(key, (ownMeanings.get(key) ?? new Set()).add(rulesKey(label)));
    if (code.slice(9, 11) === 'AA' || !covered(label)) continue;
    // A product word the engine already reads ("Boots_Aspirin & Codeine Tab") needs no new name.
    if (
      nameKey(name)
        .split(' ')
        .slice(1)
        .some((w) => firstTokens.has(w) || known.has(w))
    )
      continue;
    const form = formOf(presentation);
    if (!form) continue;
    const seen = `${code} "${presentation}"`;
    const entry = ownBrands.get(key) ?? { name, label, forms: new Set<string>(), seen };
    if (entry.label !== label) entry.label = '';
    entry.forms.add(form);
    ownBrands.set(key, entry);
  }
  const supplierNames = new Map<string, string>(); // name → policy reason
  for (const [key, { name, label, forms, seen }] of ownBrands) {
    // "Boots Migraine Relief" is co-codamol capsules and sumatriptan tablets; a longer product
    // of another meaning would be read as this one ("Boots Pain Relief" before "… Extra").
    const meanings = new Set<string>();
    for (const [other, keys] of ownMeanings) {
      if (other === key || other.startsWith(`${key} `)) for (const k of keys) meanings.add(k);
    }
    if (label === '' || meanings.size > 1 || known.has(key) || denied.has(key)) continue;
    const target = vtmFor(label.split(';')[0] ?? label, index.value.ingredients) ?? label;
    const byForm = added.get(target) ?? new Map<string, string[]>();
    for (const form of forms) byForm.set(form, [...(byForm.get(form) ?? []), name]);
    added.set(target, byForm);
    supplierNames.set(
      name,
      `Own brand named by ordinary words (NHSBSA BNF ${seen}: ${label.toLowerCase()}): read only after its supplier and with a strength or dose form, never as the words alone`,
    );
  }

  let count = 0;
  for (const [key, { name, labels }] of found) {
    const words = key.split(' ');
    if (key.length < 4 || known.has(key) || ruleNames.has(key) || denied.has(key)) continue;
    // The index names a longer product on purpose ("Feminax Period Pain", not Feminax Express).
    if ([...known].some((k) => k.startsWith(`${key} `))) continue;
    const head = words[0] ?? '';
    // The engine reads the first word alone, so the name adds nothing ("Oxycodone Aspire"); a
    // family's other product is a name ("Solpadeine Forte" beside "Solpadeine Plus", while
    // "Solpadeine" alone is also the paracetamol-only Solpadeine Headache).
    if (ruleNames.has(head) || known.has(head) || NOT_BRANDS[head] !== undefined) continue;
    if (firstTokens.has(head) && words.length < 2) continue;
    // A later word the engine already reads needs no new name ("Rhotard Morphine SR"); a word that
    // only starts longer names is not read alone ("Safapryn-Co", not co-codamol).
    if (words.slice(1).some((w) => ruleNames.has(w) || known.has(w))) continue;
    // "Diamorph Roche": a generic cut short, which the engine reads as NHSBSA truncation. A brand
    // that starts another brand is no truncation ("Xifaxan" 550mg beside "Xifaxanta" 200mg).
    if ([...genericHeads].some((t) => t.length > head.length && t.startsWith(head))) continue;
    const written = name.split(' ')[0]?.toLowerCase() ?? '';
    // A longer product whose first word the lists hold only as a proper noun is read whole
    // ("Robitussin night-time", a codeine linctus, beside the codeine-free Robitussin products);
    // a one-word name must not be a word at all.
    const firstIsWord = words.length > 1 ? lowerCaseWords.has(written) : english.has(written);
    if (firstIsWord || english.has(key)) continue;
    const meanings = new Set<string>();
    for (const [other, keys] of everywhere) {
      if (other === key || other.startsWith(`${key} `)) for (const k of keys) meanings.add(k);
    }
    if (meanings.size > 1) {
      if (process.env['DEBUG']) console.log('ambiguous', name, [...meanings]);
      continue;
    }
    const [label] = [...labels.keys()];
    const forms = new Set([...labels.values()].flatMap((f) => [...f]));
    if (!label) continue;
    const parts = label.split(';');
    const inIndex = parts.filter((p) => vtmFor(p, index.value.ingredients) !== null);
    for (const vtm of inIndex.length > 0 ? inIndex : parts.slice(0, 1)) {
      const target = vtmFor(vtm, index.value.ingredients) ?? vtm;
      const byForm = added.get(target) ?? new Map<string, string[]>();
      for (const form of forms) byForm.set(form, [...(byForm.get(form) ?? []), name]);
      added.set(target, byForm);
    }
    count++;
  }

  const ingredients: IngredientNames[] = index.value.ingredients.map((ing) => ({ ...ing }));
  for (const [vtm, byForm] of added) {
    let ing = ingredients.find((i) => nameKey(i.vtm) === nameKey(vtm));
    if (!ing) {
      ing = { vtm };
      ingredients.push(ing);
    }
    const brand: Record<string, string[]> = { ...(ing.brand ?? {}) };
    for (const [form, names] of byForm) brand[form] = [...(brand[form] ?? []), ...names];
    Object.assign(ing, { brand });
  }
  const next = canonicalizeIndex({ ...index.value, ingredients });
  const config = (await resolveConfig(out)) ?? {};
  writeFileSync(out, await format(serializeIndex(next), { ...config, parser: 'json' }));
  console.log(`${out}: ${count} brand names from ${csv}`);
  console.log(
    `suppliers (>= ${SUPPLIER_MIN_CHAPTERS} BNF chapters): ${[...suppliers].sort().join(', ')}`,
  );
  if (supplierNames.size > 0) {
    // Written to the policy's needsContext, so the words are read only as the whole product and
    // never by the fuzzy stage (which skips context-needing names).
    const policyPath = 'rules/names/name-policy.json';
    const raw = readJson(policyPath) as { needsContext?: Record<string, string> };
    const needsContext: Record<string, string> = { ...(raw.needsContext ?? {}) };
    for (const [name, reason] of supplierNames) needsContext[name] ??= reason;
    const sortedContext = Object.fromEntries(
      Object.entries(needsContext).sort(([a], [b]) => compareNames(a, b)),
    );
    const text = JSON.stringify({ ...raw, needsContext: sortedContext });
    const policyConfig = (await resolveConfig(policyPath)) ?? {};
    writeFileSync(policyPath, await format(text, { ...policyConfig, parser: 'json' }));
    console.log(`${policyPath}: own brands by supplier: ${[...supplierNames.keys()].join(', ')}`);
  }
}

/**
 * "Tryptizol (Cap/Inj/Tab)" → "Tryptizol"; a retailer's own brand ("Boots Nicotine", presentation
 * "Boots_NicAssist Patch") → the word after "_"; a product the BNF files under the generic's own
 * name ("Melatonin (Proprietary Preps)", presentation "MelaPure_Tab 3mg") → the part before "_".
 */
function brandOf(
  product: string,
  presentation: string,
  isGeneric: (word: string) => boolean,
): string | null {
  let name = product.replace(/\s*\(.*$/, '').trim();
  const first = name.split(/\s+/)[0]?.toLowerCase() ?? '';
  if (/proprietary|co prepn|\bbnf\b/i.test(name) || isGeneric(first)) {
    const before = presentation.split('_')[0]?.trim() ?? '';
    return /^[A-Za-z][A-Za-z'-]*$/.test(before) && !isGeneric(before.toLowerCase()) ? before : null;
  }
  if (RETAILERS.has(first)) {
    const after = presentation.slice(presentation.indexOf('_') + 1);
    name = after.split(/[\s/]+/)[0] ?? '';
  }
  if (!/^[A-Za-z][A-Za-z'-]*( [A-Za-z][A-Za-z'-]*)*$/.test(name)) return null;
  return name;
}

/** Words NHSBSA writes before "_" for suppliers' own brands, read from the file (SUPPLIER_MIN_CHAPTERS). */
function suppliersOf(rows: readonly Record<string, string>[]): Set<string> {
  const chapters = new Map<string, Set<string>>();
  for (const r of rows) {
    const code = r['BNF Presentation Code'] ?? '';
    const before = (r['BNF Presentation'] ?? '').split('_')[0]?.trim() ?? '';
    const product = (r['BNF Product'] ?? '').toLowerCase();
    if (code.length < 15 || code.slice(9, 11) === 'AA' || !/^[A-Za-z][A-Za-z'-]*$/.test(before))
      continue;
    const word = before.toLowerCase();
    if (product !== word && !product.startsWith(`${word} `) && !product.startsWith(`${word}(`))
      continue;
    chapters.set(word, (chapters.get(word) ?? new Set()).add(code.slice(0, 2)));
  }
  return new Set(
    [...chapters].filter(([, c]) => c.size >= SUPPLIER_MIN_CHAPTERS).map(([word]) => word),
  );
}

/**
 * A supplier's own brand as its whole name, supplier first: "Boots_Dental Pain Relief Tab" →
 * "Boots Dental Pain Relief". Only letters and spaces, up to the first form word or strength.
 */
function ownBrandOf(presentation: string, suppliers: ReadonlySet<string>): string | null {
  const at = presentation.indexOf('_');
  const supplier = presentation.slice(0, at).trim();
  if (at < 0 || !suppliers.has(supplier.toLowerCase())) return null;
  const words: string[] = [];
  for (const word of presentation.slice(at + 1).split(/\s+/)) {
    if (word === '' || PRODUCT_END.test(word) || /[\d(]/.test(word)) break;
    if (!/^[A-Za-z][A-Za-z'-]*$/.test(word)) return null;
    words.push(word);
  }
  return words.length > 0 ? `${supplier} ${words.join(' ')}` : null;
}

/** The index ingredient a label names: its VTM, or the VTM the label starts with ("X Sodium"). */
function vtmFor(label: string, ingredients: readonly IngredientNames[]): string | null {
  const key = nameKey(label);
  const exact = ingredients.find((i) => nameKey(i.vtm) === key);
  if (exact) return exact.vtm;
  const prefix = ingredients.find((i) => key.startsWith(`${nameKey(i.vtm)} `));
  return prefix ? prefix.vtm : null;
}

await main();
