import { describe, expect, test } from 'vitest';
import corePack from '../packs/core.json';
import type { Rule, RulePack } from '../schema/rule-pack';
import { diffRuleSets, isEmptyDiff } from './diff';
import { mergePacks, type LayeredPack } from '../loader/merge';
import { validatePack } from '../loader/validate';

function valid(input: unknown): RulePack {
  const result = validatePack(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

const core = valid(corePack);
const coreRule = (id: string): Rule => {
  const rule = core.rules.find((r) => r.id === id);
  if (!rule) throw new Error(`core.json has no rule ${id}`);
  return rule;
};

const source = {
  title: 'Example ICB formulary (fictitious)',
  publisher: 'Example ICB',
  url: 'https://example-icb.nhs.uk/formulary',
};

function localPack(rules: Rule[], disable: RulePack['disable'] = undefined): RulePack {
  return valid({
    schemaVersion: 1,
    packId: 'example-icb-local',
    name: 'Example ICB local positions',
    publisher: 'Example ICB',
    packVersion: '2026.11.1',
    publishedAt: '2026-11-01',
    reviewBy: '2027-05-01',
    licence: 'OGL-UK-3.0',
    description: 'Fictitious local pack for tests.',
    rules,
    ...(disable ? { disable } : {}),
  });
}

const bundledOnly = mergePacks([{ layer: 'bundled', pack: core }]);
const withLocal = (pack: RulePack, more: LayeredPack[] = []) =>
  mergePacks([{ layer: 'bundled', pack: core }, { layer: 'local', pack }, ...more]);

const amlodipine: Rule = {
  id: 'amlodipine-example-local',
  drug: 'Amlodipine',
  names: ['amlodipine', 'Istin'],
  categories: ['no-commissioned-service'],
  position: 'Fictitious local rule for tests.',
  sources: [source],
  lastReviewed: '2026-10-01',
};

describe('diffRuleSets', () => {
  test('the same set twice changes nothing', () => {
    const diff = diffRuleSets(bundledOnly, mergePacks([{ layer: 'bundled', pack: core }]));
    expect(isEmptyDiff(diff)).toBe(true);
  });

  test('a rule with a new id is listed as added, and nothing else moves', () => {
    const diff = diffRuleSets(bundledOnly, withLocal(localPack([amlodipine])));
    expect(diff.added.map((r) => [r.rule.drug, r.pack.layer])).toEqual([['Amlodipine', 'local']]);
    expect(diff.changed).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.movedNames).toEqual([]);
  });

  test('overriding a national rule with new categories lists what changed and the names that move colour', () => {
    const lithium = coreRule('lithium');
    const override: Rule = {
      ...lithium,
      categories: ['specialist-initiation'],
      names: [...lithium.names, 'Example lithium brand'],
      sources: [source],
    };
    const diff = diffRuleSets(bundledOnly, withLocal(localPack([override])));
    expect(diff.added).toEqual([]);
    expect(diff.changed).toHaveLength(1);
    const change = diff.changed[0];
    expect(change?.fields).toEqual(['names', 'categories', 'sources', 'categoryText', 'layer']);
    expect(change?.namesAdded).toEqual(['Example lithium brand']);
    expect(change?.namesRemoved).toEqual([]);
    expect(diff.movedNames.map((m) => m.name)).toContain('lithium');
    expect(
      diff.movedNames.every((m) => m.from === 'shared-care' && m.to === 'specialist-initiation'),
    ).toBe(true);
  });

  test('the same content from another layer is a change of pack only', () => {
    const diff = diffRuleSets(bundledOnly, withLocal(localPack([coreRule('lithium')])));
    expect(diff.changed.map((c) => c.fields)).toEqual([['layer']]);
    expect(diff.movedNames).toEqual([]);
  });

  test('a disabled national rule is removed, with the reason and the pack that disabled it', () => {
    const reason = 'Example ICB: prescribed in primary care (fictitious).';
    const diff = diffRuleSets(
      bundledOnly,
      withLocal(localPack([amlodipine], [{ ruleId: 'melatonin', reason }])),
    );
    expect(diff.removed.map((r) => [r.id, r.disabledBy?.reason, r.disabledBy?.by.layer])).toEqual([
      ['melatonin', reason, 'local'],
    ]);
  });

  test('removing the local pack reports its rules as removed and overrides as changed back', () => {
    const lithium = { ...coreRule('lithium'), notes: 'Local note (fictitious).' };
    const diff = diffRuleSets(withLocal(localPack([amlodipine, lithium])), bundledOnly);
    expect(diff.removed.map((r) => r.id)).toEqual(['amlodipine-example-local']);
    expect(diff.removed[0]?.disabledBy).toBeUndefined();
    expect(diff.changed.map((c) => [c.id, c.after.pack.layer])).toEqual([['lithium', 'bundled']]);
    expect(diff.changed[0]?.fields).toContain('notes');
  });

  test('names dropped from an overridden rule are listed', () => {
    const zopiclone = coreRule('zopiclone');
    const [first, ...rest] = zopiclone.names;
    expect(rest.length).toBeGreaterThan(0);
    const diff = diffRuleSets(
      bundledOnly,
      withLocal(localPack([{ ...zopiclone, names: [first ?? 'zopiclone'] }])),
    );
    expect(diff.changed[0]?.namesRemoved).toEqual(rest);
  });

  test('a managed pack above the local one decides what the preview shows', () => {
    const local = localPack([amlodipine]);
    const managed = valid({
      ...localPack([{ ...amlodipine, categories: ['shared-care'] }]),
      packId: 'example-policy',
      name: 'Example policy pack',
    });
    const before = bundledOnly;
    const after = withLocal(local, [{ layer: 'managed', pack: managed }]);
    const diff = diffRuleSets(before, after);
    expect(diff.added.map((r) => [r.rule.id, r.pack.layer, r.rule.categories[0]])).toEqual([
      ['amlodipine-example-local', 'managed', 'shared-care'],
    ]);
  });

  test('lists are sorted by drug so the preview reads alphabetically', () => {
    const rules: Rule[] = [
      { ...amlodipine, id: 'zz-example', drug: 'Zeta example' },
      { ...amlodipine, id: 'aa-example', drug: 'alpha example', names: ['alpha example'] },
    ];
    const diff = diffRuleSets(
      bundledOnly,
      withLocal(localPack(rules.map((r, i) => ({ ...r, names: [`example name ${i}`] })))),
    );
    expect(diff.added.map((r) => r.rule.drug)).toEqual(['alpha example', 'Zeta example']);
  });
});
