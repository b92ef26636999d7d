import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingsItem } from './items';
import { isSitePattern, readSettings } from '../schema/settings';
import {
  describeSites,
  disableSite,
  enableSite,
  isBuiltInSite,
  normaliseSiteInput,
  reconcileSites,
  registrationFor,
  scriptIdFor,
  type SiteScriptRegistration,
} from './sites';

/**
 * fakeBrowser implements storage but throws "not implemented" for `permissions` and `scripting`
 * (checked in @webext-core/fake-browser); this stands in for them, with the browser's prompt
 * answered by `answer`.
 */
function installFakeAccess(options: { answer?: boolean; registerError?: string } = {}) {
  const granted = new Set<string>();
  const scripts = new Map<string, SiteScriptRegistration>();
  const state = { answer: options.answer ?? true, prompts: [] as string[] };
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation((p) => {
    const origins = p.origins ?? [];
    state.prompts.push(...origins);
    if (state.answer) for (const o of origins) granted.add(o);
    return Promise.resolve(state.answer);
  });
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((p) =>
    Promise.resolve((p.origins ?? []).every((o) => granted.has(o))),
  );
  vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation((p) => {
    for (const o of p.origins ?? []) granted.delete(o);
    return Promise.resolve(true);
  });
  const register = vi
    .spyOn(fakeBrowser.scripting, 'registerContentScripts')
    .mockImplementation((list) => {
      if (options.registerError) return Promise.reject(new Error(options.registerError));
      for (const s of list) {
        if (scripts.has(s.id)) return Promise.reject(new Error(`Duplicate script ID '${s.id}'`));
      }
      for (const s of list) scripts.set(s.id, s as SiteScriptRegistration);
      return Promise.resolve();
    });
  vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockImplementation((filter) => {
    for (const id of filter?.ids ?? [...scripts.keys()]) scripts.delete(id);
    return Promise.resolve();
  });
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation((filter) =>
    Promise.resolve(
      [...scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id)) as never,
    ),
  );
  return { granted, scripts, state, register };
}

const SITE = 'https://records.example.nhs.uk/*';
const storedSites = async () => readSettings(await settingsItem.getValue()).sites;

beforeEach(() => {
  fakeBrowser.reset();
});

describe('normaliseSiteInput', () => {
  test.each([
    ['records.example.nhs.uk', SITE],
    ['  RECORDS.Example.NHS.uk/ ', SITE],
    ['https://records.example.nhs.uk/patient/123?tab=meds#x', SITE],
    ['https://records.example.nhs.uk/*', SITE],
    ['records.example.nhs.uk:8443', 'https://records.example.nhs.uk:8443/*'],
    ['*.scr.example.nhs.uk', 'https://*.scr.example.nhs.uk/*'],
    ['http://127.0.0.1:4173/demo.html', 'http://127.0.0.1:4173/*'],
  ])('%s → %s', (typed, pattern) => {
    expect(normaliseSiteInput(typed)).toEqual({ ok: true, pattern });
  });

  test.each([
    ['', 'Type the address'],
    ['http://records.example.nhs.uk', 'Only https:// sites'],
    ['ftp://records.example.nhs.uk', 'Only https://'],
    ['records', 'not a site address'],
    ['https://user:pw@records.example.nhs.uk', 'user name or password'],
    ['not a site', 'not a web address'],
  ])('refuses %j with a plain reason', (typed, reason) => {
    const result = normaliseSiteInput(typed);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(reason);
  });
});

describe('wildcards over a whole registry or shared host (issue #16)', () => {
  test.each(['*.co.uk', '*.nhs.uk', '*.uk', 'https://*.org.uk/', '*.github.io', '*.nhs.net'])(
    'refuses %j',
    (typed) => {
      expect(normaliseSiteInput(typed).ok).toBe(false);
    },
  );

  test.each(['https://*.co.uk/*', 'https://*.nhs.uk/*', 'https://*.nhs.uk:443/*'])(
    'a stored or policy pattern %j is not a site',
    (pattern) => {
      expect(isSitePattern(pattern)).toBe(false);
      expect(readSettings({ sites: [pattern] }).sites).toEqual([]);
    },
  );

  test.each(['*.example.nhs.uk', '*.practice.co.uk', 'records.nhs.uk'])(
    'keeps %j, one organisation',
    (typed) => {
      expect(normaliseSiteInput(typed).ok).toBe(true);
    },
  );
});

describe('isBuiltInSite', () => {
  test.each([
    ['https://portal.ncrs.nhs.uk/*', true],
    ['https://*.ncrs.nhs.uk/*', true],
    ['https://ncrs.nhs.uk:8443/*', true],
    ['https://records.example.nhs.uk/*', false],
    ['https://*.nhs.uk/*', false],
  ])('%s → %s', (pattern, covered) => {
    expect(isBuiltInSite(pattern)).toBe(covered);
  });
});

describe('enableSite', () => {
  test('asks for the origin, registers the content script for it and saves the site', async () => {
    const fake = installFakeAccess();
    const outcome = await enableSite('records.example.nhs.uk');
    expect(outcome).toMatchObject({ ok: true, pattern: SITE });
    expect(fake.state.prompts).toEqual([SITE]);
    expect(fake.scripts.get(scriptIdFor(SITE))).toEqual({
      id: scriptIdFor(SITE),
      matches: [SITE],
      js: ['content-scripts/rules-data.js', 'content-scripts/content.js'],
      css: ['content-scripts/content.css'],
      allFrames: true,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    });
    expect(await storedSites()).toEqual([SITE]);
  });

  test('asks for permission before anything else is awaited (the prompt needs the click)', () => {
    const fake = installFakeAccess();
    void enableSite('records.example.nhs.uk');
    // Synchronously, in the same turn as the click handler.
    expect(fake.state.prompts).toEqual([SITE]);
  });

  test('a refused prompt adds nothing', async () => {
    const fake = installFakeAccess({ answer: false });
    const outcome = await enableSite('records.example.nhs.uk');
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toContain('was not allowed');
    expect(fake.scripts.size).toBe(0);
    expect(await storedSites()).toEqual([]);
  });

  test('an invalid address never reaches the browser prompt', async () => {
    const fake = installFakeAccess();
    const outcome = await enableSite('http://records.example.nhs.uk');
    expect(outcome.ok).toBe(false);
    expect(fake.state.prompts).toEqual([]);
  });

  test('a built-in clinical host is not registered twice', async () => {
    const fake = installFakeAccess();
    const outcome = await enableSite('portal.ncrs.nhs.uk');
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toContain('always runs on');
    expect(fake.state.prompts).toEqual([]);
  });

  test('if the browser refuses the registration, the permission is given back and nothing saved', async () => {
    const fake = installFakeAccess({ registerError: 'Invalid match pattern' });
    const outcome = await enableSite('records.example.nhs.uk');
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toContain('Invalid match pattern');
    expect(fake.granted.size).toBe(0);
    expect(await storedSites()).toEqual([]);
  });

  test('adding the same site twice keeps one registration and one setting', async () => {
    const fake = installFakeAccess();
    await enableSite('records.example.nhs.uk');
    const again = await enableSite('https://records.example.nhs.uk/other');
    expect(again.ok).toBe(true);
    expect(fake.scripts.size).toBe(1);
    expect(await storedSites()).toEqual([SITE]);
  });

  test('keeps the other preferences as they were', async () => {
    installFakeAccess();
    await settingsItem.setValue({ highlightStyle: 'underline' });
    await enableSite('records.example.nhs.uk');
    const stored = readSettings(await settingsItem.getValue());
    expect(stored.highlightStyle).toBe('underline');
    expect(stored.sites).toEqual([SITE]);
  });
});

describe('disableSite', () => {
  test('unregisters, gives back the permission and forgets the site', async () => {
    const fake = installFakeAccess();
    await enableSite('records.example.nhs.uk');
    await enableSite('scr.example.nhs.uk');
    const outcome = await disableSite(SITE);
    expect(outcome.ok).toBe(true);
    expect([...fake.scripts.keys()]).toEqual([scriptIdFor('https://scr.example.nhs.uk/*')]);
    expect([...fake.granted]).toEqual(['https://scr.example.nhs.uk/*']);
    expect(await storedSites()).toEqual(['https://scr.example.nhs.uk/*']);
  });

  test('works when the registration or permission is already gone', async () => {
    installFakeAccess();
    await settingsItem.setValue({ sites: [SITE] });
    expect((await disableSite(SITE)).ok).toBe(true);
    expect(await storedSites()).toEqual([]);
  });
});

describe('reconcileSites', () => {
  test('registers exactly the wanted sites that are granted', async () => {
    const fake = installFakeAccess();
    fake.granted.add(SITE);
    fake.granted.add('https://granted-but-unwanted.example.nhs.uk/*');
    const result = await reconcileSites({
      sites: [SITE, 'https://wanted-not-granted.example.nhs.uk/*'],
    });
    expect(result.registered).toEqual([SITE]);
    expect(result.notGranted).toEqual(['https://wanted-not-granted.example.nhs.uk/*']);
    expect([...fake.scripts.keys()]).toEqual([scriptIdFor(SITE)]);
  });

  test('unregisters our scripts for sites no longer wanted or no longer granted, and leaves others alone', async () => {
    const fake = installFakeAccess();
    const revoked = 'https://revoked.example.nhs.uk/*';
    fake.scripts.set(scriptIdFor(SITE), registrationFor(SITE));
    fake.scripts.set(scriptIdFor(revoked), registrationFor(revoked));
    fake.scripts.set('someone-else', { ...registrationFor(SITE), id: 'someone-else' });
    const result = await reconcileSites({ sites: [revoked] });
    expect([...result.unregistered].sort()).toEqual([SITE, revoked].sort());
    expect([...fake.scripts.keys()]).toEqual(['someone-else']);
  });

  test('leaves a correct registration in place (no churn on every start-up)', async () => {
    const fake = installFakeAccess();
    fake.granted.add(SITE);
    fake.scripts.set(scriptIdFor(SITE), registrationFor(SITE));
    const result = await reconcileSites({ sites: [SITE] });
    expect(result).toEqual({ registered: [], unregistered: [], notGranted: [], failed: [] });
    expect(fake.register).not.toHaveBeenCalled();
  });

  test('redoes a registration an older version made with other files (content.js without its rules data)', async () => {
    const fake = installFakeAccess();
    fake.granted.add(SITE);
    fake.scripts.set(scriptIdFor(SITE), {
      ...registrationFor(SITE),
      js: ['content-scripts/content.js'],
    });
    const result = await reconcileSites({ sites: [SITE] });
    expect(result.registered).toEqual([SITE]);
    expect(fake.scripts.get(scriptIdFor(SITE))?.js).toEqual([
      'content-scripts/rules-data.js',
      'content-scripts/content.js',
    ]);
  });

  test('reports a site the browser refuses to register', async () => {
    const fake = installFakeAccess({ registerError: 'boom' });
    fake.granted.add(SITE);
    const result = await reconcileSites({ sites: [SITE] });
    expect(result.failed).toEqual([{ pattern: SITE, message: 'boom' }]);
  });
});

describe('describeSites', () => {
  test('lists policy and user sites once each, with who wants them and whether access is granted', async () => {
    const fake = installFakeAccess();
    fake.granted.add(SITE);
    const policy = 'https://scr.example.nhs.uk/*';
    expect(await describeSites([SITE, policy], [policy])).toEqual([
      { pattern: policy, byUser: true, byPolicy: true, granted: false },
      { pattern: SITE, byUser: true, byPolicy: false, granted: true },
    ]);
  });
});
