/** Reads everything that decides what a page shows: the rule layers, settings and policy. */
import { buildLayers, type RuleLayers } from '../loader/layers';
import { bundledPack } from '../bundled';
import { localPackItem, readManagedRaw, settingsItem, urlPackItem } from './items';
import { readManaged } from '../schema/settings';
import { withSettings, type RuleState } from './page-state';

// Pages import these from page-state.ts, which never validates a pack; extension pages may use either.
export { extensionVersion, pageRuleState, type PageRuleState, type RuleState } from './page-state';

/** Validates every stored pack: for the options page, popup and background (never a page). */
export async function loadRuleState(): Promise<RuleState> {
  const [local, urlPack, rawSettings, rawManaged] = await Promise.all([
    localPackItem.getValue(),
    urlPackItem.getValue(),
    settingsItem.getValue(),
    readManagedRaw(),
  ]);
  const { config: managed } = readManaged(rawManaged);
  const layers: RuleLayers = buildLayers({ bundled: bundledPack(), local, urlPack, managed });
  return withSettings(layers, rawSettings, rawManaged);
}
