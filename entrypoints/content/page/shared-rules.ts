/**
 * A frame's ready rules: restored by the highest same-origin frame above it that runs this script,
 * and scanned with that frame's engine code, or restored here when there is none (the top frame,
 * cross-origin frames, Firefox). Why sharing is safe, and what is shared: rules/bundled/shared-
 * engine.ts. What stays per frame: the storage read, settings and policy, the
 * frame's marks and its match memo, and the request for a snapshot when none is usable.
 *
 * Every frame offers its own rules to the frames inside it, and uses its own offer for itself, so
 * the set a frame scans with is the one it hands on, warm. A frame that starts before the frames
 * above it have offered waits briefly for them (`waitForRulesOffer`), then offers its own.
 */
import { matchText, warmUpSteps } from '@/rules/engine';
import { restorePageRules } from '@/rules/bundled/page';
import {
  offerToFrames,
  takeFromAncestors,
  waitForOffer,
  type OfferPart,
  type WaitTimers,
} from '@/rules/bundled/shared-engine';
import {
  askForRulesSnapshot,
  extensionVersion,
  pageRules,
  readSettingsState,
  type RuleState,
} from '@/rules/store/page-state';
import type { StartupValues } from '@/rules/store/items';
import type { ActiveRules, ReadyRules } from './active-rules';

/**
 * How long a frame that starts before the frames above it waits for their offer. The top frame's
 * document_idle script starts once its frames have loaded, or 200 ms after its DOMContentLoaded,
 * but on a busy main thread (its frames' scripts run on it) that can be later: on the bench's
 * 20-frame page, loaded 2-core machine, frames started a median 50–280 ms and at most 730 ms
 * before the top's script. At 250 ms the earliest frames often waited in vain and then restored
 * their own; at 400 ms 18–20 of 20 frames took the top's rules in every load, and every frame of
 * the page was flagged no later than without waiting (bench/README.md, "Found on the way"). Past
 * it, the frame restores its own rules and flags exactly as before.
 */
export const OFFER_WAIT_MS = 400;

/** The window's own timers (not the lifetime's: the wait must end even after an abort). */
function windowTimers(win: Window): WaitTimers {
  return {
    set: (fn, ms) => win.setTimeout(fn, ms),
    clear: (id) => win.clearTimeout(id as number),
  };
}

/**
 * In a frame that starts before the same-origin frames above it have offered their rules, a
 * promise that settles when one does, or after OFFER_WAIT_MS; null when there is nothing to wait
 * for (rules/bundled/shared-engine.ts, waitForOffer: why this is safe). Settles to whether an
 * offer came.
 */
export function waitForRulesOffer(
  win: Window = window,
  scope: unknown = globalThis,
): Promise<boolean> | null {
  return waitForOffer(OFFER_WAIT_MS, windowTimers(win), scope);
}

/** Ready rules, and whether the bundled pack alone is in force for want of a snapshot. */
export interface SharedRules extends ReadyRules {
  readonly isSnapshotMissing: boolean;
}

/** A stored snapshot as an offer is asked for it: format, version that built it, body (text). */
type SnapshotParts = readonly [format: OfferPart, builtBy: OfferPart, body: OfferPart];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function primitive(value: unknown): OfferPart {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : undefined;
}

/**
 * The raw snapshot's parts. A part that is not a primitive becomes undefined, which
 * readRulesSnapshot rejects just as it rejects the object (a format or version that is not
 * the expected one, a body that is not text), so the rules are the same.
 */
export function snapshotParts(activeRules: unknown): SnapshotParts {
  if (!isObject(activeRules)) return [undefined, undefined, undefined];
  return [
    primitive(activeRules.format),
    primitive(activeRules.builtBy),
    primitive(activeRules.body),
  ];
}

function isSharedRules(value: unknown): value is SharedRules {
  return (
    isObject(value) &&
    typeof value.matchText === 'function' &&
    typeof value.warmUpSteps === 'function' &&
    isObject(value.compiled) &&
    isObject(value.effective) &&
    isObject(value.layers) &&
    typeof value.isSnapshotMissing === 'boolean'
  );
}

/**
 * This frame's own rules for snapshots, keeping the last one built (frames ask for the same one,
 * and again after every settings change). Built by this frame's code, from primitives only.
 */
export class RulesShelf {
  private last: { readonly parts: SnapshotParts; readonly rules: SharedRules } | null = null;

  constructor(private readonly version: () => string = extensionVersion) {}

  /** The rules for this snapshot. */
  take(format: OfferPart, builtBy: OfferPart, body: OfferPart): SharedRules {
    const last = this.last;
    if (last && last.parts[0] === format && last.parts[1] === builtBy && last.parts[2] === body)
      return last.rules;
    const raw = body === undefined ? null : { format, builtBy, body };
    const page = pageRules(raw, this.version());
    const rules: SharedRules = {
      ...restorePageRules(page.layers.layers, page.compiled),
      layers: page.layers,
      matchText,
      warmUpSteps,
      isSnapshotMissing: page.isSnapshotMissing,
    };
    this.last = { parts: [format, builtBy, body], rules };
    return rules;
  }
}

/**
 * The rules for `activeRules` (raw, as stored): an ancestor frame's, if one offers them for this
 * version of the extension, else this frame's own shelf's.
 */
export function sharedRules(
  activeRules: unknown,
  own: RulesShelf,
  scope: unknown = globalThis,
  version: string = extensionVersion(),
): { readonly rules: SharedRules; readonly isFromAncestor: boolean } {
  const parts = snapshotParts(activeRules);
  const fromAbove = takeFromAncestors([...parts, version], isSharedRules, scope);
  if (fromAbove) return { rules: fromAbove, isFromAncestor: true };
  return { rules: own.take(...parts), isFromAncestor: false };
}

/**
 * Offers `own` to the frames inside this one until `signal` aborts, only while this frame's
 * extension is alive, and only to a frame of the same version. A script left from before an update
 * or reload has its extension context invalidated (`runtime.id` undefined, which page/lifetime.ts
 * also relies on); the version check covers the moments before that is seen, so no frame scans
 * with another version's code or data.
 */
export function offerRules(
  own: RulesShelf,
  signal: AbortSignal,
  isAlive: () => boolean,
  scope: object = globalThis,
  version: () => string = extensionVersion,
): void {
  const withdraw = offerToFrames(
    (format, builtBy, body, askedVersion) =>
      !signal.aborted && isAlive() && askedVersion === version()
        ? own.take(format, builtBy, body)
        : null,
    scope,
  );
  signal.addEventListener('abort', withdraw, { once: true });
}

/**
 * The frame's active rules from its start-up read (or a later re-read), with the settings and
 * policy read now and the rules themselves taken when first used, which is the first scan's first
 * text (or the summary). A frame of a page usually starts before the top frame's content script
 * does (the top's document_idle waits for its frames' load, or 200 ms), and each moment later it
 * asks makes it likelier that a frame above offers them. `onReady` hears whether they came from
 * an ancestor frame, once they are taken.
 */
export function activateShared(
  values: Pick<StartupValues, 'activeRules' | 'settings' | 'managed'>,
  own: RulesShelf,
  onReady: (isFromAncestor: boolean) => void = () => undefined,
  now: Date = new Date(),
  scope: unknown = globalThis,
): ActiveRules {
  let ready: SharedRules | null = null;
  const take = (): SharedRules => {
    if (ready) return ready;
    const { rules, isFromAncestor } = sharedRules(values.activeRules, own, scope);
    ready = rules;
    if (rules.isSnapshotMissing) askForRulesSnapshot();
    onReady(isFromAncestor);
    return rules;
  };
  const state: RuleState = {
    get layers() {
      return take().layers.layers;
    },
    get problems() {
      return take().layers.problems;
    },
    ...readSettingsState(values.settings, values.managed),
  };
  return {
    get effective() {
      return take().effective;
    },
    get compiled() {
      return take().compiled;
    },
    get matchText() {
      return take().matchText;
    },
    get warmUpSteps() {
      return take().warmUpSteps;
    },
    state,
    today: now.toISOString().slice(0, 10),
  };
}
