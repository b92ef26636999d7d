/**
 * The content script's copy of rules/engine/known-medicines.ts (rules/config/content-build-swaps.ts):
 * the same list, read from `content-scripts/rules-data.js`, which runs before the content script.
 */
import { bundledEngineWords } from './from-data-script';

export const KNOWN_MEDICINES: readonly string[] = bundledEngineWords().knownMedicines;
