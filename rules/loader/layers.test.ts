import { describe, expect, test } from 'vitest';
import { bundledPack } from '../bundled';
import { buildLayers } from './layers';
import {
  DEFAULT_SETTINGS,
  effectiveSettings,
  isLinkAllowed,
  readManaged,
  readSettings,
} from '../schema/settings';

const local = (pack: object, fileName = 'local.json') => ({
  text: JSON.stringify(pack),
  fileName,
  importedAt: '2026-11-24T10:00:00Z',
});

const base = bundledPack();
const localPack = {
  ...base,
  packId: 'example-icb',
  name: 'Example ICB pack',
  rules: base.rules.slice(0, 1),
  categoryText: undefined,
};

describe('buildLayers', () => {
  test('with nothing stored, only the bundled national pack is in force', () => {
    const { layers, problems } = buildLayers({
      bundled: base,
      local: null,
      urlPack: null,
      managed: {},
    });
    expect(layers.map((l) => l.layer)).toEqual(['bundled']);
    expect(problems).toEqual([]);
  });

  test('a valid local pack is layered above the bundled one', () => {
    const { layers } = buildLayers({
      bundled: base,
      local: local(localPack),
      urlPack: null,
      managed: {},
    });
    expect(layers.map((l) => `${l.layer}:${l.pack.packId}`)).toEqual([
      'bundled:plens-national',
      'local:example-icb',
    ]);
  });

  test.each([
    ['corrupted storage value', 'not an object', 'unreadable'],
    ['invalid JSON text', { text: '{', fileName: 'x.json', importedAt: 'now' }, 'not valid JSON'],
    ['wrong schema version', local({ ...localPack, schemaVersion: 2 }), 'schemaVersion'],
  ])('a %s falls back to the bundled pack and says so', (_why, stored, fragment) => {
    const { layers, problems } = buildLayers({
      bundled: base,
      local: stored,
      urlPack: null,
      managed: {},
    });
    expect(layers.map((l) => l.layer)).toEqual(['bundled']);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain(fragment);
  });

  test('a policy inline pack is the top layer; an invalid one is refused with a reason', () => {
    const good = buildLayers({
      bundled: base,
      local: null,
      urlPack: null,
      managed: { inlinePack: JSON.stringify({ ...localPack, packId: 'policy' }) },
    });
    expect(good.layers.map((l) => l.layer)).toEqual(['bundled', 'managed']);
    const bad = buildLayers({
      bundled: base,
      local: null,
      urlPack: null,
      managed: { inlinePack: '[]' },
    });
    expect(bad.layers.map((l) => l.layer)).toEqual(['bundled']);
    expect(bad.problems[0]?.message).toContain('enterprise policy is invalid');
  });

  test('a cached URL pack is used only for the URL the policy names now', () => {
    const urlPack = {
      url: 'https://packs.example.nhs.uk/a.json',
      text: JSON.stringify(localPack),
      fetchedAt: 'now',
    };
    expect(
      buildLayers({ bundled: base, local: null, urlPack, managed: { packUrl: urlPack.url } })
        .layers,
    ).toHaveLength(2);
    expect(
      buildLayers({
        bundled: base,
        local: null,
        urlPack,
        managed: { packUrl: 'https://packs.example.nhs.uk/b.json' },
      }).layers,
    ).toHaveLength(1);
  });
});

describe('settings and policy', () => {
  test.each([
    ['nothing stored', null, DEFAULT_SETTINGS],
    ['garbage', 'garbage', DEFAULT_SETTINGS],
    [
      'one category off',
      { categories: { 'dependence-forming': false } },
      {
        ...DEFAULT_SETTINGS,
        categories: { ...DEFAULT_SETTINGS.categories, 'dependence-forming': false },
      },
    ],
    ['a non-https site is refused', { sites: ['http://evil.example/*'] }, DEFAULT_SETTINGS],
  ])('reads %s', (_why, stored, expected) => {
    expect(readSettings(stored)).toEqual(expected);
  });

  test('policy locks override the user and add allowed sites', () => {
    const user = readSettings({ highlightStyle: 'tint', sites: ['https://a.example.nhs.uk/*'] });
    const { config } = readManaged({
      lockedSettings: { highlightStyle: 'underline', categories: { 'shared-care': false } },
      allowedSites: ['https://b.example.nhs.uk/*'],
    });
    const s = effectiveSettings(user, config);
    expect(s.highlightStyle).toBe('underline');
    expect(s.categories['shared-care']).toBe(false);
    expect(s.categories['dependence-forming']).toBe(true);
    expect(s.sites).toEqual(['https://a.example.nhs.uk/*', 'https://b.example.nhs.uk/*']);
  });

  test('an invalid policy is ignored with a reason, not half-applied', () => {
    const read = readManaged({ packUrl: 'http://insecure.example/pack.json' });
    expect(read.config).toEqual({});
    expect(read.problems[0]).toContain('packUrl');
  });
});

describe('a policy with one bad field (issue #16)', () => {
  test('keeps the good fields and reports the bad one', () => {
    const read = readManaged({
      lockedSettings: { highlightStyle: 'underline' },
      packUrl: 'http://insecure.example/pack.json',
      allowedSites: ['https://b.example.nhs.uk/*'],
    });
    expect(read.config).toEqual({
      lockedSettings: { highlightStyle: 'underline' },
      allowedSites: ['https://b.example.nhs.uk/*'],
    });
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toContain('packUrl');
  });

  test('keeps the good entries of a list; a bad link host never opens every link', () => {
    const read = readManaged({
      allowedSites: ['https://b.example.nhs.uk/*', 'https://*.nhs.uk/*'],
      allowedLinkHosts: ['https://x', 'www.england.nhs.uk'],
    });
    expect(read.config.allowedSites).toEqual(['https://b.example.nhs.uk/*']);
    expect(read.config.allowedLinkHosts).toEqual(['www.england.nhs.uk']);
    expect(read.problems.join('\n')).toContain('allowedSites');
    expect(read.problems.join('\n')).toContain('allowedLinkHosts');
    expect(isLinkAllowed('https://evil.example/x', read.config.allowedLinkHosts)).toBe(false);
  });
});

describe('allowed link hosts (policy)', () => {
  test.each([
    ['https://www.england.nhs.uk/x', undefined, true],
    ['https://www.england.nhs.uk/x', ['www.england.nhs.uk'], true],
    ['https://www.gov.uk/x', ['www.england.nhs.uk'], false],
    ['https://apc.example.nhs.uk/x', ['*.nhs.uk'], true],
    ['https://nhs.uk/x', ['*.nhs.uk'], true],
    ['https://evilnhs.uk/x', ['*.nhs.uk'], false],
    ['https://nhs.uk.evil.example/x', ['*.nhs.uk'], false],
  ])('%s with %j → %s', (url, hosts, expected) => {
    expect(isLinkAllowed(url, hosts)).toBe(expected);
  });

  test('a policy host list must be host names', () => {
    expect(readManaged({ allowedLinkHosts: ['https://x'] }).problems[0]).toContain(
      'allowedLinkHosts',
    );
    expect(readManaged({ allowedLinkHosts: ['*.nhs.uk'] }).config.allowedLinkHosts).toEqual([
      '*.nhs.uk',
    ]);
  });
});
