/**
 * dm+d XML release → rules/names/product-names.json.
 *
 *   npm run import-dmd -- <folder with the unzipped release> [--pack <pack.json>]… [--out <file>]
 *                         [--date YYYY-MM-DD]
 *
 * Streams the release's lookup (f_lookup2_*), ingredient (f_ingredient2_*), VTM (f_vtm2_*), VMP
 * (f_vmp2_*) and AMP (f_amp2_*) files with saxes, so the ~1 GB of AMP/AMPP XML never sits in memory.
 * Element names follow NHSBSA's "Technical specification of data files for release 2 of the
 * dm+d" (VMPS/VMP/VPID/VTMID/NM, VIRTUAL_PRODUCT_INGREDIENT/VPI, DRUG_FORM/DFORM,
 * DRUG_ROUTE/DROUTE, AMPS/AMP/APID/VPID/NM/DESC, LOOKUP/FORM|ROUTE/INFO/CD/DESC).
 *
 * Only ingredients that a rule in the given pack(s) covers are written: a rule covers a VTM when
 * one of its names equals the VTM name after the matcher's normalisation. Output is canonical
 * (sorted, de-duplicated) and formatted with the repo's Prettier settings, so a refresh diff shows
 * only real changes. Runs offline; see docs/names.md for obtaining a release from TRUD.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { SaxesParser } from 'saxes';
import { validatePack } from '../rules/loader/validate';
import { formatIssue } from '../rules/loader/issues';
import { canonicalizeIndex, nameKey, serializeIndex } from '../rules/names/canonical';
import { INDEX_FORMAT, type NamesByForm, type ProductNameIndex } from '../rules/names/index-schema';
import { productStem } from '../rules/names/stem';

type Fields = Record<string, string>;

/**
 * Streams one dm+d file and calls `onRecord` for every element named in `recordTags`, with its
 * child elements' text and the name of its parent (LOOKUP's INFO records are told apart by parent).
 */
export async function streamRecords(
  file: string,
  recordTags: ReadonlySet<string>,
  onRecord: (tag: string, parent: string, fields: Fields) => void,
): Promise<void> {
  const parser = new SaxesParser();
  const stack: string[] = [];
  let fields: Fields | null = null;
  let recordDepth = -1;
  let text = '';
  let failure: Error | null = null;
  parser.on('error', (err) => {
    failure ??= err;
  });
  parser.on('opentag', (tag) => {
    stack.push(tag.name);
    if (fields === null && recordTags.has(tag.name)) {
      fields = {};
      recordDepth = stack.length;
    }
    text = '';
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    if (fields !== null) {
      if (stack.length === recordDepth) {
        onRecord(tag.name, stack[stack.length - 2] ?? '', fields);
        fields = null;
        recordDepth = -1;
      } else if (stack.length === recordDepth + 1) {
        fields[tag.name] = text.trim();
      }
    }
    stack.pop();
    text = '';
  });
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    parser.write(chunk as string);
    if (failure) break;
  }
  if (!failure) parser.close();
  if (failure) throw new Error(`${path.basename(file)}: ${(failure as Error).message}`);
}

/** The release files this importer reads, found anywhere under the folder. */
export interface ReleaseFiles {
  readonly vtm: string;
  readonly vmp: string;
  readonly amp: string;
  readonly lookup: string;
  /** Optional: ingredient substance names give salts ("Sertraline hydrochloride"). */
  readonly ingredient: string | null;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else out.push(full);
  }
  return out.sort();
}

export async function findReleaseFiles(folder: string): Promise<ReleaseFiles> {
  const files = await listFiles(folder);
  const pick = (prefix: string, required: boolean): string | null => {
    const hits = files.filter((f) => path.basename(f).toLowerCase().startsWith(prefix));
    if (hits.length > 1)
      throw new Error(`More than one ${prefix}*.xml in ${folder}: unzip one release only`);
    if (hits.length === 0 && required)
      throw new Error(`No ${prefix}*.xml in ${folder}: is this an unzipped dm+d release?`);
    return hits[0] ?? null;
  };
  return {
    vtm: pick('f_vtm2_', true) ?? '',
    vmp: pick('f_vmp2_', true) ?? '',
    amp: pick('f_amp2_', true) ?? '',
    lookup: pick('f_lookup2_', true) ?? '',
    ingredient: pick('f_ingredient2_', false),
  };
}

/**
 * dm+d file names end in a release digit and the release date as DDMMYY ("f_vtm2_3231126.xml" →
 * 2026-11-23); null when the name does not follow that pattern.
 */
export function releaseDateFromFileName(file: string): string | null {
  const m = /_\d(\d{2})(\d{2})(\d{2})\.xml$/i.exec(path.basename(file));
  if (!m) return null;
  const [, dd, mm, yy] = m;
  if (Number(mm) < 1 || Number(mm) > 12 || Number(dd) < 1 || Number(dd) > 31) return null;
  return `20${yy}-${mm}-${dd}`;
}

interface Vmp {
  readonly vpid: string;
  readonly vtmid: string;
  readonly name: string;
  isids: string[];
  formCd: string | null;
  routeCds: string[];
}

export interface ImportOptions {
  /** Release date if it cannot be read from the file names. */
  readonly date?: string;
  /** Written into release.source. */
  readonly source?: string;
}

const isInvalid = (f: Fields) => f.INVALID === '1';

/** Streams a release and returns the index for the ingredients that the given rule names cover. */
export async function importRelease(
  folder: string,
  ruleNames: readonly string[],
  options: ImportOptions = {},
): Promise<ProductNameIndex> {
  const files = await findReleaseFiles(folder);
  const covered = new Set(ruleNames.map(nameKey).filter((k) => k !== ''));

  // Lookups: form and route descriptions (dm+d "FORM" and "ROUTE" tables).
  const formDesc = new Map<string, string>();
  const routeDesc = new Map<string, string>();
  await streamRecords(files.lookup, new Set(['INFO']), (_tag, parent, f) => {
    if (!f.CD || !f.DESC) return;
    if (parent === 'FORM') formDesc.set(f.CD, f.DESC);
    else if (parent === 'ROUTE') routeDesc.set(f.CD, f.DESC);
  });

  const substanceName = new Map<string, string>();
  if (files.ingredient) {
    await streamRecords(files.ingredient, new Set(['ING']), (_tag, _parent, f) => {
      if (f.ISID && f.NM && !isInvalid(f)) substanceName.set(f.ISID, f.NM);
    });
  }

  // VTMs: all names (to recognise another ingredient's name), and which ones a rule covers.
  const vtmName = new Map<string, string>();
  await streamRecords(files.vtm, new Set(['VTM']), (_tag, _parent, f) => {
    if (f.VTMID && f.NM && !isInvalid(f)) vtmName.set(f.VTMID, f.NM);
  });
  const allVtmKeys = new Set([...vtmName.values()].map(nameKey));
  /** Covered ingredient names a VTM stands for: itself, or the covered parts of "A + B". */
  const targetsOfVtm = (vtmid: string): string[] => {
    const nm = vtmName.get(vtmid);
    if (!nm) return [];
    if (covered.has(nameKey(nm))) return [nm];
    return nm
      .split(/(?<=\s)\+(?=\s)/)
      .map((p) => p.trim())
      .filter((p) => covered.has(nameKey(p)));
  };
  // Covered VTM names by key, to file "Codeine phosphate" (a substance) under "Codeine".
  const coveredVtmNames = [...vtmName.values()].filter((n) => covered.has(nameKey(n)));
  const coveredByPrefix = (substance: string): string[] => {
    const tokens = nameKey(substance).split(' ');
    return coveredVtmNames.filter((vtm) => {
      const v = nameKey(vtm).split(' ');
      return v.length <= tokens.length && v.every((t, i) => tokens[i] === t);
    });
  };

  const vmps = new Map<string, Vmp>();
  await streamRecords(files.vmp, new Set(['VMP', 'VPI', 'DFORM', 'DROUTE']), (tag, _parent, f) => {
    const vpid = f.VPID;
    if (!vpid) return;
    if (tag === 'VMP') {
      if (f.NM && !isInvalid(f)) {
        vmps.set(vpid, {
          vpid,
          vtmid: f.VTMID ?? '',
          name: f.NM,
          isids: [],
          formCd: null,
          routeCds: [],
        });
      }
      return;
    }
    const vmp = vmps.get(vpid);
    if (!vmp) return;
    if (tag === 'VPI' && f.ISID) vmp.isids.push(f.ISID);
    else if (tag === 'DFORM' && f.FORMCD) vmp.formCd = f.FORMCD;
    else if (tag === 'DROUTE' && f.ROUTECD) vmp.routeCds.push(f.ROUTECD);
  });

  const formKeyOf = (vmp: Vmp): string => {
    const routes = [
      ...new Set(vmp.routeCds.map((cd) => (routeDesc.get(cd) ?? 'unknown').toLowerCase())),
    ]
      .map((r) => r.replace(/[^a-z-]+/g, '-'))
      .sort();
    const form = (vmp.formCd ? formDesc.get(vmp.formCd) : undefined) ?? 'unknown';
    return `${routes.length > 0 ? routes.join('+') : 'unknown'}/${form.toLowerCase()}`;
  };

  interface Kept {
    readonly vmp: Vmp;
    readonly targets: readonly string[];
    readonly formKey: string;
    readonly stem: string;
  }
  const kept = new Map<string, Kept>();
  for (const vmp of vmps.values()) {
    const targets = new Set(targetsOfVtm(vmp.vtmid));
    for (const isid of vmp.isids) {
      const sub = substanceName.get(isid);
      if (sub) for (const t of coveredByPrefix(sub)) targets.add(t);
    }
    if (targets.size === 0) continue;
    kept.set(vmp.vpid, {
      vmp,
      targets: [...targets],
      formKey: formKeyOf(vmp),
      stem: productStem(vmp.name),
    });
  }

  const entries = new Map<string, { generic: NamesByForm; brand: NamesByForm }>();
  const add = (target: string, kind: 'generic' | 'brand', formKey: string, name: string) => {
    let e = entries.get(target);
    if (!e) {
      e = { generic: {}, brand: {} };
      entries.set(target, e);
    }
    const list = (e[kind][formKey] ??= []);
    list.push(name);
  };
  /** True when `name` starts with a VTM name other than the allowed ones ("Oxycodone" under naloxone). */
  const namesOtherVtm = (name: string, allowed: readonly string[]): boolean => {
    const tokens = nameKey(name).split(' ');
    const allowedKeys = new Set(allowed.map(nameKey));
    for (let n = tokens.length; n >= 1; n--) {
      const prefix = tokens.slice(0, n).join(' ');
      if (allVtmKeys.has(prefix) && !allowedKeys.has(prefix)) return true;
    }
    return false;
  };

  for (const { vmp, targets, formKey, stem } of kept.values()) {
    const ownVtm = vtmName.get(vmp.vtmid) ?? '';
    for (const target of targets) {
      // Salts and co-names: "Morphine sulfate", "Co-codamol"; never another ingredient's name.
      if (
        stem !== '' &&
        nameKey(stem) !== nameKey(target) &&
        !namesOtherVtm(stem, [ownVtm, target])
      ) {
        add(target, 'generic', formKey, stem);
      }
      for (const isid of vmp.isids) {
        const sub = substanceName.get(isid);
        if (sub && coveredByPrefix(sub).includes(target) && nameKey(sub) !== nameKey(target)) {
          add(target, 'generic', formKey, sub);
        }
      }
    }
  }

  await streamRecords(files.amp, new Set(['AMP']), (_tag, _parent, f) => {
    if (!f.VPID || !f.NM || isInvalid(f)) return;
    const k = kept.get(f.VPID);
    if (!k) return;
    const stem = productStem(f.NM);
    if (stem === '' || nameKey(stem) === nameKey(k.stem)) return;
    const first = nameKey(stem).split(' ')[0] ?? '';
    // "Oxycodone Aspire 5mg…" is a generic sold under a supplier's name: the generic already matches.
    for (const target of k.targets) {
      if (allVtmKeys.has(first) || first === (nameKey(target).split(' ')[0] ?? '')) continue;
      add(target, 'brand', k.formKey, stem);
    }
  });

  const date = options.date ?? releaseDateFromFileName(files.vtm);
  if (!date)
    throw new Error('Cannot tell the release date from the file names; pass --date YYYY-MM-DD');
  return canonicalizeIndex({
    format: INDEX_FORMAT,
    release: {
      source: options.source ?? `NHSBSA dm+d release (${path.basename(path.resolve(folder))})`,
      date,
    },
    ingredients: [...entries].map(([vtm, e]) => ({ vtm, generic: e.generic, brand: e.brand })),
  });
}

/** Every name of every rule in the packs, after validation (the same gate as the extension's). */
export async function readRuleNames(packFiles: readonly string[]): Promise<string[]> {
  const names: string[] = [];
  for (const file of packFiles) {
    const result = validatePack(JSON.parse(await readFile(file, 'utf8')) as unknown);
    if (!result.ok) {
      throw new Error(`${file} is not a valid pack:\n${result.issues.map(formatIssue).join('\n')}`);
    }
    for (const rule of result.value.rules) names.push(...rule.names);
  }
  return names;
}

/** The index text as committed: canonical JSON run through the repo's Prettier settings. */
export async function renderIndex(index: ProductNameIndex, outFile: string): Promise<string> {
  const config = (await resolveConfig(outFile)) ?? {};
  return format(serializeIndex(index), { ...config, filepath: outFile });
}

interface CliArgs {
  folder: string;
  packs: string[];
  out: string;
  date?: string;
}

function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { folder: '', packs: [], out: 'rules/names/product-names.json' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const next = () => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${a} needs a value`);
      return value;
    };
    if (a === '--pack') args.packs.push(next());
    else if (a === '--out') args.out = next();
    else if (a === '--date') args.date = next();
    else if (a.startsWith('--')) throw new Error(`Unknown option ${a}`);
    else args.folder = a;
  }
  if (args.folder === '') {
    throw new Error(
      'Usage: npm run import-dmd -- <release folder> [--pack file]… [--out file] [--date YYYY-MM-DD]',
    );
  }
  if (args.packs.length === 0) args.packs.push('rules/packs/core.json');
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const ruleNames = await readRuleNames(args.packs);
  const index = await importRelease(args.folder, ruleNames, args.date ? { date: args.date } : {});
  await writeFile(args.out, await renderIndex(index, args.out), 'utf8');
  let names = 0;
  for (const e of index.ingredients) {
    for (const list of [...Object.values(e.generic ?? {}), ...Object.values(e.brand ?? {})])
      names += list.length;
  }
  console.log(
    `${args.out}: ${index.ingredients.length} ingredients, ${names} names, release ${index.release.date}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}
