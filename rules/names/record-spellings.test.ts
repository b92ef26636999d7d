/**
 * Issue 21, families 2 and 5, as records outside the evaluation write them: possessive brand names
 * without the apostrophe, the old pharmacopoeias' opium preparations, and colistin's oral form. The
 * strings are product names as a UK dental practice system's medicines list (OpenMolar,
 * rowinggolfer/openmolar1 `schema_upgrades/druglist.py`, GPL-3, read as a probe only) and the
 * CPRD-style product terms write them; none is a string of the evaluation's held-back part.
 */
import { describe, expect, it } from 'vitest';
import { exactRulesOf, loadBundledPack } from '../../bench/realworld/evaluate';
import { possessiveVariants } from './expand';

const { compiled } = loadBundledPack();
const exactRules = (text: string) => exactRulesOf(compiled, text);

describe('possessive names written without the apostrophe', () => {
  it('gives the joined and the dropped spelling of a name of two words or more', () => {
    expect(possessiveVariants("Collis Browne's")).toEqual(['Collis Brownes', 'Collis Browne']);
    expect(possessiveVariants('Gee\u2019s Linctus')).toEqual(['Gees Linctus', 'Gee Linctus']);
    expect(possessiveVariants('Oramorph')).toEqual([]);
  });

  it('never makes a bare word of a one-word possessive', () => {
    expect(possessiveVariants("Gee's")).toEqual([]);
  });

  it.each([
    ['Collis Brownes mixture', 'morphine'],
    ['Dr J Collis Brownes Mixture', 'morphine'],
    ['Collis Browne mixture 100ml', 'morphine'],
    ['Gees Linctus 5ml qds', 'morphine'],
  ])('%s is flagged', (text, rule) => {
    expect(exactRules(text)).toEqual([rule]);
  });

  it('does not read a surname alone', () => {
    expect(exactRules('Seen by Dr Browne')).toEqual([]);
    expect(exactRules('Mrs Collis, 12 Browne Street')).toEqual([]);
  });
});

describe("the old pharmacopoeias' opium preparations", () => {
  it.each([
    ['Ipecacuanha and opium powder', 'morphine'], // Dover's powder
    ['Chalk aromatic with opium powder', 'morphine'],
    ['Paregoric 5ml at night', 'morphine'], // camphorated opium tincture
  ])('%s is flagged', (text, rule) => {
    expect(exactRules(text)).toEqual([rule]);
  });

  it('still does not read opium as a word', () => {
    expect(exactRules('History of opium use in his twenties')).toEqual([]);
  });
});

describe("colistin's oral form is not the nebulised colistimethate", () => {
  it.each([
    'Colistin Sulphate',
    'Colistin sulfate 1.5 million unit tablets',
    'Colomycin Tablet',
    'Colomycin Syrup',
    'Colomycin tablets 1,500,000 units',
  ])('%s is not flagged', (text) => {
    expect(exactRules(text)).toEqual([]);
  });

  it.each([
    'Colomycin Injection',
    'Colomycin 1million unit powder for solution for injection vials',
    'Colistimethate Sodium',
    'Colistin 2 million units nebulised twice daily',
    'Promixin 1million unit powder for nebuliser solution',
  ])('%s is still flagged', (text) => {
    expect(exactRules(text)).toEqual(['colistimethate']);
  });
});
