/**
 * The bundled rules as the content script uses them: the national pack and the set compiled from
 * it when the extension was built. Kept apart from index.ts so that a page bundles neither the
 * brand-name expander nor the product-name index parser (tests/content-bundle.test.ts): pages only
 * ever restore a set compiled elsewhere (by the background, or at build time).
 */
import type { CompiledSnapshot } from '../engine';
import type { LayeredPack } from '../loader/merge';
import { restoreLayers, type ActiveRuleSet } from '../loader/restore';
import type { IcbId } from '../schema/icb-ids';
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

/** A board's name ("NHS Devon ICB") from the bundled data; undefined without a board. */
export function icbNameOf(icb: IcbId | null | undefined): string | undefined {
  if (!icb) return undefined;
  const names = bundledData().icbNames;
  // Own properties only: the ids are checked against the picklist, but a name is never inherited.
  return Object.hasOwn(names, icb) ? names[icb] : undefined;
}

/**
 * The parts of the bundled data every page's rules read (the pack's outline, the engine's word
 * lists), each parsed by its own step: before a long page's first scan they run one per task
 * (entrypoints/content/page/preparation.ts), where parsing them inside the rules' restore made
 * one long task while V8 was marking the page. Each part is parsed once however often it is read.
 */
export function bundledDataSteps(): readonly (() => void)[] {
  return [() => void bundledData().pack, () => void bundledData().engineWords];
}

/**
 * The build-time compilation (data-script.ts) when only the bundled pack is in force, as on most
 * machines: the same rules with the same index, so the same result, without the per-page cost.
 */
export function precompiled(layers: readonly LayeredPack[]): CompiledSnapshot | null {
  const { compiled, pack } = bundledData();
  const only = layers.length === 1 ? layers[0] : undefined;
  return compiled && only?.layer === 'bundled' && only.pack === pack ? compiled : null;
}

/**
 * A page's rules: `layers` with the set the background compiled from them, or (null) the bundled
 * pack alone with the set compiled at build time. A page never compiles: the layers it gets
 * always come with their compiled set (rules/store/page-state.ts).
 */
export function restorePageRules(
  layers: readonly LayeredPack[],
  compiled: CompiledSnapshot | null,
): ActiveRuleSet {
  const snapshot = compiled ?? precompiled(layers);
  if (!snapshot) {
    throw new Error('Prescribing Lens: these rules came without their compiled set');
  }
  return restoreLayers(layers, snapshot);
}
