/**
 * Keeps `local:activeRules` current: the stored packs validated and compiled here, once, whenever
 * a pack or the policy changes, so pages restore the result instead of validating and compiling
 * in every frame (issue 16). Runs one rebuild at a time; a change during a rebuild queues another.
 */
import { snapshotOf } from '@/rules/engine';
import { activateRuleSet } from '@/rules/bundled';
import {
  activeRulesItem,
  readManagedRaw,
  urlPackItem,
  urlPackStatusItem,
} from '@/rules/store/items';
import type { StoredUrlPack } from '@/rules/loader/layers';
import { verifyPackSignature } from '@/rules/loader/signature';
import { readManaged } from '@/rules/schema/settings';
import { checkCachedUrlPack, staleUrlPackProblem } from './url-pack';
import { buildRulesSnapshot, readRulesSnapshot } from '@/rules/loader/rules-snapshot';
import { isRebuildRulesRequest } from '@/rules/schema/messages';
import { extensionVersion, loadRuleState } from '@/rules/store/state';

/**
 * Issue #16: the cached policy pack is trusted only if its stored signature still verifies with
 * the key policy names now. A rotated key, or a cache written by anything but the refresh (storage
 * is writable from content scripts), drops it; the next refresh downloads a fresh one.
 */
async function dropUnverifiedUrlPack(): Promise<StoredUrlPack | null> {
  const stored = await urlPackItem.getValue();
  if (!stored || typeof stored.text !== 'string') return null;
  const { config } = readManaged(await readManagedRaw('direct'));
  if (config.packUrl === undefined || stored.url !== config.packUrl) return stored;
  const checked = await checkCachedUrlPack(stored, config.packPublicKey, verifyPackSignature);
  if (checked.ok) return stored;
  // A refresh may have stored a good copy while we checked: drop only what we checked.
  const now = await urlPackItem.getValue();
  if (now?.text !== stored.text || now.signature !== stored.signature) return now;
  await urlPackItem.setValue(null);
  await urlPackStatusItem.setValue({
    checkedAt: new Date().toISOString(),
    ok: false,
    message: `The cached policy pack was not used: ${checked.reason}. It is fetched again at the next check.`,
  });
  return null;
}

async function rebuild(): Promise<void> {
  const urlPack = await dropUnverifiedUrlPack();
  const loaded = await loadRuleState();
  const stale =
    loaded.managed.packUrl !== undefined ? staleUrlPackProblem(urlPack, new Date()) : null;
  // Clinicians see rule-state problems in the popup and popover footer.
  const state = stale
    ? { ...loaded, problems: [...loaded.problems, { layer: 'managed' as const, message: stale }] }
    : loaded;
  const compiled =
    state.layers.length > 1 ? snapshotOf(activateRuleSet(state.layers).compiled) : null;
  const next = buildRulesSnapshot(state, compiled, extensionVersion());
  // Every open clinical tab re-annotates when this item changes: write only a real change.
  const current = (await activeRulesItem.getValue()) as Partial<typeof next> | null;
  const same =
    current?.body === next.body &&
    current.format === next.format &&
    current.builtBy === next.builtBy;
  if (same) return;
  await activeRulesItem.setValue(next);
}

let running: Promise<void> = Promise.resolve();

/** Rebuilds the snapshot after any rebuild already under way. */
export function refreshRulesSnapshot(): Promise<void> {
  running = running.then(rebuild, rebuild).catch((error: unknown) => {
    console.warn('Prescribing Lens: could not build the active rule set', error);
  });
  return running;
}

/**
 * Issue #16: `local:activeRules` is in storage.local, which content scripts can write too; a
 * forged snapshot could switch rules off on every site. Any change is answered with a rebuild:
 * our own write rebuilds to the same body and writes nothing (no loop); anything else is
 * overwritten with the snapshot of the stored packs within milliseconds. (The stored packs
 * themselves are writable too: docs/security.md L8, hazard log OA-14.)
 */
export function guardRulesSnapshot(): () => void {
  return activeRulesItem.watch(() => {
    void refreshRulesSnapshot();
  });
}

/** Builds a snapshot unless a usable one (this version's, well-formed) is already stored. */
export function rebuildIfUnusable(): Promise<void> {
  return activeRulesItem.getValue().then(async (raw) => {
    if (!readRulesSnapshot(raw, extensionVersion())) await refreshRulesSnapshot();
  });
}

/**
 * A page found no usable snapshot and shows the bundled pack meanwhile
 * (`askForRulesSnapshot`): build one, unless another page's request or start-up already did.
 * Undefined for any other message, so the next handler reads it.
 */
export function answerRebuildRequest(message: unknown): Promise<void> | undefined {
  return isRebuildRulesRequest(message) ? rebuildIfUnusable() : undefined;
}
