/**
 * The content script's copy of rules/engine/stop-words.ts (rules/config/content-build-swaps.ts):
 * the same words, read from `content-scripts/rules-data.js`, which runs before the content script.
 * The engine reads them through word-lists.ts, at first use; marked pure so that the build drops
 * this read at load when nothing else imports the words.
 */
import { stopWords } from './word-lists-from-data-script';

/** Normalised words the fuzzy stage skips. */
export const STOP_WORDS: ReadonlySet<string> = /* @__PURE__ */ stopWords();
