/**
 * Rebuilds the generated lists of the real-world evaluation (issue 21) from the public files they
 * come from; docs/names.md names each file, its repository, commit and licence. Run once after
 * a source changes, then review the diff:
 *
 *   npx tsx bench/realworld/extract.ts <BNF_Code_Information.csv> [<source>=<codelist.csv>,… …]
 *     [--after [<source>=<BNF_Code_Information.csv>|<codelist.csv>,… …]]
 *
 * Sources after `--after` were added in a later round: a string any other list already holds is
 * left out of theirs, so adding a source never moves an existing string to another source (nor,
 * by the hash split, to another part). A source whose file is a BNF Code Information release is
 * read like the first one.
 *
 * Labels come from the sources, not from us: an NHSBSA BNF presentation, and any dm+d code-list
 * row that carries a BNF code, is labelled by its BNF chemical substance (the first 9 characters
 * of the code), read as a dm+d ingredient through `BNF_LABELS` where the names differ. A row of a
 * code list without BNF codes takes the list's own subject (`LIST_LABELS`). The category follows
 * from the code and the form words (see `categoryOf`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readCsv } from './csv';
import { withoutPack } from './pack-size';
import { loadBundledPack, loadRealWorld } from './evaluate';
import {
  ATC_LABELS,
  ATC_PRODUCT_OVERRIDES,
  BNF_LABELS,
  LEGACY_ATC,
  LEGACY_SUBSTANCES,
  substanceLabels,
  WEAK_OPIOID_PARTNER_CODES,
  COMBINATIONS,
  LEGACY_OPIOIDS,
  LIST_LABELS,
  NEGATIVE_SECTIONS,
  labelOfCode,
} from './labels';

const HERE = new URL('.', import.meta.url).pathname;

/** NHSBSA pads names and marks generics with a trailing "@gn" (cut to "@g" at 40 characters). */
const cleanName = (s: string) =>
  s
    .replace(/\s*@\w*$/, '')
    .replace(/\s+/g, ' ')
    .trim();

const pack = loadBundledPack();
const covered = (label: string) =>
  label !== '-' && label.split(';').some((i) => pack.rulesFor(i).size > 0);

/**
 * Local forms: eye, ear, nose and skin products of BNF chapters 11–13 that are not systemic. The
 * 2020 release abbreviates forms ("Cap"); later releases write dm+d's words ("capsules").
 */
const SYSTEMIC_WORDS =
  /(?:^|[^a-z])(?:inj|injection|pfs|tab|tabs|tablets?|cap|caps|capsules?|oral|infusion|inf|vl|amp|pen)(?![a-z])/i;
/** Local form words anywhere (a testosterone cream is local; a testosterone gel is not). */
const LOCAL_WORDS =
  /(?:^|[^a-z])(?:crm|cream|oint|ointment|eye|ear|lot|lotion|shampoo|scalp)(?![a-z])/i;

function categoryOf(code: string, label: string, text: string): string {
  const chapter = Number(code.slice(0, 2));
  if (chapter >= 11 && chapter <= 13 && !SYSTEMIC_WORDS.test(text)) return 'local-form';
  if (LOCAL_WORDS.test(text) && !SYSTEMIC_WORDS.test(text)) return 'local-form';
  const chem = code.slice(0, 9);
  if (LEGACY_OPIOIDS.has(chem)) return 'legacy-opioid';
  if (COMBINATIONS.has(chem)) return 'otc-combination';
  if (!covered(label)) return 'negative';
  return code.slice(9, 11) === 'AA' ? 'generic' : 'brand';
}

interface Row {
  readonly text: string;
  readonly label: string;
  readonly category: string;
  readonly note: string;
}

function write(
  file: string,
  header: string,
  source: string,
  rows: Row[],
  exclude: ReadonlySet<string> = new Set(),
): void {
  const seen = new Set<string>(exclude);
  const unique = rows.filter((r) => !seen.has(r.text) && seen.add(r.text));
  unique.sort(
    (a, b) =>
      a.note.localeCompare(b.note) ||
      a.category.localeCompare(b.category) ||
      a.text.localeCompare(b.text),
  );
  const out = [header.trimEnd(), `@source ${source}`];
  let note = '';
  let category = '';
  let label = '';
  for (const r of unique) {
    if (r.note !== note) out.push(`# ${(note = r.note)}`);
    if (r.category !== category) out.push(`@category ${(category = r.category)}`);
    if (r.label !== label) out.push(`@ingredient ${(label = r.label)}`);
    out.push(r.text);
  }
  writeFileSync(join(HERE, file), `${out.join('\n')}\n`);
  for (const r of unique) written.add(r.text);
  console.log(`${file}: ${unique.length} strings`);
}

/** FNV-1a; keeps one negative in `NEGATIVE_SAMPLE` from the large ordinary sections. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
const NEGATIVE_SAMPLE = 4;

const argv = process.argv.slice(2);
const [bnfPath, ...rest] = argv;
if (!bnfPath) throw new Error('usage: extract.ts <BNF_Code_Information.csv> [source=list.csv …]');
const afterAt = rest.indexOf('--after');
const lists = afterAt < 0 ? rest : rest.slice(0, afterAt);
const later = afterAt < 0 ? [] : rest.slice(afterAt + 1);

/** File headers of the sources added in the fifth round (docs/names.md has the same table). */
const HEADERS: Readonly<Record<string, string>> = {
  'nhsbsa-bnf-2024': `# NHSBSA "BNF Code Information", release of 2024-11-01 (dm+d-style presentation names since the
# One Drug Database), as committed in londonaicentre/PhenoLab at 0847e2c1,
# phenolab/definition_library/loaders/data/bsa_bnf/20241101_bsa_bnf.zip. Open Government Licence v3.0.
# Generated by bench/realworld/extract.ts as for the 2020 release; strings any other list holds left out.`,
  'opensafely-waiting-list': `# OpenSAFELY dm+d code lists (VMP and AMP terms with their BNF codes) in opensafely/waiting-list at
# c0b16e12, codelists/user-anschaf-{opioids-for-analgesia,gabapentinoids,antidepressants}-dmd.csv and
# codelists/user-speed-vm-nsaids-dmd.csv. dm+d terms: NHSBSA, OGL v3; repository MIT.
# Generated by bench/realworld/extract.ts; strings any other list holds left out.`,
  'aim-rsf-opioids': `# GP-system product terms (CEGEDIM and IMRD product dictionaries: dm+d AMP and AMPP names, older
# Vision terms such as "Generic Migraleve tablets") from aim-rsf/drug-lists at 6630196d,
# drug-lists/{Weak_Opioids,Strong_Opioids}/*_{CEGEDIM,IMRD}.csv. CC BY 4.0 (NIHR AIM / OPTIMAL).
# Labels: each row's own WHO ATC code (bench/realworld/labels.ts, ATC_LABELS); pack sizes cut
# after the supplier ("… (Actavis UK Ltd) 100 tablet" → "… (Actavis UK Ltd)"). Generated by
# bench/realworld/extract.ts; strings any other list holds left out.`,
  'cprd-opioids': `# CPRD product terms of opioid-containing medicines (GOLD \`productname\` and Aurum
# \`Term.from.EMIS\`), from Pharmacoepi-Data-Collaborative/home at 166fef49,
# codelists/CPRD/medications/opioids/opioidCodes{G,A}.txt (code list by Annie Jeffery, UCL; MIT and
# CC BY 4.0). Labels: each product's own drug substances, read as the covered dm+d ingredient each
# starts with ("Dextropropoxyphene hydrochloride" → dextropropoxyphene). Generated by
# bench/realworld/extract.ts; strings any other list holds left out.`,
  'aim-rsf-benzodiazepines': `# GP-system product terms (CEGEDIM and IMRD product dictionaries) from aim-rsf/drug-lists at
# 6630196d, drug-lists/Benzodiazepines/Benzodiazepines_{CEGEDIM,IMRD}.csv. CC BY 4.0 (NIHR AIM /
# OPTIMAL). Labels: each row's own WHO ATC code (bench/realworld/labels.ts, ATC_LABELS); pack sizes
# cut after the supplier. Generated by bench/realworld/extract.ts; strings any other list holds
# left out.`,
};

const isBnfRelease = (path: string) => /BNF_Code_Information\.csv$/.test(path);

/**
 * BNF chemical substance names by code. The first release's name wins where a later one renamed
 * the substance, so a code keeps the label it had; a later release adds only new substances.
 */
const chemName = new Map<string, string>();
for (const path of [bnfPath, ...later.flatMap((spec) => spec.split('=')[1]?.split(',') ?? [])]) {
  if (!isBnfRelease(path)) continue;
  for (const r of readCsv(path)) {
    const chem = (r['BNF Presentation Code'] ?? '').slice(0, 9);
    if (!chemName.has(chem)) chemName.set(chem, r['BNF Chemical Substance'] ?? '');
  }
}

function bnfRows(path: string): Row[] {
  const rows: Row[] = [];
  for (const r of readCsv(path)) {
    const code = r['BNF Presentation Code'] ?? '';
    const chem = code.slice(0, 9);
    if (Number(code.slice(0, 2)) > 15) continue;
    // A release's own substance name labels its rows (a code renamed within a release keeps each
    // row's name); code lists, which carry only the code, read the first release's.
    const ownName = r['BNF Chemical Substance'] ?? '';
    const label = labelOfCode(
      code,
      (c) => (c === chem ? ownName : (chemName.get(c) ?? '')),
      covered,
    );
    if (label === 'skip') continue;
    const text = cleanName(r['BNF Presentation'] ?? '');
    // A placeholder row, not a medicine ("MDR BNF code - DO NOT USE" in the 2024 release).
    if (/\bdo not use\b/i.test(text)) continue;
    const positive = covered(label);
    const kept =
      positive ||
      BNF_LABELS[chem] !== undefined ||
      (NEGATIVE_SECTIONS.some((s) => code.startsWith(s)) && hash(text) % NEGATIVE_SAMPLE === 0);
    if (!kept || text === '') continue;
    const category = categoryOf(code, label, text);
    rows.push({
      text,
      label: category === 'local-form' ? '-' : label,
      category,
      note: `${chem} ${ownName}`,
    });
  }
  return rows;
}

function labelOfBnf(code: string): string {
  return labelOfCode(code, (c) => chemName.get(c) ?? '', covered);
}

const written = new Set<string>();

write(
  'nhsbsa-bnf-presentations.txt',
  `# NHSBSA "BNF Code Information" (BNF presentation names as NHSBSA prescribing data writes them),
# release of 2020-02-01, as committed in muschitiello/PrescRiptionsData at 7465670d,
# 02_bnf/zip/20200201_1580570906919_BNF_Code_Information.zip. Open Government Licence v3.0.
# Generated by bench/realworld/extract.ts: chapters 1-15; every presentation of a BNF chemical
# substance a rule covers, the substances bench/realworld/labels.ts names, and one in
# ${NEGATIVE_SAMPLE} (by hash) of the ordinary sections it lists. "@gn" markers removed.
# Labels: the BNF chemical substance (its code and name in the comments), read as a dm+d ingredient.`,
  'nhsbsa-bnf',
  bnfRows(bnfPath),
);

for (const spec of lists) writeList(spec);

/**
 * Sources added later leave out what any other list holds: the lists written above and the
 * hand-labelled first-round files this script does not write.
 */
const others = new Set(
  loadRealWorld()
    .filter((s) => !later.some((spec) => spec.startsWith(`${s.source}=`)))
    .map((s) => s.text),
);
for (const text of written) others.add(text);
for (const spec of later) writeList(spec, others);

function writeList(spec: string, exclude?: Set<string>): void {
  const [source, paths] = spec.split('=');
  if (!source || !paths) throw new Error(`bad list ${spec} (want source=a.csv,b.csv)`);
  const rows: Row[] = [];
  for (const path of paths.split(','))
    rows.push(...(isBnfRelease(path) ? bnfRows(path) : listRows(path)));
  const names = paths
    .split(',')
    .map((p) => basename(p))
    .join(', ');
  write(
    `${source}.txt`,
    HEADERS[source] ?? `# dm+d code lists ${names}: see docs/names.md (real-world evaluation).`,
    source,
    rows,
    exclude,
  );
  // A later source's strings are "other lists" for the next one.
  if (exclude) for (const r of rows) exclude.add(r.text);
}

/** The aim-rsf drug lists (DESCRIPTION + ATC columns), labelled by ATC code. */
function atcRows(path: string): Row[] {
  const weakList = /weak_opioids/i.test(basename(path));
  const rows: Row[] = [];
  for (const r of readCsv(path)) {
    const text = withoutPack((r['DESCRIPTION'] ?? '').replace(/\s+/g, ' ').trim());
    const atc = (r['ATC'] ?? '').replace(/\s+/g, '');
    const known = ATC_LABELS[atc];
    const partner = weakList && WEAK_OPIOID_PARTNER_CODES.has(atc);
    if (text === '' || (!known && !partner)) continue;
    const override = ATC_PRODUCT_OVERRIDES.find(([re]) => re.test(text))?.[1];
    const label = override ?? (known ? known.label : 'Codeine;Dihydrocodeine');
    let category: string;
    if (override !== undefined)
      category = covered(override) ? listCategory(override, text) : 'negative';
    else if (LEGACY_ATC.has(atc)) category = 'legacy-opioid';
    else if (partner || known?.combination) category = 'otc-combination';
    else
      category =
        LOCAL_WORDS.test(text) && !SYSTEMIC_WORDS.test(text)
          ? 'local-form'
          : listCategory(label, text);
    const note = partner
      ? `${atc} (weak-opioid list: codeine or dihydrocodeine)`
      : `${atc} ${label}`;
    rows.push({ text, label: category === 'local-form' ? '-' : label, category, note });
  }
  return rows;
}

/**
 * CPRD product lists (GOLD `productname`/`drugsubstance`, Aurum `Term.from.EMIS`/
 * `DrugSubstanceName`), labelled by the product's own substances: each substance ("Codeine
 * phosphate", "Dextropropoxyphene hydrochloride") read as the covered dm+d ingredient its name
 * starts with.
 */
function substanceRows(path: string): Row[] {
  const rows: Row[] = [];
  for (const r of readCsv(path)) {
    const text = (r['productname'] || r['Term.from.EMIS'] || '').replace(/\s+/g, ' ').trim();
    const substances = (r['drugsubstance'] || r['DrugSubstanceName'] || '')
      .split('/')
      .map((x) => x.trim())
      .filter(Boolean);
    if (text === '' || substances.length === 0) continue;
    const labels = substanceLabels(substances, r['bnfcode'] ?? '', covered);
    const legacy = substances.some((x) => LEGACY_SUBSTANCES.test(x.split(/\s+/)[0] ?? ''));
    const label = labels.length > 0 ? labels.join(';') : '-';
    const opioidCombination =
      substances.length > 1 && labels.some((l) => /^(codeine|dihydrocodeine|morphine)$/i.test(l));
    let category: string;
    if (LOCAL_WORDS.test(text) && !SYSTEMIC_WORDS.test(text)) category = 'local-form';
    else if (legacy) category = 'legacy-opioid';
    else if (label === '-') category = 'negative';
    else if (opioidCombination) category = 'otc-combination';
    else category = listCategory(label, text);
    rows.push({
      text,
      label: category === 'local-form' ? '-' : label,
      category,
      note: substances.join('/'),
    });
  }
  return rows;
}

function isSubstanceList(path: string): boolean {
  return /^"?(prodcode|ProdCodeId)"?\t/.test(readFileSync(path, 'latin1'));
}

function isAtcList(path: string): boolean {
  return /^"?DRUG_CODE_ID"?,/.test(readFileSync(path, 'latin1'));
}

function listRows(path: string): Row[] {
  if (isAtcList(path)) return atcRows(path);
  if (isSubstanceList(path)) return substanceRows(path);
  const listLabel = LIST_LABELS[basename(path)];
  const rows: Row[] = [];
  for (const r of readCsv(path)) {
    const text = (r['term'] || r['dmd_name'] || '').trim();
    if (text === '' || /^VMP (previous|subsequent) to/i.test(text)) continue;
    const code = r['bnf_code'] ?? '';
    let label: string;
    let note: string;
    if (listLabel !== undefined) {
      label = listLabel;
      note = basename(path);
    } else if (code.length >= 9) {
      label = labelOfBnf(code);
      note = `${code.slice(0, 9)} ${chemName.get(code.slice(0, 9)) ?? '?'}`;
    } else throw new Error(`${path}: a row without BNF code and no list label`);
    if (label === 'skip') continue;
    const category = code.length >= 9 ? categoryOf(code, label, text) : listCategory(label, text);
    rows.push({ text, label: category === 'local-form' ? '-' : label, category, note });
  }
  return rows;
}

function listCategory(label: string, text: string): string {
  if (!covered(label)) return 'negative';
  const first = text.split(/\s/)[0]?.toLowerCase() ?? '';
  return label.toLowerCase().startsWith(first) ? 'generic' : 'brand';
}
