import { describe, expect, test } from 'vitest';
import { cleanCell, parseDrugCell, slugify, splitBrands, stripStrength } from './drug-cell';

describe('parseDrugCell: the name a rule keeps, and what the row says about form and use', () => {
  test.each<
    [string, { generic: string; brands?: string[]; forms?: string[]; qualifiers?: string[] }]
  >([
    ['Methotrexate (oral)', { generic: 'Methotrexate', forms: ['oral'] }],
    ['Methotrexate 2.5mg tablets', { generic: 'Methotrexate', forms: ['2.5mg tablets'] }],
    ['Lithium carbonate (Priadel®)', { generic: 'Lithium carbonate', brands: ['Priadel'] }],
    [
      'Methylphenidate (Concerta XL / Xaggitin XL)',
      { generic: 'Methylphenidate', brands: ['Concerta XL', 'Xaggitin XL'] },
    ],
    [
      'Aripiprazole long-acting injection (Abilify Maintena)',
      { generic: 'Aripiprazole', brands: ['Abilify Maintena'], forms: ['long-acting injection'] },
    ],
    ['Chloral hydrate (children)', { generic: 'Chloral hydrate', qualifiers: ['children'] }],
    [
      'Lamotrigine (bipolar disorder)',
      { generic: 'Lamotrigine', qualifiers: ['bipolar disorder'] },
    ],
    [
      'Triptorelin (Gender Dysphoria)',
      { generic: 'Triptorelin', qualifiers: ['Gender Dysphoria'] },
    ],
    ['Co-codamol 30/500 tablets', { generic: 'Co-codamol', forms: ['30/500 tablets'] }],
    ['Zoladex LA 10.8mg implant', { generic: 'Zoladex LA', forms: ['10.8mg implant'] }],
    ['Buprenorphine - sublingual', { generic: 'Buprenorphine', forms: ['sublingual'] }],
    ['Omega-3 fatty acids', { generic: 'Omega-3 fatty acids' }],
    ['Sustanon 250', { generic: 'Sustanon 250' }],
    ['CENOBAMATE', { generic: 'Cenobamate' }],
    ['  Lithium\u00a0carbonate\u200b  ', { generic: 'Lithium carbonate' }],
  ])('%s', (cell, expected) => {
    expect(parseDrugCell(cell)).toEqual({
      brands: [],
      forms: [],
      qualifiers: [],
      ...expected,
    });
  });

  test('form words the bundled pack uses count as forms', () => {
    expect(parseDrugCell('Buprenorphine oral lyophilisate', new Set(['lyophilisate']))).toEqual({
      generic: 'Buprenorphine',
      brands: [],
      forms: ['oral lyophilisate'],
      qualifiers: [],
    });
  });
});

describe('splitBrands: combined brand cells become one name each', () => {
  test.each<[string, string[]]>([
    ['Concerta XL / Xaggitin XL; Delmosart', ['Concerta XL', 'Xaggitin XL', 'Delmosart']],
    ['Priadel, Camcolit', ['Priadel', 'Camcolit']],
    ['Nebido or Sustanon 250', ['Nebido', 'Sustanon 250']],
    ['Zoladex; Zoladex LA 10.8mg', ['Zoladex', 'Zoladex LA']],
    ['Humira®\nAmgevita™ | Imraldi', ['Humira', 'Amgevita', 'Imraldi']],
    ['  ', []],
    [' / ; ', []],
  ])('%j', (cell, expected) => {
    expect(splitBrands(cell)).toEqual(expected);
  });
});

describe('stripStrength drops a trailing strength only', () => {
  test.each<[string, string]>([
    ['Zoladex LA 10.8mg', 'Zoladex LA'],
    ['Priadel 400 mg', 'Priadel'],
    ['Co-codamol 30/500', 'Co-codamol'],
    ['Prostap 3 DCS', 'Prostap 3 DCS'],
    ['Sustanon 250', 'Sustanon 250'],
  ])('%s → %s', (name, expected) => {
    expect(stripStrength(name)).toBe(expected);
  });
});

describe('slugify makes rule ids', () => {
  test.each<[string, string]>([
    ['Dabigatran etexilate', 'dabigatran-etexilate'],
    ['Co-careldopa', 'co-careldopa'],
    ['Sjögren’s syndrome drops', 'sjogren-s-syndrome-drops'],
    ['Insulin (human) 100 units/ml', 'insulin-human-100-units-ml'],
    ['x'.repeat(50) + ' ' + 'y'.repeat(50), 'x'.repeat(50)],
    ['–', ''],
  ])('%s → %s', (name, expected) => {
    const id = slugify(name);
    expect(id).toBe(expected);
    expect(id.length).toBeLessThanOrEqual(80);
  });
});

test('cleanCell folds line breaks, tabs and no-break spaces into single spaces', () => {
  expect(cleanCell(' Levels every 3 months,\r\n\tthyroid\u00a0yearly\u200e ')).toBe(
    'Levels every 3 months, thyroid yearly',
  );
});

describe('a crafted cell (issue #16)', () => {
  test('many strengths before a stray character: linear, not quadratic', () => {
    const cell = `Brand ${'1 mg '.repeat(100_000)}#`;
    const started = performance.now();
    expect(stripStrength(cell)).toBe(cell);
    splitBrands(cell);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
