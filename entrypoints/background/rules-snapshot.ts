/**
 * Keeps `local:activeRules` current: the stored packs validated and compiled here, once, whenever
 * a pack or the policy changes, so pages restore the result instead of validating and compiling
 * in every frame (issue 16). Runs one rebuild at a time; a change during a rebuild queues another.
 */
import { snapshotOf } from '@/rules/engine';
import { activateRuleSet } from '@/rules/bundled';
import { activeRulesItem } from '@/rules/store/items';
import { buildRulesSnapshot } from '@/rules/loader/rules-snapshot';
import { extensionVersion, loadRuleState } from '@/rules/store/state';

async function rebuild(): Promise<void> {
  const state = await loadRuleState();
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
