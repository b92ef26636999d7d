/**
 * The built-in known medicines (known-medicines.ts) as a set of normalised words, for the checks
 * that ask whether another medicine is named on a line: a strength pair counts only on a line that
 * names none, and a form-bound name's form must not belong to a medicine written after it.
 */
import { knownMedicines } from './word-lists';

let known: ReadonlySet<string> | null = null;

/** Whether a normalised token is a medicine the engine knows (flagged or not). */
export function isKnownMedicineWord(norm: string): boolean {
  return (known ??= new Set(knownMedicines())).has(norm);
}
