/**
 * The product-name index (`product-names.json`) and the name policy (`name-policy.json`): one valibot
 * schema each, the source of both runtime validation and types. The index says which product and
 * brand names map to each ingredient (dm+d VTM) and in which route/dose form; the policy says which
 * of those names are unsafe to match as plain, case-folded words. Pure: no DOM, no browser.
 */
import * as v from 'valibot';

export const INDEX_FORMAT = 1;

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
// "route[+route…]/dose form", lower case, e.g. "oral/modified-release tablet",
// "intramuscular+intravenous/solution for injection". dm+d's own route and form descriptions.
const FORM_KEY = /^[a-z][a-z-]*(\+[a-z][a-z-]*)*\/[a-z0-9][a-z0-9 ,.()-]*$/;

const name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120));

/** Route/dose form → names, e.g. { "transdermal/transdermal patch": ["Butrans", "Transtec"] }. */
const NamesByForm = v.record(
  v.pipe(v.string(), v.regex(FORM_KEY, 'Form keys look like "route/dose form"')),
  v.pipe(v.array(name), v.minLength(1)),
);
export type NamesByForm = v.InferOutput<typeof NamesByForm>;

/** Every name one ingredient goes by, besides its own VTM name. */
export const IngredientNamesSchema = v.strictObject({
  /** dm+d VTM name, e.g. "Zopiclone". A rule covers the ingredient when one of its names equals this. */
  vtm: name,
  /**
   * Generic names other than the VTM name, from VMP names and ingredient substances: salts
   * ("Morphine sulfate"), co-names ("Co-codamol"). Strength and form words are stripped.
   */
  generic: v.optional(NamesByForm),
  /** Brand stems from AMP names: "Zimovane", "Xaggitin XL", "Durogesic DTrans". */
  brand: v.optional(NamesByForm),
});
export type IngredientNames = v.InferOutput<typeof IngredientNamesSchema>;

export const ProductNameIndexSchema = v.strictObject({
  format: v.literal(INDEX_FORMAT),
  /** Where the names come from and as of when. */
  release: v.strictObject({
    /** e.g. "NHSBSA dm+d release nhsbsa_dmd_3.4.0_20261123000001" or "curated". */
    source: v.pipe(v.string(), v.minLength(1)),
    /** Release date, YYYY-MM-DD. */
    date: v.pipe(v.string(), v.regex(ISO_DATE, 'release.date must be YYYY-MM-DD')),
  }),
  ingredients: v.array(IngredientNamesSchema),
});
export type ProductNameIndex = v.InferOutput<typeof ProductNameIndexSchema>;

/** Name → the reason it needs care; reasons are for reviewers, never shown to users. */
const Reasons = v.record(name, v.pipe(v.string(), v.minLength(1)));

/**
 * Names that are also everyday words, given names or clinical words. Case folding would make
 * them flag ordinary text ("Sonata", "Olena", "Exelon"), so they are not plain names.
 */
export const NamePolicySchema = v.strictObject({
  /** Never added to a rule. */
  deny: Reasons,
  /** Added only as exact-case names, e.g. "MXL" (not "mxl"). Needs engine support. */
  caseSensitive: Reasons,
  /** Added only where a strength or dose-form word sits next to the name. Needs engine support. */
  needsContext: Reasons,
  /**
   * Generic names a pack lists for a long-acting injection rule that also name other forms the
   * rule does not cover ("paliperidone": Invega tablets). They match that rule only with an
   * injection form near. This overrides the pack's plain name, so each needs a reason.
   */
  formBound: v.optional(Reasons),
  /**
   * Index names that mean their ingredient's rule only in one form, because the same name is
   * another medicine in other forms ("Aceon": tramadol modified-release tablets in the BNF, a
   * perindopril tablet in the US; "Diocalm" chewable tablets are kaolin and morphine, "Diocalm
   * Ultra" loperamide). They match only with one of `forms` near and none of `except` written,
   * never otherwise.
   */
  boundToForm: v.optional(
    v.record(
      name,
      v.strictObject({
        forms: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
        /** Longer names, other products, where the name does not match ("Diocalm Ultra"). */
        except: v.optional(v.array(name)),
        reason: v.pipe(v.string(), v.minLength(1)),
      }),
    ),
  ),
  /**
   * Index names of a family whose products differ in whether they contain the ingredient
   * ("Solpadeine": the old Solpadeine tablets, Plus and Max contain codeine, Solpadeine Headache
   * does not). They are only ever a possible match, and none where one of `except` is written.
   */
  possible: v.optional(
    v.record(
      name,
      v.strictObject({
        /** Longer names, products without the ingredient, where the name does not match. */
        except: v.optional(v.array(name)),
        reason: v.pipe(v.string(), v.minLength(1)),
      }),
    ),
  ),
  /**
   * Names (the pack's or the index's) that also begin another product's name, which is not the
   * medicine ("Valproate Add-On": Lamictal starter packs for patients already on valproate).
   * They match as before, except where one of `except` is written.
   */
  otherProducts: v.optional(
    v.record(
      name,
      v.strictObject({
        except: v.pipe(v.array(name), v.minLength(1)),
        reason: v.pipe(v.string(), v.minLength(1)),
      }),
    ),
  ),
});
export type NamePolicy = v.InferOutput<typeof NamePolicySchema>;

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly string[] };

function describe(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
    return `${path === '' ? '(file)' : path}: ${issue.message}`;
  });
}

/** unknown (parsed JSON) → index, or every problem with its path. */
export function parseProductNameIndex(input: unknown): ParseResult<ProductNameIndex> {
  const parsed = v.safeParse(ProductNameIndexSchema, input);
  return parsed.success
    ? { ok: true, value: parsed.output }
    : { ok: false, errors: describe(parsed.issues) };
}

/** unknown (parsed JSON) → name policy, or every problem with its path. */
export function parseNamePolicy(input: unknown): ParseResult<NamePolicy> {
  const parsed = v.safeParse(NamePolicySchema, input);
  return parsed.success
    ? { ok: true, value: parsed.output }
    : { ok: false, errors: describe(parsed.issues) };
}
