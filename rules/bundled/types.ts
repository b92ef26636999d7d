import type { RuleNameExpansion } from '../names/expand';

/** What ships with the extension (see data.ts). */
export interface BundledData {
  /** rules/packs/core.json: validated when the extension is built, not on every page. */
  readonly pack: unknown;
  /** rules/names/product-names.json and name-policy.json, parsed where used. */
  readonly productNames: unknown;
  readonly namePolicy: unknown;
  /**
   * `expandRuleNames` for the bundled pack alone, computed at build time: what a page uses until
   * an admin adds a pack (8–15 ms per page load otherwise). Absent outside the content script.
   */
  readonly expansion?: Readonly<Record<string, RuleNameExpansion>>;
}

/** The global `content-scripts/rules-data.js` sets, in the content script's isolated world only. */
export const BUNDLED_DATA_GLOBAL = '__plensBundledData';
