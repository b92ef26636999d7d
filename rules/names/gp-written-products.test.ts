/**
 * Issue 21, family 2, written as a GP types a patient's own purchases into the record or as a shop
 * label reads, not as NHSBSA abbreviates them: "Syndol caplets", not "Syndol_Tab". Five of them
 * are also dm+d names, as written in the real-world evaluation (bench/realworld/); the rest are
 * not in it. The products are, by name, in the sources docs/names.md lists (NHSBSA BNF products,
 * CPRD and GP-system product terms), and those sources give what each contains.
 */
import { describe, expect, it } from 'vitest';
import { loadBundledPack } from '../../bench/realworld/evaluate';
import { matchText } from '../engine';

const { compiled } = loadBundledPack();
const found = (text: string) =>
  matchText(compiled, text).map((m) => ({
    kind: m.kind,
    name: text.slice(m.start, m.end),
    rules: [...m.ruleIds],
  }));

describe('pharmacy and old opioid products as a GP writes them', () => {
  it.each([
    ['Cuprofen Plus tablets', 'Cuprofen Plus', 'codeine'],
    ['Syndol caplets', 'Syndol', 'codeine'],
    ['Migraleve Yellow tablets', 'Migraleve Yellow', 'codeine'],
    ['Galcodine linctus', 'Galcodine', 'codeine'],
    ['Kaodene suspension', 'Kaodene', 'codeine'],
    ['Paramol tablets', 'Paramol', 'dihydrocodeine'],
    ["J Collis Browne's mixture", "J Collis Browne's", 'morphine'],
    ['Opazimes tablets', 'Opazimes', 'morphine'],
    ['Enterosan tablets', 'Enterosan', 'morphine'],
    ['Aspav dispersible tablets', 'Aspav', 'papaveretum'],
  ])('%s is flagged for its opioid', (text, name, rule) => {
    expect(found(text)).toEqual([{ kind: 'exact', name, rules: [rule] }]);
  });

  it.each([
    'Tesco Paracetamol and Codeine caplets',
    'Paracetamol 500mg / Codeine 8mg / Doxylamine 5mg / Caffeine 30mg tablets',
  ])('%s, a combination spelt out, is flagged by its opioid', (text) => {
    expect(found(text)).toEqual([{ kind: 'exact', name: 'Codeine', rules: ['codeine'] }]);
  });

  it.each([
    'Nurofen tablets', // ibuprofen
    'Panadol Extra', // paracetamol and caffeine
    'Anadin Extra', // aspirin, paracetamol and caffeine
    'Calpol Six Plus', // paracetamol
  ])('%s, the same makers’ products without an opioid, is not', (text) => {
    expect(found(text)).toEqual([]);
  });
});
