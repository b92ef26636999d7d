import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentRequest, FlaggedDrug, PageSummary } from '@/rules/schema/messages';
import { createPopupStore, isWebPage, tabIdFromSearch } from './store';

function flagged(overrides: Partial<FlaggedDrug> = {}): FlaggedDrug {
  return {
    ruleId: 'zopiclone',
    drug: 'Zopiclone',
    categories: ['dependence-forming'],
    names: ['Zopiclone'],
    current: 1,
    past: 0,
    possible: 0,
    dismissed: false,
    ...overrides,
  };
}

interface Sent {
  readonly tabId: number;
  readonly message: ContentRequest;
  readonly frameId: number | undefined;
}

/** Content scripts in frames of tab 5: each answers get-summary with its summary. */
function fakeFrames(frames: Record<number, PageSummary>): Sent[] {
  const sent: Sent[] = [];
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(((
    tabId: number,
    message: ContentRequest,
    options?: { frameId?: number },
  ) => {
    const frameId = options?.frameId;
    sent.push({ tabId, message, frameId });
    const ids = Object.keys(frames).map(Number);
    const target = frameId ?? ids[0];
    if (tabId !== 5 || target === undefined || !(target in frames))
      return Promise.reject(
        new Error('Could not establish connection. Receiving end does not exist.'),
      );
    if (message.type === 'plens:get-summary') return Promise.resolve(frames[target]);
    if (message.type === 'plens:reveal') return Promise.resolve(true);
    return Promise.resolve(true);
  }) as typeof fakeBrowser.tabs.sendMessage);
  return sent;
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('which tab', () => {
  test.each([
    ['?tabId=12', 12],
    ['?tabId=0', 0],
    ['?tabId=-1', null],
    ['?tabId=12abc', null],
    ['?tabId=', null],
    ['', null],
    ['?tabId=99999999999', null],
  ])('%s → %s', (search, expected) => {
    expect(tabIdFromSearch(search)).toBe(expected);
  });

  test.each([
    ['https://clinic.medicus.health/patient', true],
    ['http://127.0.0.1:8080/gp.html', true],
    ['file:///home/gp/screen.html', true],
    [undefined, true],
    ['chrome://newtab/', false],
    ['edge://settings', false],
    ['about:blank', false],
    ['chrome-extension://abc/options.html', false],
  ])('%s is a web page: %s', (url, expected) => {
    expect(isWebPage(url)).toBe(expected);
  });

  test('without ?tabId the popup is about the active tab of its window; a browser page is no page', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'chrome://newtab/' });
    await fakeBrowser.tabs.update(tab.id, { active: true });
    const store = createPopupStore({ search: '' });
    expect(await store.loadPage()).toEqual({ kind: 'no-page' });
  });

  test('from the toolbar, a tab whose URL the popup is not told (a browser page) is no page', async () => {
    const tab = await fakeBrowser.tabs.create({});
    await fakeBrowser.tabs.update(tab.id, { active: true });
    fakeFrames({});
    expect(await createPopupStore({ search: '' }).loadPage()).toEqual({ kind: 'no-page' });
  });

  test('an explicit tab that does not exist is no page', async () => {
    expect(await createPopupStore({ search: '?tabId=4242' }).loadPage()).toEqual({
      kind: 'no-page',
    });
  });
});

describe('createPopupStore', () => {
  const open = async () => {
    // Tab ids in the fake browser start above 1; make the GP page tab 5.
    while (true) {
      const tab = await fakeBrowser.tabs.create({});
      if (tab.id === 5) break;
    }
    return createPopupStore({ search: '?tabId=5' });
  };

  test('merges the live summaries of the top frame and every reported frame', async () => {
    const sent = fakeFrames({
      0: { flagged: [flagged({ past: 1 })], alerts: [] },
      3: {
        flagged: [flagged({ current: 2 }), flagged({ ruleId: 'diazepam', drug: 'Diazepam' })],
        alerts: [],
      },
    });
    await fakeBrowser.storage.session.set({
      'summary-5-0': { flagged: [], alerts: [] },
      'summary-5-3': { flagged: [], alerts: [] },
      'summary-6-0': { flagged: [flagged({ ruleId: 'lithium' })], alerts: [] },
    });
    const page = await (await open()).loadPage();
    expect(page).toEqual({
      kind: 'ready',
      drugs: [flagged({ ruleId: 'diazepam', drug: 'Diazepam' }), flagged({ current: 3, past: 1 })],
      alerts: [],
      isPaintBlocked: false,
      isScanFailed: false,
    });
    expect(sent.map((s) => s.frameId).sort()).toEqual([0, 3]);
  });

  test('a reported frame that no longer answers (gone, or the page navigated) is left out', async () => {
    fakeFrames({ 0: { flagged: [flagged()], alerts: [] } });
    await fakeBrowser.storage.session.set({
      'summary-5-8': { flagged: [flagged({ ruleId: 'lithium' })], alerts: [] },
    });
    const page = await (await open()).loadPage();
    expect(page.kind === 'ready' && page.drugs.map((d) => d.ruleId)).toEqual(['zopiclone']);
  });

  test('a frame whose page keeps removing its marks: running, listed, and said to be blocked', async () => {
    fakeFrames({ 0: { flagged: [flagged()], alerts: [] } });
    await fakeBrowser.storage.session.set({ 'paint-blocked-5-0': true, 'paint-blocked-6-0': true });
    const page = await (await open()).loadPage();
    expect(page).toMatchObject({ kind: 'ready', isPaintBlocked: true, isScanFailed: false });
  });

  test('a frame whose scan stopped on an error: running, listed, and said to have failed', async () => {
    fakeFrames({ 0: { flagged: [flagged()], alerts: [] } });
    await fakeBrowser.storage.session.set({ 'scan-failed-5-0': true });
    const page = await (await open()).loadPage();
    expect(page).toMatchObject({ kind: 'ready', isPaintBlocked: false, isScanFailed: true });
  });

  test('no content script answering: not running on this site', async () => {
    fakeFrames({});
    expect(await (await open()).loadPage()).toEqual({ kind: 'not-running' });
  });

  test('reveal goes to the frame holding the medicine, then brings the clinical tab forward', async () => {
    const sent = fakeFrames({
      0: { flagged: [flagged({ ruleId: 'diazepam', drug: 'Diazepam' })], alerts: [] },
      3: { flagged: [flagged()], alerts: [] },
    });
    await fakeBrowser.storage.session.set({ 'summary-5-3': { flagged: [], alerts: [] } });
    const update = vi.spyOn(fakeBrowser.tabs, 'update');
    const store = await open();
    await store.loadPage();
    expect(await store.reveal('zopiclone')).toBe(true);
    expect(sent.at(-1)).toEqual({
      tabId: 5,
      message: { type: 'plens:reveal', ruleId: 'zopiclone' },
      frameId: 3,
    });
    expect(update).toHaveBeenCalledWith(5, { active: true });
  });

  test('dismiss and restore go to every frame (no frame id)', async () => {
    const sent = fakeFrames({ 0: { flagged: [flagged()], alerts: [] } });
    const store = await open();
    await store.dismiss('zopiclone', 'session');
    await store.restore('zopiclone');
    expect(sent).toEqual([
      {
        tabId: 5,
        message: { type: 'plens:dismiss', ruleId: 'zopiclone', scope: 'session' },
        frameId: undefined,
      },
      { tabId: 5, message: { type: 'plens:restore', ruleId: 'zopiclone' }, frameId: undefined },
    ]);
  });

  test('watchPage: only this tab’s summaries and paint status in storage.session count as a change', async () => {
    const store = await open();
    const onChange = vi.fn();
    const stop = store.watchPage(onChange);
    await Promise.resolve();
    await fakeBrowser.storage.session.set({ 'summary-6-0': { flagged: [], alerts: [] } });
    await fakeBrowser.storage.local.set({ 'summary-5-0': 'not session' });
    expect(onChange).not.toHaveBeenCalled();
    await fakeBrowser.storage.session.set({ 'summary-5-2': { flagged: [], alerts: [] } });
    expect(onChange).toHaveBeenCalledTimes(1);
    await fakeBrowser.storage.session.set({ 'paint-blocked-6-0': true });
    expect(onChange).toHaveBeenCalledTimes(1);
    await fakeBrowser.storage.session.set({ 'paint-blocked-5-0': true });
    expect(onChange).toHaveBeenCalledTimes(2);
    stop();
    await fakeBrowser.storage.session.set({ 'summary-5-2': { flagged: [flagged()], alerts: [] } });
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  test('"Check this page" injects the stylesheet and script into every frame, then waits for an answer', async () => {
    const calls: string[] = [];
    let injected = false;
    Object.assign(fakeBrowser, {
      scripting: {
        insertCSS: vi.fn(
          (injection: { target: { tabId: number; allFrames: boolean }; files: string[] }) => {
            calls.push(
              `css ${injection.target.tabId} ${injection.target.allFrames} ${injection.files.join()}`,
            );
            return Promise.resolve();
          },
        ),
        executeScript: vi.fn(
          (injection: { target: { tabId: number; allFrames: boolean }; files: string[] }) => {
            calls.push(
              `js ${injection.target.tabId} ${injection.target.allFrames} ${injection.files.join()}`,
            );
            injected = true;
            return Promise.resolve([]);
          },
        ),
      },
    });
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(() =>
      injected
        ? Promise.resolve({ flagged: [], alerts: [] })
        : Promise.reject(new Error('no receiver')),
    );
    const store = await open();
    expect(await store.loadPage()).toEqual({ kind: 'not-running' });
    await store.checkPage();
    expect(calls).toEqual([
      'css 5 true /content-scripts/content.css',
      'js 5 true /content-scripts/rules-data.js,/content-scripts/content.js',
    ]);
    expect(await store.loadPage()).toEqual({
      kind: 'ready',
      drugs: [],
      alerts: [],
      isPaintBlocked: false,
      isScanFailed: false,
    });
  });

  test('the rules: look-up, the card and the letters from the packs in force', async () => {
    const rules = await createPopupStore({ search: '' }).loadRules();
    expect(rules.search('zopiclon')[0]?.drug).toBe('Zopiclone');
    expect(rules.search('Zimovane')[0]?.drug).toBe('Zopiclone');
    expect(rules.cardFor('zopiclone')?.drug).toBe('Zopiclone');
    expect(rules.lettersFor('zopiclone').map((l) => l.id)).toEqual(['patient-withdrawal-support']);
  });

  test('copy and close use what they were given', async () => {
    const writeClipboard = vi.fn(() => Promise.resolve());
    const close = vi.fn();
    const store = createPopupStore({ search: '', writeClipboard, close });
    await store.copy('Dear colleague');
    store.close();
    expect(writeClipboard).toHaveBeenCalledWith('Dear colleague');
    expect(close).toHaveBeenCalled();
  });
});
