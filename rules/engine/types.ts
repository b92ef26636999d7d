/** What the engine needs to know about a rule: its id, the names that identify it, its form words. */
export interface EngineRule {
  readonly id: string;
  readonly names: readonly string[];
  /** Form/route words; when given, the rule applies only if one appears near the name. */
  readonly forms?: readonly string[];
  /** Names that mean this medicine only written exactly so ("MTX", "NRT"): never case-folded or fuzzy. */
  readonly caseSensitiveNames?: readonly string[];
  /**
   * Names that are also everyday words or given names ("Sonata", "Olena"): they match only when a
   * strength or a dose-form word follows within a few tokens on the same line. Never fuzzy.
   */
  readonly contextNames?: readonly string[];
  /**
   * Names that mean this rule only in one form ("Depixol" is tablets and the depot): they match only
   * when one of their forms is near on the same line, with no other dose form in between, and
   * never otherwise — not even as "every reading stays possible". Never fuzzy.
   */
  readonly formBoundNames?: readonly FormBoundName[];
  /**
   * Dose-form words that, after a name, make it a local product for this rule only ("gel":
   * "Isotretinoin_Gel 0.05%" is a skin gel, while testosterone gels are systemic, so the word
   * cannot be local for every rule). Words local for every rule are in truncation.ts.
   */
  readonly localForms?: readonly string[];
  /**
   * Family names whose products differ in whether they contain this rule's medicine ("Solpadeine":
   * the old Solpadeine tablets and Solpadeine Plus and Max contain codeine, Solpadeine Headache
   * does not). Read only as a possible match, never certain, and not at all where one of `except`
   * is written. Never fuzzy.
   */
  readonly possibleNames?: readonly PossibleName[];
  /**
   * Plain names that also begin another product's name, which is not this medicine ("Valproate
   * Add-On" starter packs are lamotrigine): no match where one of `except` is written after.
   */
  readonly nameExceptions?: readonly PossibleName[];
}

/** A family name that may mean a rule ("Feminax"), and the longer names that do not ("Feminax Express"). */
export interface PossibleName {
  readonly name: string;
  /** Longer names starting with this one that are products without the rule's medicine. */
  readonly except?: readonly string[];
}

/** A name that means a rule only with one of its forms near it ("Depixol 20mg/1ml … injection"). */
export interface FormBoundName {
  readonly name: string;
  /** Form words, one of which must be near; screen abbreviations count ("Inj", "Depot"). */
  readonly forms: readonly string[];
  /** Longer names starting with this one that are other products ("Clopixol Acuphase"). */
  readonly except?: readonly string[];
}

/** `exact`: a listed name, letter for letter (case, accents and punctuation aside). `fuzzy`: a possible match. */
export type MatchKind = 'exact' | 'fuzzy';

/** A drug name found in a text, as UTF-16 offsets into that text. */
export interface Match {
  readonly start: number;
  readonly end: number;
  /** Rules the name maps to (several for a combination product whose ingredients each have a rule). */
  readonly ruleIds: readonly string[];
  readonly kind: MatchKind;
  /** 1 for exact matches; for fuzzy matches, similarity in (0, 1). */
  readonly score: number;
  /**
   * A possible match because the name is a family whose products differ ("Solpadeine"), not
   * because it is misspelt or cut short: the card says to check which product it is.
   */
  readonly family?: boolean;
}

/** One token of a text: its span in the original text and its normalised form. */
export interface Token {
  readonly start: number;
  readonly end: number;
  readonly norm: string;
}

/** A listed name as normalised tokens, with the rules it may mean. */
export interface Phrase {
  readonly tokens: readonly string[];
  readonly ruleIds: readonly string[];
  /** For a case-sensitive name: each token as it must be written in the text. */
  readonly raw?: readonly string[];
  /** For a context-needing name: only matches with a strength or dose form just after it. */
  readonly needsContext?: boolean;
  /** For a family name (`EngineRule.possibleNames`): a possible match, never an exact one. */
  readonly possible?: boolean;
  /** Tokens that, written right after the name, make it another product ("headache"). */
  readonly except?: readonly (readonly string[])[];
  /**
   * For an own brand read without its supplier in front, as dm+d names it ("Dental Pain Relief
   * tablets (The Boots Company Plc)"): the supplier's word, which must follow in brackets.
   */
  readonly supplier?: string;
}

/** A form-bound name as normalised tokens, with the form each of its rules needs near it. */
export interface FormBoundPhrase {
  readonly tokens: readonly string[];
  readonly bindings: readonly {
    readonly ruleId: string;
    readonly forms: readonly (readonly string[])[];
  }[];
  /** Tokens that, written right after the name, make it another product ("acuphase"). */
  readonly except: readonly (readonly string[])[];
}

/** What the fuzzy stage proposes for one token. */
export interface FuzzyHit {
  readonly ruleIds: readonly string[];
  /** Similarity in (0, 1); never 1, which is reserved for exact matches. */
  readonly score: number;
  /**
   * A short token that belongs to the name before the matched one ("co" in "co-codamal"): when the
   * text has it just before, the match widens to cover it, so the highlight shows the whole name.
   */
  readonly lead?: string;
  /** Read as a name cut short ("methotrex"), not as a slip in its letters. */
  readonly truncation?: true;
}

/**
 * The fuzzy stage behind a seam: given a token that matched nothing exactly, propose rules.
 * Implementations must be deterministic and memoise per token.
 */
export interface FuzzyMatcher {
  lookup(token: string): FuzzyHit | null;
  /**
   * Tokens shorter than this are never read fuzzily: the matcher skips asking for them (and whether
   * they are a listed name's word), which is most tokens of a page. Absent: every token is asked.
   */
  readonly minTokenLength?: number;
  /**
   * The matcher's candidate index as plain JSON, so a rule set that never changes can ship it
   * built (rules/bundled) instead of building it on a page. Optional: test doubles have none.
   */
  indexSnapshot?(): FuzzyIndexSnapshot;
  /** Builds what the first look-up would (known names, the candidate index) now: warm-up.ts. */
  prepare?(): void;
}

/**
 * The fuzzy stage's index as JSON (fuzzy.ts): terms as `[name, skeleton, ruleIds, lead, isProper]`
 * (skeleton "" when it is the name), and term ids by first letter and length, and by first three
 * letters (`id` for a term's name, `~id` for its skeleton).
 */
export interface FuzzyIndexSnapshot {
  readonly terms: readonly (readonly [
    string,
    string,
    readonly string[] | null,
    string | null,
    0 | 1,
  ])[];
  readonly byFirstAndLength: readonly (readonly [number, readonly number[]])[];
  readonly byPrefix: readonly (readonly [string, readonly number[]])[];
}

/** A rule set compiled for matching. Built once per rule-set change; never per scan. */
export interface CompiledRuleSet {
  /** Normalised first token → phrases starting with it, longest first. */
  readonly phrasesByFirst: ReadonlyMap<string, readonly Phrase[]>;
  /** Rule id → its form words as normalised token lists (only rules that have forms). */
  readonly formsByRule: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** Every normalised token of every listed name: such a token is never fuzzily re-read as another drug. */
  readonly nameTokens: ReadonlySet<string>;
  /**
   * First tokens of names written as proper nouns ("Lyrica", "Concerta XL") and never in lower
   * case: brands, which the fuzzy stage reads more strictly because many are coined from English
   * words ("Tranquilyn", "Allegron", "Circadin"). Optional for sets built before it existed.
   */
  readonly properNameTokens?: ReadonlySet<string>;
  /**
   * Normalised first token → form-bound phrases, longest first. Kept out of `phrasesByFirst` so
   * the fuzzy stage, which reads that map, never proposes them. Optional for older sets.
   */
  readonly formBoundByFirst?: ReadonlyMap<string, readonly FormBoundPhrase[]>;
  /** Rule id → its own local form words (`EngineRule.localForms`). Optional for older sets. */
  readonly localFormsByRule?: ReadonlyMap<string, readonly string[]>;
  readonly fuzzy: FuzzyMatcher | null;
}
