/**
 * The rules shipped inside the extension, ready to use: the national pack, its brand and product
 * names, and activation with both. Pure modules take these as arguments (rules/loader never
 * imports this folder); entry points and tests call here.
 */
import { compileLayers, type ActivateOptions, type ProductNames } from '../loader/activate';
import type { LayeredPack } from '../loader/merge';
import type { ActiveRuleSet } from '../loader/restore';
import { parseNamePolicy, parseProductNameIndex } from '../names/index-schema';
import { bundledData } from './data';
import { precompiled } from './page';

export { bundledPack } from './page';

let names: ProductNames | null = null;

/** The bundled dm+d-derived brand and product names (rules/names), parsed and checked once. */
export function bundledProductNames(): ProductNames {
  if (names) return names;
  const data = bundledData();
  const index = parseProductNameIndex(data.productNames);
  const policy = parseNamePolicy(data.namePolicy);
  if (!index.ok || !policy.ok) throw new Error('The bundled product-name index is invalid');
  names = { index: index.value, policy: policy.value };
  return names;
}

/**
 * `compileLayers` with the bundled brand names (unless `productNames` says otherwise) and, for the
 * bundled pack alone, the set compiled at build time.
 */
export function activateRuleSet(
  layers: readonly LayeredPack[],
  options: ActivateOptions = {},
): ActiveRuleSet {
  if (options.productNames !== undefined) return compileLayers(layers, options);
  const compiled = options.compiled ?? precompiled(layers);
  return compileLayers(layers, {
    ...options,
    ...(compiled ? { compiled } : { productNames: bundledProductNames() }),
  });
}
