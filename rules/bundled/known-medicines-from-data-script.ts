/**
 * The content script's copy of rules/engine/known-medicines.ts (rules/config/content-build-swaps.ts):
 * the same list, read from `content-scripts/rules-data.js`, which runs before the content script.
 * The engine reads it through word-lists.ts, at first use; marked pure so that the build drops
 * this read at load when nothing else imports the list.
 */
import { knownMedicines } from './word-lists-from-data-script';

export const KNOWN_MEDICINES: readonly string[] = /* @__PURE__ */ knownMedicines();
