import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { snapshotOf } from '@/rules/engine';
import { activateRuleSet } from '@/rules/bundled';
import { buildRulesSnapshot } from '@/rules/loader/rules-snapshot';
import { localPackItem, readStartupValues } from '@/rules/store/items';
import { extensionVersion, loadRuleState } from '@/rules/store/state';
import { categoryFor } from './active-rules';
import {
  activateShared,
  OFFER_WAIT_MS,
  offerRules,
  RulesShelf,
  sharedRules,
  waitForRulesOffer,
} from './shared-rules';

const AMLODIPINE_PACK = fs.readFileSync('tests/fixtures/options/local-amlodipine.json', 'utf8');
const ROW = 'Amlodipine 5mg tablets · Zopiclone 7.5mg tablets · Methotrexate 2.5mg tablets';

/** What the background stores for the local pack `text` (or no local pack). */
async function storedSnapshot(text: string | null): Promise<unknown> {
  if (text === null) await localPackItem.setValue(null);
  else await localPackItem.setValue({ text, fileName: 'local.json', importedAt: '2026-12-01' });
  const state = await loadRuleState();
  const compiled =
    state.layers.length > 1 ? snapshotOf(activateRuleSet(state.layers).compiled) : null;
  return buildRulesSnapshot(state, compiled, extensionVersion());
}

/** A frame's isolated-world global as a frame below sees it (rules/bundled/shared-engine.ts). */
function frame(parent?: object | null): Record<string, unknown> {
  const self: Record<string, unknown> = { JSON, Map, Array };
  self.parent = parent === undefined ? self : parent;
  return self;
}

/** Names flagged in ROW, by category, as a frame with these rules paints them. */
function flags(activeRules: unknown, shelf: RulesShelf, scope: object) {
  const { rules } = sharedRules(activeRules, shelf, scope);
  return rules
    .matchText(rules.compiled, ROW)
    .map((m) => [
      ROW.slice(m.start, m.end),
      rules.effective.rules.get(m.ruleIds[0] ?? '')?.rule.categories[0],
    ]);
}

describe('frames scan with the rules of the frame above them', () => {
  let withLocalPack: unknown;
  let otherLocalPack: unknown;

  beforeEach(async () => {
    fakeBrowser.reset();
    withLocalPack = await storedSnapshot(AMLODIPINE_PACK);
    otherLocalPack = await storedSnapshot(AMLODIPINE_PACK.replace('"amlodipine"', '"zopiclone"'));
  });

  test('a frame below takes the top frame’s ready set for the same stored rules, and flags the same', () => {
    const top = frame();
    const topShelf = new RulesShelf();
    offerRules(topShelf, new AbortController().signal, () => true, top);
    const own = sharedRules(withLocalPack, topShelf, top);
    expect(own.isFromAncestor).toBe(false);

    const child = frame(top);
    const taken = sharedRules(withLocalPack, new RulesShelf(), child);
    expect(taken.isFromAncestor).toBe(true);
    expect(taken.rules).toBe(own.rules);
    expect(flags(withLocalPack, new RulesShelf(), child)).toEqual(
      flags(withLocalPack, new RulesShelf(), frame(null)),
    );
    expect(flags(withLocalPack, new RulesShelf(), child)).toContainEqual([
      'Amlodipine',
      'no-commissioned-service',
    ]);
  });

  test('other stored rules (a settings or pack change reaching frames at different times): never the other set', () => {
    const top = frame();
    const topShelf = new RulesShelf();
    offerRules(topShelf, new AbortController().signal, () => true, top);
    const topRules = sharedRules(withLocalPack, topShelf, top).rules;
    const { rules } = sharedRules(otherLocalPack, new RulesShelf(), frame(top));
    expect(rules).not.toBe(topRules);
    expect(rules.matchText(rules.compiled, 'Amlodipine 5mg tablets')).toEqual([]);
    expect(flags(otherLocalPack, new RulesShelf(), frame(top))).toEqual(
      flags(otherLocalPack, new RulesShelf(), frame(null)),
    );
  });

  test('restores its own when the frame above is gone, another version, or its extension was updated or removed', () => {
    const top = frame();
    const life = new AbortController();
    let isAlive = true;
    offerRules(new RulesShelf(), life.signal, () => isAlive, top);
    const ask = (scope: object, version?: string) =>
      sharedRules(withLocalPack, new RulesShelf(), scope, version).isFromAncestor;
    expect(ask(frame(top))).toBe(true);
    expect(ask(frame(null))).toBe(false); // detached: no parent
    expect(ask(frame(top), '9.9.9')).toBe(false); // another version's script
    isAlive = false;
    expect(ask(frame(top))).toBe(false);
    isAlive = true;
    life.abort();
    expect(ask(frame(top))).toBe(false);
  });

  test('a frame’s own shelf keeps the set for the same stored rules, so a settings change re-uses it', async () => {
    const shelf = new RulesShelf();
    const startup = { ...(await readStartupValues()), activeRules: withLocalPack };
    const scope = frame(null);
    const first = activateShared(startup, shelf, undefined, undefined, scope);
    const again = activateShared(
      { ...startup, settings: { categories: { 'no-commissioned-service': false } } },
      shelf,
      undefined,
      undefined,
      scope,
    );
    expect(again.compiled).toBe(first.compiled);
    // Settings stay the frame's own: the category switched off is off only in the second.
    expect(categoryFor(first, ['amlodipine-example-local'])).toBe('no-commissioned-service');
    expect(categoryFor(again, ['amlodipine-example-local'])).toBeNull();
    const other = activateShared({ ...startup, activeRules: otherLocalPack }, shelf);
    expect(other.compiled).not.toBe(first.compiled);
  });

  test('rules are taken at first use: a frame above that starts after the read still serves them', async () => {
    const startup = { ...(await readStartupValues()), activeRules: withLocalPack };
    const top = frame();
    const heard: boolean[] = [];
    const rules = activateShared(
      startup,
      new RulesShelf(),
      (shared) => heard.push(shared),
      undefined,
      frame(top),
    );
    // The settings are read at once; the rules not yet.
    expect(rules.state.settings.categories['no-commissioned-service']).toBe(true);
    expect(heard).toEqual([]);
    // The top frame's content script starts now, as it often does after its frames'.
    const topShelf = new RulesShelf();
    offerRules(topShelf, new AbortController().signal, () => true, top);
    expect(categoryFor(rules, ['amlodipine-example-local'])).toBe('no-commissioned-service');
    expect(heard).toEqual([true]);
    expect(rules.compiled).toBe(sharedRules(withLocalPack, topShelf, top).rules.compiled);
    expect(rules.state.layers.map((l) => l.layer)).toEqual(['bundled', 'local']);
    expect(heard).toEqual([true]);
  });
});

describe('a frame that starts before the top frame’s script waits for its rules, briefly', () => {
  let stored: unknown;
  beforeEach(async () => {
    fakeBrowser.reset();
    stored = await storedSnapshot(AMLODIPINE_PACK);
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  /** The top frame while its document is still loading: its document_idle script is to come. */
  const loadingTop = () => ({ ...frame(null), WeakRef, document: { readyState: 'interactive' } });
  const expected = () => flags(stored, new RulesShelf(), frame(null));

  test('the top frame’s offer arrives within the bound: the frame scans with its rules, same flags', async () => {
    const top = loadingTop();
    const child = frame(top);
    const waiting = waitForRulesOffer(window, child);
    expect(waiting).not.toBeNull();
    await vi.advanceTimersByTimeAsync(OFFER_WAIT_MS / 2);
    const topShelf = new RulesShelf();
    offerRules(topShelf, new AbortController().signal, () => true, top);
    await expect(waiting).resolves.toBe(true);
    const taken = sharedRules(stored, new RulesShelf(), child);
    expect(taken.isFromAncestor).toBe(true);
    expect(taken.rules).toBe(sharedRules(stored, topShelf, top).rules);
    expect(flags(stored, new RulesShelf(), child)).toEqual(expected());
  });

  test('no offer within the bound: the frame restores its own rules and flags exactly the same', async () => {
    const top = loadingTop();
    const child = frame(top);
    const waiting = waitForRulesOffer(window, child);
    await vi.advanceTimersByTimeAsync(OFFER_WAIT_MS);
    await expect(waiting).resolves.toBe(false);
    expect(sharedRules(stored, new RulesShelf(), child).isFromAncestor).toBe(false);
    expect(flags(stored, new RulesShelf(), child)).toEqual(expected());
    expect(flags(stored, new RulesShelf(), child)).toContainEqual([
      'Amlodipine',
      'no-commissioned-service',
    ]);
  });

  test('a detached frame (parent null) does not wait, and restores its own rules', () => {
    const detached = frame(null);
    expect(waitForRulesOffer(window, detached)).toBeNull();
    expect(sharedRules(stored, new RulesShelf(), detached).isFromAncestor).toBe(false);
    expect(flags(stored, new RulesShelf(), detached)).toEqual(expected());
  });
});
