/** The engine's only import surface. Pure: no DOM, no browser, no WXT, no Preact. */
export type {
  CompiledRuleSet,
  EngineRule,
  FormBoundName,
  PossibleName,
  FuzzyHit,
  FuzzyMatcher,
  Match,
  MatchKind,
  Phrase,
  Token,
} from './types';
export type { CompileOptions } from './compile';
export { compileRuleSet } from './compile';
export { matchText } from './match';
export { warmUpSteps } from './warm-up';
export type { FuzzyOptions } from './fuzzy';
export { createFuzzyMatcher, MIN_FUZZY_LENGTH } from './fuzzy';
export { foldToken, normalizeName, tokenize } from './normalize';
export type { CompiledSnapshot } from './snapshot';
export { restoreCompiled, snapshotOf } from './snapshot';
export { KNOWN_MEDICINES } from './known-medicines';
export { STOP_WORDS } from './stop-words';
