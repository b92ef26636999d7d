/**
 * Layers validated packs into the effective rule set: managed (policy) > local > bundled. A later
 * layer replaces an earlier rule with the same id, adds new rules, and may disable earlier rules
 * with a reason. Category text falls back from a rule's own pack to the bundled pack.
 */
import type {
  Category,
  CategoryText,
  CoPrescribingAlert,
  DirectoryEntry,
  Rule,
  RulePack,
  Service,
} from '../schema/rule-pack';

export type Layer = 'bundled' | 'local' | 'managed';
export const LAYER_ORDER: readonly Layer[] = ['bundled', 'local', 'managed'];

/** What the popover footer and options page say about a pack. */
export interface PackInfo {
  readonly layer: Layer;
  readonly packId: string;
  readonly name: string;
  readonly publisher: string;
  readonly packVersion: string;
  readonly publishedAt: string;
  readonly reviewBy: string;
}

export interface ResolvedRule {
  readonly rule: Rule;
  readonly pack: PackInfo;
  /** Text for each of the rule's categories, from its own pack or else the bundled one. */
  readonly categoryText: Readonly<Partial<Record<Category, CategoryText>>>;
  /** Id of the earlier layer's rule this one replaced, if any. */
  readonly overrides?: Layer;
}

export interface DisabledRule {
  readonly ruleId: string;
  readonly reason: string;
  readonly by: PackInfo;
}

export interface EffectiveRuleSet {
  readonly rules: ReadonlyMap<string, ResolvedRule>;
  /** Co-prescribing alerts by id; a later layer's alert replaces an earlier one with the same id. */
  readonly alerts: ReadonlyMap<string, CoPrescribingAlert>;
  readonly disabled: readonly DisabledRule[];
  readonly packs: readonly PackInfo[];
  /** Commissioned services by id; a later layer's service replaces an earlier one with the same id. */
  readonly services: ReadonlyMap<string, LayeredItem<Service>>;
  /** Referral services by id; a later layer's entry replaces an earlier one, others add to it. */
  readonly directory: ReadonlyMap<string, LayeredItem<DirectoryEntry>>;
}

/** A service or directory entry with the pack it came from (shown as its provenance). */
export interface LayeredItem<T> {
  readonly item: T;
  readonly pack: PackInfo;
}

export interface LayeredPack {
  readonly layer: Layer;
  readonly pack: RulePack;
}

/** What the popover footer and options page say about a pack. */
export function packInfoOf(layer: Layer, pack: RulePack): PackInfo {
  return {
    layer,
    packId: pack.packId,
    name: pack.name,
    publisher: pack.publisher,
    packVersion: pack.packVersion,
    publishedAt: pack.publishedAt,
    reviewBy: pack.reviewBy,
  };
}

export function mergePacks(layers: readonly LayeredPack[]): EffectiveRuleSet {
  const ordered = [...layers].sort(
    (a, b) => LAYER_ORDER.indexOf(a.layer) - LAYER_ORDER.indexOf(b.layer),
  );
  const bundledText = ordered.find((l) => l.layer === 'bundled')?.pack.categoryText ?? {};
  const rules = new Map<string, ResolvedRule>();
  const disabled: DisabledRule[] = [];
  const packs: PackInfo[] = [];
  const alerts = new Map<string, CoPrescribingAlert>();
  const services = new Map<string, LayeredItem<Service>>();
  const directory = new Map<string, LayeredItem<DirectoryEntry>>();

  for (const { layer, pack } of ordered) {
    const info = packInfoOf(layer, pack);
    packs.push(info);
    for (const alert of pack.alerts ?? []) alerts.set(alert.id, alert);
    for (const item of pack.services ?? []) services.set(item.id, { item, pack: info });
    for (const item of pack.directory ?? []) directory.set(item.id, { item, pack: info });
    for (const off of pack.disable ?? []) {
      if (rules.delete(off.ruleId))
        disabled.push({ ruleId: off.ruleId, reason: off.reason, by: info });
    }
    for (const rule of pack.rules) {
      const categoryText: Partial<Record<Category, CategoryText>> = {};
      for (const c of rule.categories) {
        const text = pack.categoryText?.[c] ?? bundledText[c];
        if (text) categoryText[c] = text;
      }
      const previous = rules.get(rule.id);
      rules.set(rule.id, {
        rule,
        pack: info,
        categoryText,
        ...(previous ? { overrides: previous.pack.layer } : {}),
      });
    }
  }
  return { rules, alerts, disabled, packs, services, directory };
}
