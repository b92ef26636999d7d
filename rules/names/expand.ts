/**
 * Validated rules + product-name index → the extra names each rule should match. Pure and
 * deterministic; runs once per rule-set change (next to compileRuleSet), never per scan.
 *
 * Assignment, in order:
 *  1. A rule covers an ingredient when one of the rule's names equals the ingredient's VTM name
 *     (after the matcher's normalisation). A combination product listed under two covered
 *     ingredients ("Targinact" under oxycodone and naloxone) goes to the rules of both.
 *  2. Among the rules covering an ingredient, a product goes to the form-qualified rules whose form
 *     words appear in one of its route/dose forms ("Butrans" is a transdermal patch → the patch
 *     rule; "Espranor" is an oral lyophilisate → the opioid-substitution rule), and, if another of
 *     its forms selects no qualified rule, also to the rules without forms ("Methotrexate sodium"
 *     is both a tablet and an injection). If nothing is selected and every rule is form-qualified,
 *     it goes to all of them — the same "every reading stays possible" choice the matcher makes
 *     for a bare name.
 *  3. Products used only on the skin, eye or ear ("Protopic" ointment is tacrolimus) go only to a
 *     rule whose forms name that route: the bundled rules are about systemic use.
 *  4. The name policy keeps everyday words out: denied names are dropped; case-sensitive and
 *     context-needing names are returned apart, for an engine that can honour them.
 *  5. A name already listed by the pack, for this rule or another, is not added again: the pack
 *     author's choice wins.
 *  6. A rule named only by salt or brand ("haloperidol decanoate", "Risperdal Consta", "Xgeva")
 *     covers its ingredient for those products' forms only, and takes from the index only the
 *     names that cannot be anything else: every form among its own and either the same salt
 *     ("Haldol Decanoate") or a prolonged-release injection ("Okedi"). So the plain generic, oral
 *     brands ("Haldol" tablets), short-acting injections of the same form ("Clopixol Acuphase" is
 *     zuclopenthixol acetate) and sister products of another indication ("Prolia" beside "Xgeva")
 *     never reach a long-acting injection rule.
 */
import { normalizeName } from '../engine/normalize';
import { compareNames, nameKey } from './canonical';
import type { IngredientNames, NamePolicy, NamesByForm, ProductNameIndex } from './index-schema';
import { shortBrandStem } from './stem';

/** The parts of a rule the expansion reads (a schema `Rule` fits). */
export interface ExpandableRule {
  readonly id: string;
  readonly names: readonly string[];
  readonly forms?: readonly string[];
}

export interface RuleNameExpansion {
  /** Safe for today's case-folding exact matcher: add these to the rule's names. */
  readonly names: readonly string[];
  /** To match only with exactly this capitalisation (needs engine support; see docs/names.md). */
  readonly caseSensitive: readonly string[];
  /** To match only with a strength or dose-form word next to the name (needs engine support). */
  readonly needsContext: readonly string[];
}

/** Routes whose products act where they are applied, not on the whole body (dm+d route names). */
const LOCAL_ROUTES = new Set(['auricular', 'cutaneous', 'ocular', 'scalp', 'dental', 'gingival']);

function routesOf(formKey: string): string[] {
  const slash = formKey.indexOf('/');
  return (slash < 0 ? formKey : formKey.slice(0, slash)).split('+');
}

/** dm+d forms of long-acting injections: "powder and solvent for prolonged-release suspension for injection". */
function isLongActingInjection(formTokens: readonly string[]): boolean {
  return formTokens.includes('prolonged') && formTokens.includes('injection');
}

function isLocalOnly(formKeys: readonly string[]): boolean {
  return (
    formKeys.length > 0 &&
    formKeys.every((key) => routesOf(key).every((route) => LOCAL_ROUTES.has(route)))
  );
}

/** True when `needle` occurs as consecutive tokens in `hay`. */
function containsTokens(hay: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > hay.length) return false;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/** Name → its form keys, across both generic and brand names of one ingredient. */
function collectNames(entry: IngredientNames): Map<string, { name: string; forms: string[] }> {
  const out = new Map<string, { name: string; forms: string[] }>();
  const add = (byForm: NamesByForm | undefined, isBrand: boolean) => {
    for (const [formKey, names] of Object.entries(byForm ?? {})) {
      for (const name of names) {
        const variants = [name];
        const short = isBrand ? shortBrandStem(name) : null;
        if (short) variants.push(short);
        for (const variant of variants) {
          const key = nameKey(variant);
          if (key === '') continue;
          let slot = out.get(key);
          if (!slot) {
            slot = { name: variant, forms: [] };
            out.set(key, slot);
          }
          if (!slot.forms.includes(formKey)) slot.forms.push(formKey);
        }
      }
    }
  };
  add(entry.generic, false);
  add(entry.brand, true);
  return out;
}

interface PolicyKeys {
  readonly deny: ReadonlySet<string>;
  readonly caseSensitive: ReadonlySet<string>;
  readonly needsContext: ReadonlySet<string>;
}

function policyKeys(policy: NamePolicy): PolicyKeys {
  const keys = (r: Readonly<Record<string, string>>) => new Set(Object.keys(r).map(nameKey));
  return {
    deny: keys(policy.deny),
    caseSensitive: keys(policy.caseSensitive),
    needsContext: keys(policy.needsContext),
  };
}

export function expandRuleNames(
  rules: readonly ExpandableRule[],
  index: ProductNameIndex,
  policy: NamePolicy,
): ReadonlyMap<string, RuleNameExpansion> {
  const keys = policyKeys(policy);

  // Every name the pack itself lists: the pack's own choices are never overridden. Keyed once,
  // so coverage below is a Map look-up per ingredient rather than a scan of every rule's names.
  const packNames = new Set<string>();
  const rulesByName = new Map<string, ExpandableRule[]>();
  for (const rule of rules) {
    for (const n of rule.names) {
      const key = nameKey(n);
      packNames.add(key);
      const list = rulesByName.get(key) ?? [];
      if (!list.includes(rule)) list.push(rule);
      rulesByName.set(key, list);
    }
  }

  // Names that are an ingredient's own VTM name must never become another ingredient's brand.
  const vtmKeys = new Set(index.ingredients.map((e) => nameKey(e.vtm)));

  const ruleForms = new Map<string, string[][]>();
  for (const rule of rules) {
    if (rule.forms && rule.forms.length > 0) {
      ruleForms.set(
        rule.id,
        rule.forms.map(normalizeName).filter((f) => f.length > 0),
      );
    }
  }

  const collected = new Map<
    string,
    { plain: Map<string, string>; cs: Map<string, string>; ctx: Map<string, string> }
  >();
  const slotFor = (id: string) => {
    let slot = collected.get(id);
    if (!slot) {
      slot = { plain: new Map(), cs: new Map(), ctx: new Map() };
      collected.set(id, slot);
    }
    return slot;
  };

  const assign = (rule: ExpandableRule, key: string, name: string) => {
    const slot = slotFor(rule.id);
    const bucket = keys.caseSensitive.has(key)
      ? slot.cs
      : keys.needsContext.has(key)
        ? slot.ctx
        : slot.plain;
    if (!bucket.has(key)) bucket.set(key, name);
  };

  // The same few dozen form keys recur across ingredients: tokenise each once.
  const formTokenCache = new Map<string, string[]>();
  const formTokens = (form: string): string[] => {
    let tokens = formTokenCache.get(form);
    if (!tokens) {
      tokens = normalizeName(form);
      formTokenCache.set(form, tokens);
    }
    return tokens;
  };

  for (const entry of index.ingredients) {
    const vtmKey = nameKey(entry.vtm);
    const covering = rulesByName.get(vtmKey) ?? [];
    const names = collectNames(entry);
    const isAddable = (key: string) =>
      !keys.deny.has(key) && !packNames.has(key) && !(vtmKeys.has(key) && key !== vtmKey);

    assignBySaltOrBrand(entry, names, covering, rulesByName, formTokens, isAddable, assign);
    if (covering.length === 0) continue;
    const qualified = covering.filter((r) => ruleForms.has(r.id));
    const unqualified = covering.filter((r) => !ruleForms.has(r.id));

    for (const [key, { name, forms }] of names) {
      if (!isAddable(key)) continue;
      // Per form: the form-qualified rules its form words select; a form that selects none
      // (and is not skin/eye/ear only) falls to the rules without forms.
      const selected = new Set<ExpandableRule>();
      let hasUnselectedForm = false;
      for (const form of forms) {
        const tokens = formTokens(form);
        const byForm = qualified.filter((r) =>
          (ruleForms.get(r.id) ?? []).some((f) => containsTokens(tokens, f)),
        );
        for (const r of byForm) selected.add(r);
        if (byForm.length === 0 && !isLocalOnly([form])) hasUnselectedForm = true;
      }
      if (hasUnselectedForm) for (const r of unqualified) selected.add(r);
      const targets: readonly ExpandableRule[] =
        selected.size > 0 ? [...selected] : isLocalOnly(forms) ? [] : covering;

      for (const rule of targets) assign(rule, key, name);
    }
  }

  const sorted = (m: Map<string, string>) => [...m.values()].sort(compareNames);
  const out = new Map<string, RuleNameExpansion>();
  for (const rule of rules) {
    const slot = collected.get(rule.id);
    if (!slot) continue;
    out.set(rule.id, {
      names: sorted(slot.plain),
      caseSensitive: sorted(slot.cs),
      needsContext: sorted(slot.ctx),
    });
  }
  return out;
}

/**
 * Step 6: rules that name an ingredient's products but not the ingredient itself. A rule's name
 * anchors it when the index lists that name under the ingredient ("haloperidol decanoate",
 * "Risperdal Consta"); the anchors' forms are the only forms the rule speaks for.
 */
function assignBySaltOrBrand(
  entry: IngredientNames,
  names: ReadonlyMap<string, { name: string; forms: string[] }>,
  covering: readonly ExpandableRule[],
  rulesByName: ReadonlyMap<string, readonly ExpandableRule[]>,
  formTokens: (form: string) => readonly string[],
  isAddable: (key: string) => boolean,
  assign: (rule: ExpandableRule, key: string, name: string) => void,
): void {
  const vtmTokens = new Set(normalizeName(entry.vtm));
  const anchors = new Map<ExpandableRule, { forms: Set<string>; salts: Set<string> }>();
  for (const [key, { forms }] of names) {
    for (const rule of rulesByName.get(key) ?? []) {
      if (covering.includes(rule)) continue;
      const anchor = anchors.get(rule) ?? { forms: new Set<string>(), salts: new Set<string>() };
      for (const form of forms) anchor.forms.add(form);
      // "haloperidol decanoate" → decanoate; a brand ("Risperdal Consta") carries no salt.
      const tokens = key.split(' ');
      if (tokens[0] !== undefined && vtmTokens.has(tokens[0])) {
        for (const t of tokens) if (!vtmTokens.has(t)) anchor.salts.add(t);
      }
      anchors.set(rule, anchor);
    }
  }
  for (const [rule, anchor] of anchors) {
    for (const [key, { name, forms }] of names) {
      if (!isAddable(key) || !forms.every((f) => anchor.forms.has(f))) continue;
      const hasSalt = key.split(' ').some((t) => anchor.salts.has(t));
      const isLongActing = forms.every((f) => isLongActingInjection(formTokens(f)));
      if (hasSalt || isLongActing) assign(rule, key, name);
    }
  }
}
