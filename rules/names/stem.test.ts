import { describe, expect, it } from 'vitest';
import { productStem, shortBrandStem } from './stem';

describe('productStem', () => {
  it.each([
    ['Zimovane 7.5mg tablets', 'Zimovane'],
    ['Zopiclone 7.5mg tablets', 'Zopiclone'],
    ['Xaggitin XL 18mg tablets', 'Xaggitin XL'],
    ['Morphine sulfate 10mg/5ml oral solution', 'Morphine sulfate'],
    ['OxyNorm liquid 1mg/ml oral solution', 'OxyNorm'],
    ['Durogesic DTrans 12micrograms/hour transdermal patches', 'Durogesic DTrans'],
    ['Co-codamol 30mg/500mg tablets', 'Co-codamol'],
    ['Oxycodone 10mg / Naloxone 5mg modified-release tablets', 'Oxycodone'],
    ['Nurofen Plus tablets', 'Nurofen Plus'],
    ['Sativex oromucosal spray', 'Sativex'],
    ['MST Continus Suspension 100mg granules sachets', 'MST Continus'],
    ['Physeptone 1mg/ml mixture', 'Physeptone'],
    ['Buvidal 8mg/0.16ml prolonged-release solution for injection pre-filled syringes', 'Buvidal'],
    ['Zoladex LA 10.8mg implant SafeSystem', 'Zoladex LA'],
    ['Camcolit 250 tablets', 'Camcolit'],
    ['  ', ''],
  ])('%s → %s', (name, stem) => {
    expect(productStem(name)).toBe(stem);
  });
});

describe('shortBrandStem', () => {
  it.each([
    ['Xaggitin XL', 'Xaggitin'],
    ['Prostap SR DCS', 'Prostap'],
    ['Mezolar Matrix', 'Mezolar'],
    ['Zispin SolTab', 'Zispin'],
    ['Kapake Insts', 'Kapake'],
    // Too short alone: "MST" and "DHC" are also unrelated abbreviations.
    ['MST Continus', null],
    ['DHC Continus', null],
    // Nothing to drop.
    ['Zimovane', null],
    ['Solpadeine Max', null],
    ['Sustanon 250', null],
  ])('%s → %s', (stem, short) => {
    expect(shortBrandStem(stem)).toBe(short);
  });
});
