/**
 * The data shipped inside the extension: the national pack and the product-name index. Extension
 * pages, the background and tests import the files here. The content script does not: its build
 * swaps this module for `from-data-script.ts` (wxt.config.ts), which reads the same data from
 * `content-scripts/rules-data.js`, a separate script the browser runs just before it — so the
 * content script's own code stays small and the data (with the bundled pack's name expansion
 * precomputed at build time) is one cached file.
 */
import corePack from '../packs/core.json';
import productNames from '../names/product-names.json';
import namePolicy from '../names/name-policy.json';
import { ICB_NAMES } from '../schema/icbs';
import type { BundledData } from './types';

const data: BundledData = { pack: corePack, productNames, namePolicy, icbNames: ICB_NAMES };

export function bundledData(): BundledData {
  return data;
}
