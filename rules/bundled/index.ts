/**
 * The rules shipped inside the extension, ready to use: the national pack, its brand and product
 * names, and activation with both. Pure modules take these as arguments (rules/loader never
 * imports this folder); entry points and tests call here.
 */
import { type CompiledSnapshot } from '../engine';
import {
  compileLayers,
  type ActivateOptions,
  type ActiveRuleSet,
  type ProductNames,
} from '../loader/activate';
import type { LayeredPack } from '../loader/merge';
import { parseNamePolicy, parseProductNameIndex } from '../names/index-schema';
import type { RulePack } from '../schema/rule-pack';
import { bundledData } from './data';

/**
 * The bundled national pack. It is validated when the extension is built (wxt.config.ts fails the
 * build otherwise) and by rules/packs/core.test.ts, and shipped read-only inside the extension, so
 * pages do not pay to re-validate it on every load.
 */
export function bundledPack(): RulePack {
  return bundledData().pack as RulePack;
}

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
 * The build-time compilation (data-script.ts) when only the bundled pack is in force, as on most
 * machines: the same rules with the same index, so the same result, without the per-page cost.
 */
function precompiled(layers: readonly LayeredPack[]): CompiledSnapshot | null {
  const { compiled, pack } = bundledData();
  const only = layers.length === 1 ? layers[0] : undefined;
  return compiled && only?.layer === 'bundled' && only.pack === pack ? compiled : null;
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
