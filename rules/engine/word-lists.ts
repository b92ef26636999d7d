/**
 * The engine's built-in word lists, reached through functions so that nothing is read or built
 * when the engine's code is only loaded. The content build swaps this module for one that reads
 * the lists from rules-data.js on first use (rules/config/content-build-swaps.ts): a frame that
 * scans with the rules and engine of a frame above it never calls its own engine, so it should
 * not pay to read them (issue 22, start-up per frame).
 */
import { KNOWN_MEDICINES } from './known-medicines';
import { STOP_WORDS } from './stop-words';

/** KNOWN_MEDICINES (known-medicines.ts). */
export function knownMedicines(): readonly string[] {
  return KNOWN_MEDICINES;
}

/** STOP_WORDS (stop-words.ts). */
export function stopWords(): ReadonlySet<string> {
  return STOP_WORDS;
}
