import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import {
  createFuzzyMatcher,
  KNOWN_MEDICINES,
  matchText,
  restoreCompiled,
  STOP_WORDS,
} from '../engine';
import { ICB_NAMES } from '../schema/icbs';
import type { LayeredPack } from '../loader/merge';
import type { RulePack } from '../schema/rule-pack';
import { buildBundledData, bundledDataScript } from './data-script';
import { lazyBundledData } from './from-data-script';
import { BUNDLED_DATA_GLOBAL, type BundledData, type BundledDataText } from './types';

const built = buildBundledData();

// The content script's view: data.ts replaced by what rules-data.js provides (wxt.config.ts).
vi.mock('./data', () => ({ bundledData: (): BundledData => built }));
const { activateRuleSet, bundledPack } = await import('./index');

const core = JSON.parse(readFileSync('rules/packs/core.json', 'utf8')) as RulePack;

function namesByRule(layers: readonly LayeredPack[], options = {}): Map<string, string[]> {
  const { compiled } = activateRuleSet(layers, { fuzzy: false, ...options });
  const out = new Map<string, string[]>();
  for (const [first, phrases] of compiled.phrasesByFirst) {
    for (const p of phrases)
      for (const id of p.ruleIds) out.set(id, [...(out.get(id) ?? []), first]);
  }
  for (const [first, phrases] of compiled.formBoundByFirst ?? []) {
    for (const p of phrases)
      for (const { ruleId } of p.bindings)
        out.set(ruleId, [...(out.get(ruleId) ?? []), `${first} (form-bound)`]);
  }
  for (const list of out.values()) list.sort();
  return out;
}

/** What the content script reads: rules-data.js run in a context of its own, through its reader. */
function fromScript(): { data: BundledData; text: BundledDataText } {
  const context: Record<string, unknown> = {};
  vm.runInNewContext(bundledDataScript(built), vm.createContext(context));
  const text = context[BUNDLED_DATA_GLOBAL] as BundledDataText;
  return { data: lazyBundledData(text), text };
}

describe('rules-data.js (the bundled data the content script reads)', () => {
  it('sets the bundled pack and name index in the script’s own global, as JSON', () => {
    const { data } = fromScript();
    expect(data.pack).toEqual(core);
    // Same keys in the same order, card text included: what a card, a letter or a copy reads.
    expect(JSON.stringify(data.pack)).toBe(JSON.stringify(core));
    expect(data.productNames).toEqual(
      JSON.parse(readFileSync('rules/names/product-names.json', 'utf8')),
    );
    expect(data.compiled?.phrasesByFirst.length).toBeGreaterThan(500);
  });

  it('carries the ICB names and the engine word lists the content build reads from it', () => {
    const { data } = fromScript();
    expect(data.icbNames).toEqual(ICB_NAMES);
    expect(data.engineWords?.knownMedicines).toEqual(KNOWN_MEDICINES);
    expect(new Set(data.engineWords?.stopWords)).toEqual(STOP_WORDS);
  });

  it('parses a part only when a frame first reads it: card text, fuzzy index and name index wait', () => {
    const { data, text } = fromScript();
    const parse = vi.spyOn(JSON, 'parse');
    const parsed = () => new Set<string | undefined>(parse.mock.calls.map(([json]) => json));
    try {
      // What marking a page reads: the rules' names and categories, the compiled maps, the words.
      const pack = data.pack as RulePack;
      const rule = pack.rules.find((r) => r.id === 'zopiclone');
      expect(rule?.categories).toEqual(core.rules.find((r) => r.id === 'zopiclone')?.categories);
      expect(data.compiled?.phrasesByFirst.length).toBeGreaterThan(500);
      expect(data.engineWords?.stopWords.length).toBeGreaterThan(10);
      expect(parsed()).toEqual(new Set([text.pack, text.compiled, text.engineWords]));
      // A card opens: its text is there, exactly as in the pack, for every rule.
      expect(rule?.sources).toEqual(core.rules.find((r) => r.id === 'zopiclone')?.sources);
      expect(parsed().has(text.ruleText)).toBe(true);
      expect(pack.rules.map((r) => [r.summary, r.position, r.advice, r.notes])).toEqual(
        core.rules.map((r) => [r.summary, r.position, r.advice, r.notes]),
      );
      expect({ ...pack.rules[0] }).toEqual(core.rules[0]);
      expect(parsed().has(text.fuzzy)).toBe(false);
      expect(data.compiled?.fuzzy?.terms.length).toBeGreaterThan(800);
      expect(parsed().has(text.fuzzy)).toBe(true);
      expect(parsed().has(text.productNames)).toBe(false);
    } finally {
      parse.mockRestore();
    }
  });

  it('the precompiled rule set matches exactly what a page would compile', () => {
    const layers: LayeredPack[] = [{ layer: 'bundled', pack: bundledPack() }];
    const precomputed = namesByRule(layers);
    // A copy of the same pack is not "the bundled pack alone", so it is compiled at run time.
    const computed = namesByRule([{ layer: 'bundled', pack: structuredClone(core) }]);
    expect(precomputed).toEqual(computed);
    const restored = activateRuleSet(layers, { fuzzy: false }).compiled;
    const fresh = activateRuleSet([{ layer: 'bundled', pack: structuredClone(core) }], {
      fuzzy: false,
    }).compiled;
    expect(restored).toEqual(fresh);
    expect(precomputed.get('zopiclone')).toContain('zimovane');
    expect(precomputed.get('flupentixol-decanoate')).toContain('depixol (form-bound)');
  });

  it('is used only while the bundled pack is the only layer', () => {
    const original = built.compiled;
    if (!original) throw new Error('no precompiled rules');
    // A marker in the precompiled set shows which path a page took.
    const marked = {
      ...original,
      phrasesByFirst: [
        ...original.phrasesByFirst,
        ['sentinelbrand', [{ tokens: ['sentinelbrand'], ruleIds: ['zopiclone'] }]] as const,
      ],
    };
    Object.assign(built, { compiled: marked });
    try {
      const bundledOnly = activateRuleSet([{ layer: 'bundled', pack: bundledPack() }]);
      expect(matchText(bundledOnly.compiled, 'Sentinelbrand 7.5mg')).toHaveLength(1);
      expect(matchText(bundledOnly.compiled, 'zopiclon 7.5mg')[0]?.kind).toBe('fuzzy');
      const withLocal = activateRuleSet([
        { layer: 'bundled', pack: bundledPack() },
        { layer: 'local', pack: { ...core, packId: 'local-test', rules: [] } },
      ]);
      expect(matchText(withLocal.compiled, 'Sentinelbrand 7.5mg')).toHaveLength(0);
      expect(matchText(withLocal.compiled, 'Zimovane 7.5mg')).toHaveLength(1);
    } finally {
      Object.assign(built, { compiled: original });
    }
  });

  it('ships the fuzzy index built: the same index a page would build, reading text the same way', () => {
    const snapshot = built.compiled;
    if (!snapshot?.fuzzy) throw new Error('no prebuilt fuzzy index');
    // What a page would build from the same exact index, with nothing prebuilt.
    const fresh = restoreCompiled(
      { ...snapshot, fuzzy: undefined },
      { createFuzzy: createFuzzyMatcher },
    );
    expect(fresh.fuzzy?.indexSnapshot?.()).toEqual(snapshot.fuzzy);
    expect(snapshot.fuzzy.terms.length).toBeGreaterThan(800);

    const shipped = activateRuleSet([{ layer: 'bundled', pack: bundledPack() }]).compiled;
    const corpus = (file: string) =>
      (
        JSON.parse(readFileSync(`tests/fixtures/corpus/${file}`, 'utf8')) as {
          cases: { text: string }[];
        }
      ).cases.map((c) => c.text);
    const texts = [...corpus('misspellings.json'), ...corpus('no-false-flags.json')];
    expect(texts.length).toBeGreaterThan(300);
    for (const text of texts)
      expect(matchText(shipped, text), text).toEqual(matchText(fresh, text));
    expect(matchText(shipped, 'zopiclon 7.5mg')[0]?.kind).toBe('fuzzy');
  });
});
