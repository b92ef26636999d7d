/**
 * Issue 21, family 2: own-brand codeine combinations named by ordinary phrases, read by their
 * strength pair against the bundled pack, or by supplier and product name where the BNF names
 * one product so. "Boots_Migraine Relief Cap 8mg/500mg", "Boots_Pain Relief Plus Cap 8mg/500mg",
 * "Boots_Dental Pain Relief Tab" and "Domperamol_Tab 10mg/500mg" are NHSBSA BNF presentation names
 * (release 2020-02-01, OGL v3); "Migraine Relief 8mg/500mg capsules" is a dm+d term from the
 * OpenSAFELY opioid code list (bench/realworld, tuning part).
 */
import { describe, expect, it } from 'vitest';
import { loadBundledPack } from '../../bench/realworld/evaluate';
import { matchText } from './match';

const { compiled } = loadBundledPack();
const read = (text: string) =>
  matchText(compiled, text).map((m) => ({
    name: text.slice(m.start, m.end),
    kind: m.kind,
    rules: [...m.ruleIds],
  }));

describe('opioid combinations known only by their strength pair', () => {
  it.each([
    ['Boots_Migraine Relief Cap 8mg/500mg', '8mg/500mg', ['codeine']],
    ['Migraine Relief 8mg/500mg capsules', '8mg/500mg', ['codeine']],
    ['Extra Strength Pain Relief 15mg / 500mg tablets', '15mg / 500mg', ['codeine']],
    ['Pain Relief 30mg/500mg caplets', '30mg/500mg', ['codeine', 'dihydrocodeine']],
    ['Pain Relief 20mg/500mg tablets', '20mg/500mg', ['dihydrocodeine']],
  ])('%s is flagged on its strength pair', (text, name, rules) => {
    expect(read(text)).toEqual([{ name, kind: 'exact', rules }]);
  });

  it('a named product is flagged once, by its name', () => {
    expect(read('Co-codamol 8mg/500mg tablets')).toEqual([
      { name: 'Co-codamol', kind: 'exact', rules: ['codeine'] },
    ]);
  });

  // Own brands read as supplier + product (name-policy.json needsContext, from the NHSBSA BNF:
  // 0407010F0BCAAAB "Boots_Pain Relief Plus Cap 8mg/500mg", 0407010N0BEAAAE "Boots_Dental Pain
  // Relief Tab"): flagged once, by the name, with or without a pair.
  it.each([
    ['Boots_Pain Relief Plus Cap 8mg/500mg', 'Boots_Pain Relief Plus', ['codeine']],
    ['Boots_Dental Pain Relief Tab', 'Boots_Dental Pain Relief', ['dihydrocodeine']],
  ])('%s is flagged by its supplier and product name', (text, name, rules) => {
    expect(read(text)).toEqual([{ name, kind: 'exact', rules }]);
  });

  // dm+d names an own brand without the retailer in front and gives the supplier in brackets
  // after (GM SDE opioid code set, NHS opioid reference set: "Dental Pain Relief tablets (The
  // Boots Company Plc)"); read only with that bracket, never as the words alone.
  it.each([
    [
      'Dental Pain Relief tablets (The Boots Company Plc)',
      'Dental Pain Relief',
      ['dihydrocodeine'],
    ],
    ['Pain Relief Plus capsules (The Boots Company Plc)', 'Pain Relief Plus', ['codeine']],
    ['Tension Headache Relief tablets (The Boots Company Plc)', 'Tension Headache', ['codeine']],
  ])('%s is flagged by the supplier in brackets after it', (text, name, rules) => {
    expect(read(text)).toEqual([{ name, kind: 'exact', rules }]);
  });

  it.each([
    'Dental pain relief tablets advised (paracetamol)',
    'Pain relief plus physiotherapy tablets (see letter)',
    'Tension headache: relief with tablets\n(Boots receipt)',
  ])('%s, ordinary words, is not flagged', (text) => {
    expect(read(text)).toEqual([]);
  });

  it('an own brand with a strength pair and its supplier is flagged once', () => {
    expect(read('Pain Relief Plus 8mg/500mg capsules (The Boots Company Plc)')).toEqual([
      { name: 'Pain Relief Plus', kind: 'exact', rules: ['codeine'] },
    ]);
  });

  it('reads the pair after a supplier whose words start another product', () => {
    // "Boots" starts "Boots Dental Pain Relief", but here it names nothing.
    expect(read('Boots_Migraine Relief Cap 8mg/500mg')).toEqual([
      { name: '8mg/500mg', kind: 'exact', rules: ['codeine'] },
    ]);
  });

  it('reads the pair on its own line when another line names a product', () => {
    expect(read('Co-codamol 30mg/500mg tablets\nMigraine Relief 8mg/500mg capsules')).toEqual([
      { name: 'Co-codamol', kind: 'exact', rules: ['codeine'] },
      { name: '8mg/500mg', kind: 'exact', rules: ['codeine'] },
    ]);
  });

  it.each([
    ['Domperamol_Tab 10mg/500mg', 'domperidone with paracetamol: 10/500 is not read'],
    ['Naproxen/Esomeprazole_Tab 500mg/20mg', 'another medicine, and the order is reversed'],
    ['Paracetamol 8mg/500mg', 'the line names a medicine'],
    ['Paracetamol 500mg tablets', 'no pair'],
    ['Migraine relief: sumatriptan 50mg', 'the phrase alone is never read'],
    ['Dental Pain Relief Tab', 'no strength, and the phrase alone is never read'],
    ['Ondansetron 8mg/500ml infusion', 'mg/ml is not a combination'],
    ['8mg / 500', 'the second strength needs its unit'],
  ])('%s is not flagged (%s)', (text) => {
    expect(read(text).filter((m) => m.kind === 'exact')).toEqual([]);
  });
});
