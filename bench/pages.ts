/**
 * Generates the benchmark's synthetic GP medication screens: a patient banner and one long
 * medication table, ~11 elements per row (so 2,000 rows ≈ 22k elements), no scripts of its own (so
 * every main-thread task after load is ours, the browser's, or the benchmark's explicit page
 * script). Deterministic: the same seed gives the same page, so runs are comparable.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The names the bundled pack lists, read from the pack file so the page follows the pack. */
export interface PackNames {
  /** Every listed name, as written in the pack (generic and brand). */
  readonly all: readonly string[];
}

interface PackFile {
  readonly rules: readonly { readonly names: readonly string[] }[];
}

export function readPackNames(file = path.resolve('rules/packs/core.json')): PackNames {
  const pack = JSON.parse(fs.readFileSync(file, 'utf8')) as PackFile;
  const all = new Set<string>();
  for (const rule of pack.rules) for (const name of rule.names) all.add(name);
  return { all: [...all].sort() };
}

/** Everyday medicines that fill most of a real repeat list; none is in the bundled pack. */
export const ORDINARY_MEDICINES: readonly string[] = [
  'Amlodipine',
  'Metformin',
  'Atorvastatin',
  'Ramipril',
  'Omeprazole',
  'Lansoprazole',
  'Levothyroxine sodium',
  'Bisoprolol fumarate',
  'Simvastatin',
  'Salbutamol',
  'Paracetamol',
  'Aspirin',
  'Clopidogrel',
  'Furosemide',
  'Bendroflumethiazide',
  'Lisinopril',
  'Losartan potassium',
  'Doxazosin',
  'Tamsulosin hydrochloride',
  'Finasteride',
  'Colecalciferol',
  'Folic acid',
  'Ferrous fumarate',
  'Prednisolone',
  'Allopurinol',
  'Candesartan cilexetil',
  'Indapamide',
  'Gliclazide',
  'Sitagliptin',
  'Empagliflozin',
  'Apixaban',
  'Rivaroxaban',
  'Montelukast',
  'Beclometasone dipropionate',
  'Cetirizine hydrochloride',
  'Naproxen',
  'Ibuprofen',
  'Amoxicillin',
  'Nitrofurantoin',
  'Senna',
  'Lactulose',
  'Mebeverine hydrochloride',
  'Propranolol hydrochloride',
  'Fluoxetine',
  'Hydroxocobalamin',
  'Alendronic acid',
  'Calcium carbonate',
  'Latanoprost',
];

const STRENGTHS = ['2.5mg', '5mg', '7.5mg', '10mg', '20mg', '40mg', '50mg', '100mg', '500mg'];
const FORMS = [
  'tablets',
  'capsules',
  'film-coated tablets',
  'modified-release tablets',
  'gastro-resistant capsules',
  'oral solution sugar free',
  'orodispersible tablets',
];
const DOSAGES = [
  'One to be taken each day',
  'One to be taken twice a day',
  'One to be taken at night',
  'Take one or two up to four times a day when required',
  'One to be taken in the morning',
  'As directed by the specialist',
  'Half a tablet to be taken each day',
];
const PACKS = ['28 tablet', '56 tablet', '84 tablet', '30 capsule', '150 ml', '7 tablet'];
const PRESCRIBERS = ['Dr A Patel', 'Dr S Okafor', 'Dr J Williams', 'Nurse K Lee', 'R Shah (PIP)'];
const STATUSES = ['Repeat', 'Repeat', 'Repeat', 'Acute', 'Repeat dispensing', 'Review due'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** mulberry32: a tiny seeded PRNG, so pages are identical across runs and machines. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface MedicationPageOptions {
  readonly rows: number;
  readonly names: PackNames;
  /** Share of rows whose medicine is one the pack lists (a real repeat list: roughly 1 in 4). */
  readonly flaggedShare?: number;
  readonly seed?: number;
}

/** One table row's cells. */
interface RowCells {
  readonly drug: string;
  readonly dosage: string;
  readonly quantity: string;
  readonly lastIssued: string;
  readonly issues: string;
  readonly review: string;
  readonly prescriber: string;
  readonly status: string;
}

/** A dm+d-style description: "Sertraline 50mg tablets", "Zomorph 10mg modified-release tablets". */
function dmdStyleName(random: () => number, base: string): string {
  return `${capitalise(base)} ${pick(random, STRENGTHS)} ${pick(random, FORMS)}`;
}

function makeRowCells(random: () => number, drug: string): RowCells {
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const issued = Math.floor(random() * 12);
  return {
    drug,
    dosage: pick(random, DOSAGES),
    quantity: pick(random, PACKS),
    lastIssued: `${day}-${pick(random, MONTHS)}-2026`,
    issues: `${issued}/12`,
    review: `${day}-${pick(random, MONTHS)}-2027`,
    prescriber: pick(random, PRESCRIBERS),
    status: pick(random, STATUSES),
  };
}

function rowHtml(i: number, c: RowCells): string {
  const e = escapeHtml;
  return (
    `<tr data-row="${i}"><td class="drug"><span class="med">${e(c.drug)}</span></td>` +
    `<td>${e(c.dosage)}</td><td>${e(c.quantity)}</td><td class="issued">${e(c.lastIssued)}</td>` +
    `<td>${e(c.issues)}</td><td>${e(c.review)}</td><td>${e(c.prescriber)}</td>` +
    `<td><span class="status">${e(c.status)}</span></td></tr>\n`
  );
}

/** The medicine names of the page's rows in order, and the page's HTML. */
export interface GeneratedPage {
  readonly html: string;
  readonly drugs: readonly string[];
  readonly flaggedRows: number;
}

export function generateMedicationPage(options: MedicationPageOptions): GeneratedPage {
  const { rows, names, flaggedShare = 0.25, seed = 20261124 } = options;
  const random = seededRandom(seed + rows);
  const drugs: string[] = [];
  let flaggedRows = 0;
  const body: string[] = [];
  for (let i = 0; i < rows; i++) {
    const isFlagged = random() < flaggedShare;
    if (isFlagged) flaggedRows++;
    const drug = dmdStyleName(random, pick(random, isFlagged ? names.all : ORDINARY_MEDICINES));
    drugs.push(drug);
    body.push(rowHtml(i, makeRowCells(random, drug)));
  }
  const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Medication — ${rows} items (synthetic benchmark screen)</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d2b36; }
  header { background: #005eb8; color: #fff; padding: 8px 16px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border-bottom: 1px solid #d8dde0; padding: 4px 8px; text-align: left; }
  th { position: sticky; top: 0; background: #f0f4f5; }
  .status { font-size: 12px; border-radius: 3px; padding: 0 4px; background: #e8edee; }
</style>
</head>
<body>
<header><strong>TEST, Patient (Ms)</strong> · Born 01-Jan-1950 · NHS No. 999 000 0000 (synthetic)</header>
<main>
<h1>Medication</h1>
<table id="medication">
<thead><tr><th>Drug</th><th>Dosage</th><th>Quantity</th><th>Last issued</th><th>Issues</th><th>Review date</th><th>Prescriber</th><th>Status</th></tr></thead>
<tbody>
${body.join('')}</tbody>
</table>
</main>
</body>
</html>
`;
  return { html, drugs, flaggedRows };
}

/** Writes the page to `dir/name` and returns its file name. */
export function writeMedicationPage(
  dir: string,
  name: string,
  options: MedicationPageOptions,
): GeneratedPage {
  fs.mkdirSync(dir, { recursive: true });
  const page = generateMedicationPage(options);
  fs.writeFileSync(path.join(dir, name), page.html);
  return page;
}

/** Frames on the frames page: clinical systems nest a frame per pane (banner, lists, notes). */
export const BENCH_FRAMES = 20;

/**
 * A page of `frames` same-origin iframes, each a 10-row medication screen (`frame.html`, written
 * beside it): the content script runs in every frame, so its per-frame start-up is paid 21 times.
 */
export function writeFramesPage(
  dir: string,
  name: string,
  names: PackNames,
  frames = BENCH_FRAMES,
): void {
  writeMedicationPage(dir, 'frame.html', { rows: 10, names });
  const iframes = Array.from(
    { length: frames },
    (_, i) =>
      `<iframe src="frame.html?pane=${i}" title="Pane ${i + 1}" width="600" height="160"></iframe>`,
  ).join('\n');
  fs.writeFileSync(
    path.join(dir, name),
    `<!doctype html>\n<html lang="en-GB">\n<head><meta charset="utf-8"><title>${frames} panes (synthetic benchmark screen)</title></head>\n<body>\n${iframes}\n</body>\n</html>\n`,
  );
}
