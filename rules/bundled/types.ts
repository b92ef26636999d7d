import type { CompiledSnapshot } from '../engine';

/** What ships with the extension (see data.ts). */
export interface BundledData {
  /** rules/packs/core.json: validated when the extension is built, not on every page. */
  readonly pack: unknown;
  /** rules/names/product-names.json and name-policy.json, parsed where used. */
  readonly productNames: unknown;
  readonly namePolicy: unknown;
  /**
   * The boards' names by id (rules/schema/icbs.ts), for "no local service recorded in NHS … ICB"
   * on a page: here rather than in the content script, which would otherwise carry the tables.
   */
  readonly icbNames: Readonly<Record<string, string>>;
  /**
   * The bundled pack alone, names expanded and compiled at build time: what a page uses until an
   * admin adds a pack (expansion and compilation cost 15–25 ms per page load and frame
   * otherwise). Absent outside the content script.
   */
  readonly compiled?: CompiledSnapshot;
  /**
   * The engine's word lists (rules/engine/known-medicines.ts, stop-words.ts), for the content
   * script's build, which reads them from here (rules/config/content-build-swaps.ts). Absent outside
   * the content script.
   */
  readonly engineWords?: EngineWords;
}

export interface EngineWords {
  readonly knownMedicines: readonly string[];
  readonly stopWords: readonly string[];
}

/**
 * What `content-scripts/rules-data.js` sets: each part of `BundledData` as its own JSON text,
 * parsed only when a frame first reads that part (from-data-script.ts). The compiled set's fuzzy
 * index is a part of its own (`fuzzy`), read only when a word first reaches the fuzzy stage; so
 * are the rules' card text (`ruleText`, a `RuleText`), read only when a card opens. In `pack`
 * each such field holds a placeholder (0) where the rule has it.
 */
export type BundledDataText = Readonly<
  Record<'pack' | 'productNames' | 'namePolicy' | 'icbNames', string> &
    Partial<Record<'compiled' | 'fuzzy' | 'engineWords' | 'ruleText', string>>
>;

/**
 * Rule fields only a card, a letter or the page report reads: most of the pack's bytes (its
 * sources above all), and nothing marking a page needs.
 */
export const CARD_TEXT_FIELDS = [
  'summary',
  'position',
  'advice',
  'sources',
  'notes',
  'reviewNote',
] as const;

/** The card text apart: `values[i][j]` is rule i's field `fields[j]` (null when it has none). */
export interface RuleText {
  readonly fields: readonly string[];
  readonly values: readonly (readonly unknown[])[];
}

/** The global `content-scripts/rules-data.js` sets, in the content script's isolated world only. */
export const BUNDLED_DATA_GLOBAL = '__plensBundledData';
