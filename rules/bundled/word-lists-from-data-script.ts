/**
 * The content script's copy of rules/engine/word-lists.ts (rules/config/content-build-swaps.ts):
 * the same lists, read from `content-scripts/rules-data.js` when the engine first asks for them,
 * not when the script loads: a frame scanning with the rules of a frame above never does.
 */
import { bundledEngineWords } from './from-data-script';

export function knownMedicines(): readonly string[] {
  return bundledEngineWords().knownMedicines;
}

let stop: ReadonlySet<string> | null = null;

export function stopWords(): ReadonlySet<string> {
  stop ??= new Set(bundledEngineWords().stopWords);
  return stop;
}
