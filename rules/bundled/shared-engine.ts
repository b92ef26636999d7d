/**
 * Frames of a page scanning with one ready rule set rather than one each (issue 22, start-up per
 * frame). Restoring the compiled set, and the indexes the engine builds on its first scan, cost
 * each of a page's frames about 2–4 ms, and each frame's fresh context ran the engine's code
 * cold. Here a frame offers its own function for "the rules for this stored snapshot" on its
 * isolated-world global, and a frame below it asks that function instead of restoring its own, so
 * every frame of a page scans with the same set through the same (soon optimised) engine code.
 *
 * Why this is safe (Chromium; see also docs/architecture.md):
 * - Who can reach it: a frame's isolated-world global is reachable only from the same extension's
 *   isolated world in same-origin frames (`parent` from a frame below). The page's own scripts
 *   run in the main world and other extensions in worlds of their own; neither sees it.
 * - What is built, and by whom: the offering frame's function builds the rules with its own code,
 *   so every object and closure in them belongs to that frame's context. The asking frame passes
 *   only primitives (the snapshot's format, version and text), and an answer is never built from,
 *   nor keeps, anything of the asking frame's context.
 * - Lifetime: only ancestors are asked. Removing or navigating a frame removes every frame inside
 *   it, so the context that built the rules outlives every frame scanning with them; with the
 *   back/forward cache the page's frames are kept and restored together. A frame whose ancestor is
 *   gone (detached: `parent` is null) or whose offer throws or answers with anything unexpected
 *   restores its own.
 * - What it holds: rules and the engine's indexes and memos, which hold strings (words, texts'
 *   tokens) and the answers derived from them, never a DOM node or a page object: the engine is a
 *   pure function of the rule set and a text (rules/engine). A frame's own marks, ranges and
 *   match memo stay in that frame.
 * - Which rules: the answer is built for exactly the snapshot asked for (the offering frame keeps
 *   the last one it built and reuses it only for identical format, version and text), by a frame
 *   of the asking frame's extension version whose extension is still alive: a content script left
 *   over from before an update answers nothing, so a frame never scans with another build's code
 *   or data.
 *
 * Firefox is left out (other frames' globals are Xray wrappers there): each frame restores its own,
 * as do cross-origin frames.
 */
import { reachableAncestors } from './shared-parse';

/** The global under which a frame offers its rules to the frames inside it. */
const OFFER_GLOBAL = '__plensRulesOffer';
/** Bumped whenever what an offer is asked with, or answers, changes shape. */
const OFFER_FORMAT = 1;

/** What an offer is asked with: primitives only, so nothing of the asking frame crosses. */
export type OfferPart = string | number | boolean | undefined;

interface Offer {
  readonly format: number;
  take(...parts: OfferPart[]): unknown;
}

function isOffer(value: unknown): value is Offer {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { format?: unknown }).format === OFFER_FORMAT &&
    typeof (value as { take?: unknown }).take === 'function'
  );
}

function isPrimitive(part: unknown): part is OfferPart {
  const type = typeof part;
  return type === 'undefined' || type === 'string' || type === 'number' || type === 'boolean';
}

/**
 * Offers `provide` (this frame's own function) to the frames inside this one, on `scope`'s global;
 * returns a function that withdraws it. `provide` answers null when it has nothing to give. Not
 * offered where frames do not share (Firefox).
 */
export function offerToFrames(
  provide: (...parts: OfferPart[]) => unknown,
  scope: object = globalThis,
): () => void {
  if (reachableAncestors(scope) === null) return () => undefined;
  const global = scope as Record<string, unknown>;
  const offer: Offer = {
    format: OFFER_FORMAT,
    // Anything but primitives would keep another frame's objects alive in this context.
    take: (...parts) => (parts.every(isPrimitive) ? provide(...parts) : null),
  };
  global[OFFER_GLOBAL] = offer;
  return () => {
    if (global[OFFER_GLOBAL] === offer) global[OFFER_GLOBAL] = undefined;
  };
}

/**
 * The answer of the highest same-origin ancestor offering one that `accept`s, for `parts`; null
 * when none does (no ancestor offers, or it is gone, or answers nothing, or throws), and in
 * Firefox.
 */
export function takeFromAncestors<T>(
  parts: readonly OfferPart[],
  accept: (value: unknown) => value is T,
  scope: unknown = globalThis,
): T | null {
  for (const realm of reachableAncestors(scope) ?? []) {
    try {
      const offer = (realm as Record<string, unknown>)[OFFER_GLOBAL];
      if (!isOffer(offer)) continue;
      const answer = offer.take(...parts);
      if (accept(answer)) return answer;
    } catch {
      // An ancestor being torn down, or not as this module left it: ask the next, else restore.
    }
  }
  return null;
}
