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
 *  7. Long-acting injection rules get form-bound names (see bindToInjection): brands that are the
 *     depot and tablets ("Depixol") and the bare generic where dm+d names the depot by it
 *     ("risperidone"). The engine matches them only with an injection form near the name.
 */
import { normalizeName, type EngineRule, type FormBoundName, type PossibleName } from '../engine';
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
  /**
   * To match only with an injection form near the name (step 7): brands that are also tablets
   * ("Depixol"), and the bare generic where it names the depot ("risperidone"). A pack name here
   * ("paliperidone") leaves the rule's plain names: see `engineRule`.
   */
  readonly formBound: readonly FormBoundName[];
  /**
   * Words that make a name after which they are written a local product for this rule: "gel"
   * when the index lists a skin gel of an ingredient the rule covers and no systemic (e.g.
   * transdermal) gel of any, so
   * "Isotretinoin_Gel 0.05%" is not the oral isotretinoin rule while "Testosterone 50mg/5g gel"
   * stays testosterone. Optional: expansions written by hand may leave it out.
   */
  readonly localForms?: readonly string[];
  /**
   * Family names read only as a possible match (name-policy.json's `possible`): "Solpadeine",
   * whose Headache tablets have no codeine. Optional: expansions written by hand may leave it out.
   */
  readonly possible?: readonly PossibleName[];
  /**
   * Names of the rule that also begin other products' names (name-policy.json's
   * `otherProducts`): each with the longer names where it does not match. Optional.
   */
  readonly exceptions?: readonly PossibleName[];
}

/** The form words a long-acting injection rule's form-bound names need near them. */
export const INJECTION_FORMS: readonly string[] = ['injection'];

/** Local for rules whose ingredients have no systemic gel (see `RuleNameExpansion.localForms`). */
const LOCAL_GEL: readonly string[] = ['gel'];

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

/** An apostrophe and the "s" after it, ending a word ("Browne's", "Gee’s"). */
const POSSESSIVE = /['\u2019]s(?![a-z])/gi;

/**
 * How records write a possessive name without its apostrophe: "Collis Brownes mixture", "Gees
 * linctus" (CPRD and dental medicines lists), and without the "s" ("Collis Browne mixture"). The
 * tokenizer reads "Browne's" as browne | s, so neither spelling met the name. Only for names of two
 * words or more, so a variant is never one bare word.
 */
export function possessiveVariants(name: string): string[] {
  if (!name.includes("'") && !name.includes('\u2019')) return [];
  const joined = name.replace(POSSESSIVE, 's');
  const dropped = name.replace(POSSESSIVE, '');
  return [joined, dropped].filter((v) => nameKey(v).includes(' '));
}

/** Name → its form keys, across both generic and brand names of one ingredient. */
function collectNames(entry: IngredientNames): Map<string, { name: string; forms: string[] }> {
  const out = new Map<string, { name: string; forms: string[] }>();
  const add = (byForm: NamesByForm | undefined, isBrand: boolean) => {
    for (const [formKey, names] of Object.entries(byForm ?? {})) {
      for (const name of names) {
        const variants = [name, ...possessiveVariants(name)];
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
  readonly formBound: ReadonlySet<string>;
  /** Index name key → the forms it needs near it and its exceptions (`boundToForm`). */
  readonly boundToForm: ReadonlyMap<string, { forms: string[]; except?: string[] }>;
  /** Index name key → the longer names that are other products (`possible`). */
  readonly possible: ReadonlyMap<string, { except?: string[] }>;
  /** Name key → the longer names, other products, where it does not match (`otherProducts`). */
  readonly otherProducts: ReadonlyMap<string, readonly string[]>;
}

function policyKeys(policy: NamePolicy): PolicyKeys {
  const keys = (r: Readonly<Record<string, string>>) => new Set(Object.keys(r).map(nameKey));
  return {
    deny: keys(policy.deny),
    caseSensitive: keys(policy.caseSensitive),
    needsContext: keys(policy.needsContext),
    formBound: keys(policy.formBound ?? {}),
    boundToForm: new Map(
      Object.entries(policy.boundToForm ?? {}).map(([n, { forms, except }]) => [
        nameKey(n),
        { forms, ...(except ? { except } : {}) },
      ]),
    ),
    possible: new Map(
      Object.entries(policy.possible ?? {}).map(([n, { except }]) => [
        nameKey(n),
        except ? { except } : {},
      ]),
    ),
    otherProducts: new Map(
      Object.entries(policy.otherProducts ?? {}).map(([n, { except }]) => [nameKey(n), except]),
    ),
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

  // Each rule's own names, to tell what a rule already says from what the index would add.
  const packKeysByRule = new Map<string, Set<string>>();
  for (const rule of rules) packKeysByRule.set(rule.id, new Set(rule.names.map(nameKey)));

  const collected = new Map<
    string,
    {
      plain: Map<string, string>;
      cs: Map<string, string>;
      ctx: Map<string, string>;
      bound: Map<string, FormBoundName>;
      possible: Map<string, PossibleName>;
    }
  >();
  const slotFor = (id: string) => {
    let slot = collected.get(id);
    if (!slot) {
      slot = {
        plain: new Map(),
        cs: new Map(),
        ctx: new Map(),
        bound: new Map(),
        possible: new Map(),
      };
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
  const isAssigned = (rule: ExpandableRule, key: string) => {
    const slot = collected.get(rule.id);
    return (
      (packKeysByRule.get(rule.id)?.has(key) ?? false) ||
      (slot !== undefined && (slot.plain.has(key) || slot.cs.has(key) || slot.ctx.has(key)))
    );
  };
  const bind = (rule: ExpandableRule, key: string, bound: FormBoundName) => {
    const slot = slotFor(rule.id).bound;
    if (!slot.has(key)) slot.set(key, bound);
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

  // Rule id → the gels its ingredients come as: a skin gel in the index ("Isotrex" is
  // isotretinoin) and no systemic one (testosterone's transdermal gels) make "gel" local for it.
  const gels = new Map<string, { local: boolean; systemic: boolean }>();

  for (const entry of index.ingredients) {
    const vtmKey = nameKey(entry.vtm);
    const covering = rulesByName.get(vtmKey) ?? [];
    const gelForms = [
      ...Object.keys(entry.generic ?? {}),
      ...Object.keys(entry.brand ?? {}),
    ].filter((f) => formTokens(f).includes('gel'));
    for (const rule of covering) {
      const g = gels.get(rule.id) ?? { local: false, systemic: false };
      for (const f of gelForms) {
        if (isLocalOnly([f])) g.local = true;
        else g.systemic = true;
      }
      gels.set(rule.id, g);
    }
    const names = collectNames(entry);
    const isAddable = (key: string) =>
      !keys.deny.has(key) && !packNames.has(key) && !(vtmKeys.has(key) && key !== vtmKey);

    assignBySaltOrBrand(entry, names, covering, rulesByName, formTokens, isAddable, assign);

    const qualified = covering.filter((r) => ruleForms.has(r.id));
    const unqualified = covering.filter((r) => !ruleForms.has(r.id));
    for (const [key, { name, forms }] of covering.length > 0 ? names : []) {
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

      const boundForms = keys.boundToForm.get(key);
      const family = keys.possible.get(key);
      for (const rule of targets) {
        if (family) {
          const slot = slotFor(rule.id).possible;
          if (!slot.has(key)) slot.set(key, { name, ...family });
        } else if (boundForms) bind(rule, key, { name, ...boundForms });
        else assign(rule, key, name);
      }
    }

    bindToInjection(entry, names, rulesByName, {
      formTokens,
      isAddable,
      isAssigned,
      isPolicyBound: (key) => keys.formBound.has(key),
      bind,
    });
  }

  const sorted = (m: Map<string, string>) => [...m.values()].sort(compareNames);
  const out = new Map<string, RuleNameExpansion>();
  for (const rule of rules) {
    const slot = collected.get(rule.id);
    const gel = gels.get(rule.id);
    const isGelLocal = gel !== undefined && gel.local && !gel.systemic;
    // By name key, the first spelling kept; no look-up at all when the policy lists none.
    const byKey = new Map<string, PossibleName>();
    if (keys.otherProducts.size > 0) {
      for (const name of [...rule.names, ...(slot ? slot.plain.values() : [])]) {
        const key = nameKey(name);
        const except = keys.otherProducts.get(key);
        if (except && !byKey.has(key)) byKey.set(key, { name, except: [...except] });
      }
    }
    const exceptions = [...byKey.values()];
    if (!slot && !isGelLocal && exceptions.length === 0) continue;
    out.set(rule.id, {
      names: slot ? sorted(slot.plain) : [],
      caseSensitive: slot ? sorted(slot.cs) : [],
      needsContext: slot ? sorted(slot.ctx) : [],
      formBound: slot ? [...slot.bound.values()].sort((a, b) => compareNames(a.name, b.name)) : [],
      ...(isGelLocal ? { localForms: LOCAL_GEL } : {}),
      ...(slot && slot.possible.size > 0
        ? { possible: [...slot.possible.values()].sort((a, b) => compareNames(a.name, b.name)) }
        : {}),
      ...(exceptions.length > 0 ? { exceptions } : {}),
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
    // A depot anchor ("Risperdal Consta") speaks for every prolonged-release injection of its
    // ingredient, whatever the route or presentation: Uzedy is risperidone as a subcutaneous
    // prolonged-release suspension and Aristada aripiprazole lauroxil as an intramuscular one,
    // neither in the anchor's own dm+d form, and both long-acting injections all the same.
    const isDepotAnchor = [...anchor.forms].some((f) => isLongActingInjection(formTokens(f)));
    for (const [key, { name, forms }] of names) {
      if (!isAddable(key)) continue;
      const isLongActing = forms.every((f) => isLongActingInjection(formTokens(f)));
      const isAnchorForm = forms.every((f) => anchor.forms.has(f));
      if (!isAnchorForm && !(isDepotAnchor && isLongActing)) continue;
      const hasSalt = key.split(' ').some((t) => anchor.salts.has(t));
      if (hasSalt || isLongActing) assign(rule, key, name);
    }
  }
}

/**
 * Words of a depot's dm+d form that no other injection of the ingredient has, as form phrases
 * ("suspension", "solvent", "prolonged-release"), plus what screens write for any depot ("Depot",
 * "LAI"). Empty when the forms share every telling word.
 */
function depotForms(
  depot: readonly (readonly string[])[],
  others: readonly (readonly string[])[],
): readonly string[] {
  const shared = new Set(others.flat());
  const words = new Set<string>();
  for (const form of depot) for (const w of form) if (!shared.has(w)) words.add(w);
  const out: string[] = [];
  for (const w of DEPOT_FORM_WORDS)
    if (words.has(w)) out.push(w === 'prolonged' ? 'prolonged-release' : w);
  return out.length === 0 ? [] : [...out, ...ANY_DEPOT_FORMS];
}

/**
 * Dose-form words of dm+d injection forms that can tell a depot from another injection ("and",
 * "for" and routes never do). "release" reads only as part of "prolonged-release".
 */
const DEPOT_FORM_WORDS: readonly string[] = ['prolonged', 'suspension', 'powder', 'solvent'];
/** Written for any depot on screens: "Depot", "LAI" (read through form-abbreviations.ts). */
const ANY_DEPOT_FORMS: readonly string[] = ['depot', 'long acting injection'];

/** dm+d injection forms: "solution for injection", "prolonged-release suspension for injection". */
function isInjection(formTokens: readonly string[]): boolean {
  return formTokens.includes('injection');
}

interface BindContext {
  readonly formTokens: (form: string) => readonly string[];
  readonly isAddable: (key: string) => boolean;
  /** Whether the rule lists the name or the expansion has given it to the rule already. */
  readonly isAssigned: (rule: ExpandableRule, key: string) => boolean;
  /** Whether the name policy binds this pack name to the injection form. */
  readonly isPolicyBound: (key: string) => boolean;
  readonly bind: (rule: ExpandableRule, key: string, bound: FormBoundName) => void;
}

/**
 * Step 7: form-bound names for long-acting injection rules. A rule is one for an ingredient when
 * the index files some of the rule's names under it ("Risperdal Consta", "haloperidol
 * decanoate", "Xeplion"), every form of those and of the names the rule was given is an injection, and at least one of them
 * is a prolonged-release injection or the generic with a salt (the depot ester). So Xgeva
 * (denosumab, plain solution for injection) and Nyxoid (nasal spray) are not.
 *
 * Such a rule binds to an injection form near the name:
 *  a. Mixed-form names: one of the rule's product forms plus only non-injection forms ("Depixol"
 *     and "Clopixol" are the depot and tablets). "Haldol" is not: its injection is another form
 *     (intramuscular+intravenous, the short-acting lactate).
 *  b. The bare generic, added from the index, when dm+d names the depot by it (a prolonged-release
 *     injection and no salt-named generic in the rule's forms: "Risperidone 25mg powder and
 *     solvent for prolonged-release suspension for injection vials") and every injection the index
 *     lists for the ingredient belongs to the rule. Not "haloperidol", "olanzapine" or
 *     "zuclopenthixol": with "injection" they are also the short-acting lactate, IM olanzapine or
 *     the acetate.
 *  c. A name the rule itself lists that name-policy.json's `formBound` names ("paliperidone",
 *     which is also Invega tablets): demoted from a plain name to a form-bound one. The pack's
 *     choice is overridden only where the policy says so, with its reason.
 * Longer index names that start with a bound name and are other products ("Clopixol Acuphase",
 * zuclopenthixol acetate in the same dm+d form) are its exceptions.
 */
function bindToInjection(
  entry: IngredientNames,
  names: ReadonlyMap<string, { name: string; forms: string[] }>,
  rulesByName: ReadonlyMap<string, readonly ExpandableRule[]>,
  { formTokens, isAddable, isAssigned, isPolicyBound, bind }: BindContext,
): void {
  const vtmKey = nameKey(entry.vtm);
  const vtmTokens = vtmKey.split(' ');
  const injection = (form: string) => isInjection(formTokens(form));
  const rulesHere = new Set<ExpandableRule>();
  for (const key of [vtmKey, ...names.keys()]) {
    for (const rule of rulesByName.get(key) ?? []) rulesHere.add(rule);
  }
  for (const rule of rulesHere) {
    // The rule's products: the index names it lists or has been given ("Ayendi" nasal spray makes
    // the diamorphine rule one about every form, not a long-acting injection rule).
    const products = [...names].filter(([key]) => isAssigned(rule, key));
    const productForms = new Set(products.flatMap(([, p]) => p.forms));
    if (products.length === 0 || ![...productForms].every(injection)) continue;
    const isProlonged = products.some(([, p]) =>
      p.forms.every((f) => isLongActingInjection(formTokens(f))),
    );
    const hasSalt = products.some(([key]) => {
      const tokens = key.split(' ');
      return tokens.length > vtmTokens.length && vtmTokens.every((t, k) => tokens[k] === t);
    });
    if (!isProlonged && !hasSalt) continue;

    // The forms a bound name needs near it: "injection" when the rule's products are the only
    // injections the index lists for the ingredient; otherwise the words that tell the depot's
    // form from the other injections ("suspension", "prolonged-release" against the short-acting
    // "solution for injection" of aripiprazole), or none at all when nothing tells them apart
    // (haloperidol decanoate and the lactate are both "solution for injection").
    const otherInjections = new Set<string>();
    for (const [, p] of names) {
      for (const f of p.forms) if (injection(f) && !productForms.has(f)) otherInjections.add(f);
    }
    const bindForms =
      otherInjections.size === 0
        ? INJECTION_FORMS
        : depotForms([...productForms].map(formTokens), [...otherInjections].map(formTokens));
    if (bindForms.length === 0) continue;

    const bound = new Map<string, string>();
    for (const [key, { name, forms }] of names) {
      if (!isAddable(key) || isAssigned(rule, key)) continue;
      const outside = forms.filter((f) => !productForms.has(f));
      const isMixed =
        forms.some((f) => productForms.has(f)) &&
        outside.length > 0 &&
        outside.every((f) => !injection(f) || otherInjections.has(f));
      if (isMixed) bound.set(key, name);
    }
    for (const listed of rule.names) {
      if (isPolicyBound(nameKey(listed))) bound.set(nameKey(listed), listed);
    }
    // (A generic the pack lists is not addable: it stays plain unless the policy binds it.)
    // The bare generic names the depot when every injection the index lists for the ingredient
    // is the rule's, bound, or told apart by the depot words: "Risperidone 25mg powder and
    // solvent for prolonged-release suspension for injection", and dm+d's "Flupentixol 20mg/1ml
    // solution for injection ampoules" (flupentixol's only injection is the decanoate).
    if (isAddable(vtmKey)) {
      const everyInjectionHere = [...names].every(
        ([key, p]) =>
          !p.forms.some((f) => injection(f) && !otherInjections.has(f)) ||
          isAssigned(rule, key) ||
          bound.has(key),
      );
      if (everyInjectionHere) bound.set(vtmKey, entry.vtm);
    }

    for (const [key, name] of bound) {
      const except = [...names]
        .filter(([other]) => other.startsWith(`${key} `) && !isAssigned(rule, other))
        .map(([, p]) => p.name)
        .sort(compareNames);
      bind(rule, key, {
        name,
        forms: bindForms,
        ...(except.length > 0 ? { except } : {}),
      });
    }
  }
}

/**
 * A rule as the engine takes it, with its expansion: index names added, policy names and
 * form-bound names in their own lists, and a pack name the expansion binds to a form
 * ("paliperidone") no longer a plain name.
 */
export function engineRule(rule: ExpandableRule, extra: RuleNameExpansion | undefined): EngineRule {
  if (!extra)
    return { id: rule.id, names: rule.names, ...(rule.forms ? { forms: rule.forms } : {}) };
  const boundKeys = new Set(extra.formBound.map((b) => nameKey(b.name)));
  const own =
    boundKeys.size > 0 ? rule.names.filter((n) => !boundKeys.has(nameKey(n))) : rule.names;
  return {
    id: rule.id,
    names: extra.names.length > 0 ? [...own, ...extra.names] : own,
    ...(extra.caseSensitive.length > 0 ? { caseSensitiveNames: extra.caseSensitive } : {}),
    ...(extra.needsContext.length > 0 ? { contextNames: extra.needsContext } : {}),
    ...(extra.formBound.length > 0 ? { formBoundNames: extra.formBound } : {}),
    ...(extra.localForms && extra.localForms.length > 0 ? { localForms: extra.localForms } : {}),
    ...(extra.possible && extra.possible.length > 0 ? { possibleNames: extra.possible } : {}),
    ...(extra.exceptions && extra.exceptions.length > 0
      ? { nameExceptions: extra.exceptions }
      : {}),
    ...(rule.forms ? { forms: rule.forms } : {}),
  };
}
