/**
 * The content script's copy of data.ts: the bundled data comes from `content-scripts/rules-data.js`,
 * which the manifest (and every runtime injection) lists just before the content script. Both run in
 * the extension's isolated world, so the page can neither read nor replace this global.
 *
 * rules-data.js holds each part as JSON text, and a part is parsed when a frame first reads it:
 * every frame of a clinical system runs this script, and parsing all of it (the pack's popover
 * text, the product-name index, the fuzzy index) cost each frame about 3 ms of its start-up, most
 * of it for parts a frame with a few rows of text never reads (bench/README.md, frames20).
 */
import type { CompiledSnapshot } from '../engine';
import {
  BUNDLED_DATA_GLOBAL,
  CARD_TEXT_FIELDS,
  type BundledData,
  type BundledDataText,
  type EngineWords,
  type RuleText,
} from './types';
import { pagePartParser, parseInFrame, type PartParser } from './shared-parse';

/** The fuzzy stage's index as shipped (rules/engine/fuzzy.ts). */
type FuzzyIndexSnapshot = NonNullable<CompiledSnapshot['fuzzy']>;

const REQUIRED_PARTS = ['pack', 'productNames', 'namePolicy', 'icbNames'] as const;
const OPTIONAL_PARTS = ['compiled', 'fuzzy', 'engineWords', 'ruleText'] as const;

function isBundledDataText(value: unknown): value is BundledDataText {
  if (typeof value !== 'object' || value === null) return false;
  const o = value as Record<string, unknown>;
  return (
    REQUIRED_PARTS.every((part) => typeof o[part] === 'string') &&
    OPTIONAL_PARTS.every((part) => o[part] === undefined || typeof o[part] === 'string')
  );
}

/** JSON.parse of `text` on the first call, the same value after. */
function parsedOnce(text: string, parse: () => unknown = () => JSON.parse(text)): () => unknown {
  let parsed = false;
  let value: unknown;
  return () => {
    if (!parsed) {
      value = parse();
      parsed = true;
    }
    return value;
  };
}

/**
 * The fuzzy index as the engine reads it: its terms and buckets are read only when a word first
 * reaches the fuzzy stage (rules/engine/fuzzy.ts restores the index then), so a frame whose words
 * are all names or plain vocabulary never parses it.
 */
function lazyFuzzyIndex(index: () => FuzzyIndexSnapshot): FuzzyIndexSnapshot {
  return {
    get terms() {
      return index().terms;
    },
    get byFirstAndLength() {
      return index().byFirstAndLength;
    },
    get byPrefix() {
      return index().byPrefix;
    },
  };
}

/**
 * `pack`'s rules with their card text (CARD_TEXT_FIELDS) read from `text` when any of it is first
 * read, i.e. when a card opens: a frame that only marks names never parses it (most of the pack's
 * bytes, and thousands of small objects for the sources). Until then each such field is a getter
 * in the placeholder's place (same key order); the first read makes every rule's fields plain data
 * properties, so the rules then read, copy and serialise exactly as the pack does.
 */
function withLazyCardText(pack: unknown, text: string): unknown {
  const rules = (pack as { readonly rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return pack;
  const cardText = parsedOnce(text) as () => RuleText;
  let isFilled = false;
  const fill = () => {
    if (isFilled) return;
    isFilled = true;
    const { fields, values } = cardText();
    rules.forEach((rule: object, i) => {
      fields.forEach((field, j) => {
        if (!Object.hasOwn(rule, field)) return;
        Object.defineProperty(rule, field, {
          value: values[i]?.[j],
          writable: true,
          enumerable: true,
          configurable: true,
        });
      });
    });
  };
  for (const field of CARD_TEXT_FIELDS) {
    // One getter per field, shared by every rule (`this`), rather than a closure per rule.
    const lazy: PropertyDescriptor = {
      get(this: object): unknown {
        fill();
        const own = Object.getOwnPropertyDescriptor(this, field);
        return own && 'value' in own ? (own.value as unknown) : undefined;
      },
      set(this: object, value: unknown) {
        fill();
        Object.defineProperty(this, field, {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      },
      enumerable: true,
      configurable: true,
    };
    for (const rule of rules as object[]) {
      if (Object.hasOwn(rule, field)) Object.defineProperty(rule, field, lazy);
    }
  }
  return pack;
}

/** `pack` with a copy of each rule: what the rules hold is the same, and only read. */
function withOwnRules(pack: unknown): unknown {
  const rules = (pack as { readonly rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return pack;
  return { ...(pack as object), rules: rules.map((rule: object) => ({ ...rule })) };
}

/**
 * `text`'s parts, each parsed on first read. The parts no frame changes (the compiled set, the
 * fuzzy index, the word lists, the name tables) go through `parse`, which may hand out what
 * another frame of the page parsed (shared-parse.ts); so does the pack's outline, but each frame
 * has its own copy of the rules, which take their card text in place when a card opens.
 */
export function lazyBundledData(
  text: BundledDataText,
  parse: PartParser = parseInFrame,
): BundledData {
  const shared = (name: keyof BundledDataText, part: string) =>
    parsedOnce(part, () => parse(name, part));
  // The outline is shared too, but not its rules: withLazyCardText gives them getters (this
  // frame's functions), so each frame reads through rule objects of its own.
  const outline =
    parse === parseInFrame
      ? parsedOnce(text.pack)
      : parsedOnce(text.pack, () => withOwnRules(parse('pack', text.pack)));
  const ruleText = text.ruleText;
  let pack: unknown;
  let isPackRead = false;
  const productNames = shared('productNames', text.productNames);
  const namePolicy = shared('namePolicy', text.namePolicy);
  const icbNames = shared('icbNames', text.icbNames) as () => BundledData['icbNames'];
  const engineWords =
    text.engineWords === undefined ? null : shared('engineWords', text.engineWords);
  const fuzzy =
    text.fuzzy === undefined
      ? null
      : lazyFuzzyIndex(shared('fuzzy', text.fuzzy) as () => FuzzyIndexSnapshot);
  const exact = text.compiled === undefined ? null : shared('compiled', text.compiled);
  let compiled: CompiledSnapshot | undefined;
  return {
    get pack() {
      if (!isPackRead) {
        pack = ruleText === undefined ? outline() : withLazyCardText(outline(), ruleText);
        isPackRead = true;
      }
      return pack;
    },
    get productNames() {
      return productNames();
    },
    get namePolicy() {
      return namePolicy();
    },
    get icbNames() {
      return icbNames();
    },
    get compiled() {
      if (compiled === undefined && exact) {
        const maps = exact() as Omit<CompiledSnapshot, 'fuzzy'>;
        compiled = fuzzy ? { ...maps, fuzzy } : maps;
      }
      return compiled;
    },
    get engineWords() {
      return (engineWords?.() ?? undefined) as EngineWords | undefined;
    },
  };
}

let data: BundledData | null = null;

export function bundledData(): BundledData {
  if (data) return data;
  const value: unknown = (globalThis as Record<string, unknown>)[BUNDLED_DATA_GLOBAL];
  if (!isBundledDataText(value)) {
    throw new Error(
      'Prescribing Lens: the bundled rules (content-scripts/rules-data.js) were not loaded before the content script',
    );
  }
  data = lazyBundledData(value, pagePartParser());
  return data;
}

function isWordList(value: unknown): value is readonly string[] {
  if (!Array.isArray(value)) return false;
  // An index loop, not `every` or for…of: the list may be another frame's (shared-parse.ts), and
  // iterating it from this frame's cold context cost 3–7 times as much (Node, a vm context each).
  const words = value as unknown[];
  for (let i = 0; i < words.length; i++) if (typeof words[i] !== 'string') return false;
  return true;
}

let engineWords: EngineWords | null = null;

/** The engine's word lists, which the content script's build reads from here, not its own code. */
export function bundledEngineWords(): EngineWords {
  if (engineWords) return engineWords;
  const words = bundledData().engineWords;
  if (!words || !isWordList(words.knownMedicines) || !isWordList(words.stopWords)) {
    throw new Error(
      'Prescribing Lens: the bundled rules (content-scripts/rules-data.js) lack the engine word lists',
    );
  }
  engineWords = words;
  return words;
}
