/**
 * Rebuilds the generated lists of the real-world evaluation (issue 21) from the public files they
 * come from; docs/names.md names each file, its repository, commit and licence. Run once after
 * a source changes, then review the diff:
 *
 *   npx tsx bench/realworld/extract.ts <BNF_Code_Information.csv> [<codelist.csv>=<source> …]
 *
 * Labels come from the sources, not from us: an NHSBSA BNF presentation, and any dm+d code-list
 * row that carries a BNF code, is labelled by its BNF chemical substance (the first 9 characters
 * of the code), read as a dm+d ingredient through `BNF_LABELS` where the names differ. A row of a
 * code list without BNF codes takes the list's own subject (`LIST_LABELS`). The category follows
 * from the code and the form words (see `categoryOf`).
 */
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readCsv } from './csv';
import { loadBundledPack } from './evaluate';
import {
  BNF_LABELS,
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

/** Local forms: eye, ear, nose and skin products of BNF chapters 11–13 that are not systemic. */
const SYSTEMIC_WORDS =
  /(?:^|[^a-z])(?:inj|pfs|tab|tabs|cap|caps|oral|infusion|inf|vl|amp|pen)(?![a-z])/i;
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

function write(file: string, header: string, source: string, rows: Row[]): void {
  const seen = new Set<string>();
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

const [bnfPath, ...lists] = process.argv.slice(2);
if (!bnfPath) throw new Error('usage: extract.ts <BNF_Code_Information.csv> [list.csv=source …]');

const chemName = new Map<string, string>();
const bnfRows: Row[] = [];
for (const r of readCsv(bnfPath)) {
  const code = r['BNF Presentation Code'] ?? '';
  const chem = code.slice(0, 9);
  chemName.set(chem, r['BNF Chemical Substance'] ?? '');
  if (Number(code.slice(0, 2)) > 15) continue;
  const label = labelOfBnf(code);
  if (label === 'skip') continue;
  const text = cleanName(r['BNF Presentation'] ?? '');
  const positive = covered(label);
  const kept =
    positive ||
    BNF_LABELS[chem] !== undefined ||
    (NEGATIVE_SECTIONS.some((s) => code.startsWith(s)) && hash(text) % NEGATIVE_SAMPLE === 0);
  if (!kept || text === '') continue;
  const category = categoryOf(code, label, text);
  bnfRows.push({
    text,
    label: category === 'local-form' ? '-' : label,
    category,
    note: `${chem} ${r['BNF Chemical Substance']}`,
  });
}

function labelOfBnf(code: string): string {
  return labelOfCode(code, (c) => chemName.get(c) ?? '', covered);
}

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
  bnfRows,
);

for (const spec of lists) {
  const [source, paths] = spec.split('=');
  if (!source || !paths) throw new Error(`bad list ${spec} (want source=a.csv,b.csv)`);
  const rows: Row[] = [];
  for (const path of paths.split(',')) rows.push(...listRows(path));
  const names = paths
    .split(',')
    .map((p) => basename(p))
    .join(', ');
  write(
    `${source}.txt`,
    `# dm+d code lists ${names}: see docs/names.md (real-world evaluation).`,
    source,
    rows,
  );
}

function listRows(path: string): Row[] {
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
