import { mkdtemp, readFile, rm, writeFile, copyFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProductNameIndex } from '../rules/names/index-schema';
import { parseProductNameIndex } from '../rules/names/index-schema';
import {
  findReleaseFiles,
  importRelease,
  readRuleNames,
  releaseDateFromFileName,
  renderIndex,
  streamRecords,
} from './import-dmd';

const FIXTURE = path.resolve('tests/fixtures/dmd');
const RULE_NAMES = [
  'zopiclone',
  'buprenorphine',
  'naloxone',
  'methylphenidate',
  'codeine',
  'oxycodone',
  'tacrolimus',
];

let index: ProductNameIndex;
beforeAll(async () => {
  index = await importRelease(FIXTURE, RULE_NAMES);
});

function entry(vtm: string) {
  return index.ingredients.find((e) => e.vtm === vtm);
}

describe('importRelease on the dm+d fixture', () => {
  it('reads the release date from the file names', () => {
    expect(index.release.date).toBe('2026-11-23');
  });

  it('writes only ingredients a rule covers, in VTM order', () => {
    expect(index.ingredients.map((e) => e.vtm)).toEqual([
      'Buprenorphine',
      'Codeine',
      'Methylphenidate',
      'Naloxone',
      'Oxycodone',
      'Tacrolimus',
      'Zopiclone',
    ]);
  });

  it.each([
    ['Zopiclone', 'oral/tablet', ['Zimovane']],
    ['Buprenorphine', 'transdermal/transdermal patch', ['Butrans']],
    ['Buprenorphine', 'sublingual/sublingual tablet', ['Suboxone', 'Subutex']],
    ['Buprenorphine', 'oromucosal/oral lyophilisate', ['Espranor']],
    ['Methylphenidate', 'oral/prolonged-release tablet', ['Concerta XL', 'Xaggitin XL']],
    ['Codeine', 'oral/tablet', ['Kapake']],
    ['Tacrolimus', 'cutaneous/ointment', ['Protopic']],
    ['Tacrolimus', 'oral/capsule', ['Prograf']],
  ])('%s: brands in %s are %j', (vtm, form, brands) => {
    expect(entry(vtm)?.brand?.[form]).toEqual(brands);
  });

  it.each([
    ['Codeine', 'oral/tablet', ['Co-codamol', 'Codeine phosphate hemihydrate']],
    ['Methylphenidate', 'oral/prolonged-release tablet', ['Methylphenidate hydrochloride']],
    ['Buprenorphine', 'transdermal/transdermal patch', ['Buprenorphine hydrochloride']],
  ])('%s: generic names (co-names, salts) in %s are %j', (vtm, form, names) => {
    expect(entry(vtm)?.generic?.[form]).toEqual(names);
  });

  it('files a combination product under each covered ingredient', () => {
    expect(entry('Oxycodone')?.brand?.['oral/modified-release tablet']).toEqual(['Targinact']);
    expect(entry('Naloxone')?.brand?.['oral/modified-release tablet']).toEqual(['Targinact']);
    expect(entry('Naloxone')?.brand?.['sublingual/sublingual tablet']).toEqual(['Suboxone']);
  });

  it("never files another ingredient's own name as a generic name", () => {
    const naloxoneNames = Object.values(entry('Naloxone')?.generic ?? {}).flat();
    expect(naloxoneNames).not.toContain('Oxycodone');
    expect(naloxoneNames).not.toContain('Buprenorphine');
  });

  it('skips generics sold under the generic name, invalid rows and uncovered ingredients', () => {
    const all = JSON.stringify(index);
    expect(entry('Zopiclone')?.generic).toBeUndefined();
    expect(all).not.toContain('Zimovane LS');
    expect(all).not.toContain('Amoxil');
    expect(all).not.toContain('Paracetamol');
  });

  it('produces an index that passes its own schema', () => {
    expect(parseProductNameIndex(JSON.parse(JSON.stringify(index))).ok).toBe(true);
  });

  it('is deterministic: the same release renders byte-identical output', async () => {
    const again = await importRelease(FIXTURE, [...RULE_NAMES].reverse());
    const out = 'rules/names/product-names.json';
    expect(await renderIndex(again, out)).toBe(await renderIndex(index, out));
  });
});

describe('release files', () => {
  it.each([
    ['f_vtm2_3231126.xml', '2026-11-23'],
    ['f_amp2_3280618.xml', '2018-06-28'],
    ['f_vmp2_3010617.xml', '2017-06-01'],
    ['f_vtm2_latest.xml', null],
    ['f_vtm2_3321326.xml', null],
  ])('%s → %s', (file, date) => {
    expect(releaseDateFromFileName(file)).toBe(date);
  });

  it('finds the files in nested folders and reports a missing one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'plens-dmd-'));
    try {
      await mkdir(path.join(dir, 'nested'));
      for (const f of ['f_vtm2_3231126.xml', 'f_vmp2_3231126.xml', 'f_lookup2_3231126.xml']) {
        await copyFile(path.join(FIXTURE, f), path.join(dir, 'nested', f));
      }
      await expect(findReleaseFiles(dir)).rejects.toThrow(/f_amp2_/);
      await copyFile(
        path.join(FIXTURE, 'f_amp2_3231126.xml'),
        path.join(dir, 'f_amp2_3231126.xml'),
      );
      const files = await findReleaseFiles(dir);
      expect(path.basename(files.vmp)).toBe('f_vmp2_3231126.xml');
      expect(files.ingredient).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects malformed XML with the file name', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'plens-dmd-'));
    try {
      const file = path.join(dir, 'f_vtm2_3231126.xml');
      await writeFile(file, '<VIRTUAL_THERAPEUTIC_MOIETIES><VTM><NM>Broken</VTM>');
      await expect(streamRecords(file, new Set(['VTM']), () => undefined)).rejects.toThrow(
        /f_vtm2_3231126\.xml/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readRuleNames', () => {
  it('reads every rule name of the bundled pack after validation', async () => {
    const names = await readRuleNames(['rules/packs/core.json']);
    expect(names).toContain('zopiclone');
    const raw = JSON.parse(await readFile('rules/packs/core.json', 'utf8')) as {
      rules: { names: string[] }[];
    };
    expect(names.length).toBe(raw.rules.reduce((n, r) => n + r.names.length, 0));
  });
});
