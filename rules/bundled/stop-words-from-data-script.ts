/**
 * The content script's copy of rules/engine/stop-words.ts (rules/config/content-build-swaps.ts):
 * the same words, read from `content-scripts/rules-data.js`, which runs before the content script.
 */
import { bundledEngineWords } from './from-data-script';

/** Normalised words the fuzzy stage skips. */
export const STOP_WORDS: ReadonlySet<string> = new Set(bundledEngineWords().stopWords);
