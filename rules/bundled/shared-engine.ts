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
 *
 * Waiting for an offer (`waitForOffer`). A page's top frame runs its document_idle script only
 * once its frames have loaded (or 200 ms after DOMContentLoaded), so its static frames usually
 * start first, and a frame that finds no offer restores its own set (the engine's indexes built
 * again, its code run cold). Such a frame may instead wait, briefly, for a frame above to offer.
 * Why that is safe:
 * - Bounded: it waits only while some same-origin frame above has no offer and has not finished
 *   loading (its document_idle script, if it runs ours, is still to come), and never longer than
 *   the bound its caller gives; then it restores its own exactly as before. An ancestor that never
 *   runs our script (a URL we do not match, a blank or srcdoc frame left loading, a page loaded
 *   before the extension was installed or updated: then it has finished loading) costs at most the
 *   bound; a detached frame (`parent` null) or one with no frame above does not wait.
 * - No CPU while waiting: no polling. The waiting frame leaves, on each frame above, a weak
 *   reference (made by that frame's own `WeakRef`, in an array made by its own `Array`) to the
 *   resolver of a promise of its own; a frame that offers calls the resolvers still alive once and
 *   drops the list. A resolver runs no code of the waiting frame in the offering one; the waiting
 *   frame's own continuation runs later, in its own context. The resolver is held strongly only by
 *   the waiting frame's own timer, so nothing of a child's context is kept alive by an ancestor,
 *   before or after the hand-off: a child removed while waiting is collected as usual.
 * - Nothing the page can see: isolated-world globals, weak references and a timer of our own; no
 *   event, message, attribute or DOM change.
 * - Flags: what a frame scans with is decided as before, when its rules are first used; waiting
 *   only makes it likelier that a frame above offers them by then.
 */
import { reachableAncestors } from './shared-parse';

/** The global under which a frame offers its rules to the frames inside it. */
const OFFER_GLOBAL = '__plensRulesOffer';
/** The global under which frames inside this one wait for its offer (weak references, see above). */
const WAITERS_GLOBAL = '__plensOfferWaiters';
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
  wakeWaiters(global);
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

/** What a waiting frame reads and writes on a frame above (that frame's own constructors). */
interface WaitRealm {
  readonly Array?: ArrayConstructor;
  readonly WeakRef?: WeakRefConstructor;
  readonly document?: { readonly readyState?: unknown } | null;
  [key: string]: unknown;
}

/** The waiting frame's own timer: the only strong hold on its resolver. */
export interface WaitTimers {
  set(fn: () => void, ms: number): unknown;
  clear(id: unknown): void;
}

/** Calls, once, the resolvers of frames still waiting for `global`'s offer, and drops them. */
function wakeWaiters(global: Record<string, unknown>): void {
  const waiters = global[WAITERS_GLOBAL];
  if (waiters === undefined) return;
  global[WAITERS_GLOBAL] = undefined;
  if (!(waiters instanceof Array)) return;
  for (const ref of waiters as unknown[]) {
    try {
      const wake = ref instanceof WeakRef ? (ref.deref() as unknown) : undefined;
      // A promise's resolver: it runs none of the waiting frame's code here.
      if (typeof wake === 'function') (wake as (value: unknown) => void)(undefined);
    } catch {
      // A frame already gone: nothing to wake.
    }
  }
}

/**
 * Leaves a weak reference to `wake` (the waiting promise's own resolver, held strongly by the
 * waiting frame's timer alone) on `realm`; returns a function that takes it back, or null when
 * `realm` cannot hold one.
 */
function leaveWaiter(realm: WaitRealm, wake: (value: unknown) => void): (() => void) | null {
  const { Array: RealmArray, WeakRef: RealmWeakRef } = realm;
  if (typeof RealmArray?.of !== 'function' || typeof RealmWeakRef !== 'function') return null;
  let waiters = realm[WAITERS_GLOBAL];
  if (!(waiters instanceof RealmArray)) {
    waiters = RealmArray.of<unknown>();
    realm[WAITERS_GLOBAL] = waiters;
  }
  const list = waiters as unknown[];
  // Made by the realm's own WeakRef, so the realm holds no object of this frame's context.
  const ref = new RealmWeakRef(wake);
  list.push(ref);
  return () => {
    const at = list.indexOf(ref);
    if (at >= 0) list.splice(at, 1);
  };
}

/**
 * Waits, at most `boundMs`, for a same-origin frame above `scope` to offer its rules: resolves
 * true once one has, false when the bound passed first. Null, at once, when there is nothing to
 * wait for: no frame above (the top, a detached frame, a cross-origin parent, Firefox), a frame
 * above already offers, or every frame above has finished loading without offering (its script,
 * if it runs ours, would have offered).
 */
export function waitForOffer(
  boundMs: number,
  timers: WaitTimers,
  scope: unknown = globalThis,
): Promise<boolean> | null {
  const above = reachableAncestors(scope) as WaitRealm[] | null;
  if (!above || above.length === 0) return null;
  let isStillLoading = false;
  try {
    for (const realm of above) {
      if (isOffer(realm[OFFER_GLOBAL])) return null;
      if (realm.document?.readyState !== 'complete') isStillLoading = true;
    }
  } catch {
    return null; // A frame above being torn down: restore our own, as before.
  }
  if (!isStillLoading) return null;
  let timer: unknown;
  const takeBack: (() => void)[] = [];
  return new Promise<unknown>((resolve) => {
    timer = timers.set(() => resolve(false), boundMs);
    for (const realm of above) {
      try {
        const undo = leaveWaiter(realm, resolve);
        if (undo) takeBack.push(undo);
      } catch {
        // That frame cannot be waited on; the others, or the bound, end the wait.
      }
    }
  }).then((outcome) => {
    timers.clear(timer);
    for (const undo of takeBack) {
      try {
        undo();
      } catch {
        // A frame above already gone.
      }
    }
    return outcome !== false;
  });
}
