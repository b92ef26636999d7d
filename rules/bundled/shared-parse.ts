/**
 * Parsing the bundled data once per page rather than once per frame (issue 22, start-up per
 * frame). A clinical system nests many same-origin frames; Chromium runs the content script in
 * each as a fresh context of the extension's isolated world, and each parsed the same JSON (the
 * compiled set alone is 90 KB of small arrays). Those contexts can reach one another: the top
 * frame's isolated-world global is `top` in every same-origin frame's isolated world, which the
 * page's own scripts (the main world) and other extensions (their own worlds) cannot see.
 *
 * A part is parsed by the highest same-origin frame's own `JSON.parse`, so the objects belong to
 * that frame's context, which outlives the frames inside it: a child frame that is removed leaves
 * nothing of its own context behind in what it shared. The entry keeps the text it was parsed
 * from, and a frame uses it only for the identical text: a content script left running from
 * before an extension update never hands its data to the new one. Only data is shared, never
 * functions, and the engine only reads what it restores from (rules/engine/snapshot.ts).
 *
 * Firefox is left out: there a content script sees other frames only through Xray wrappers.
 */

/** JSON.parse of `text`, bundled part `name`: possibly the value another frame parsed from it. */
export type PartParser = (name: string, text: string) => unknown;

/** Each frame parses for itself (tests, and where no other frame can be reached). */
export const parseInFrame: PartParser = (_name, text) => JSON.parse(text) as unknown;

/** The global under which the top frame's isolated world keeps the parts its frames parsed. */
const SHARED_PARTS_GLOBAL = '__plensSharedParts';

/** What is read from another frame's isolated-world global. */
export interface Realm {
  readonly JSON?: JSON;
  readonly Map?: MapConstructor;
  readonly Array?: ArrayConstructor;
  readonly parent?: unknown;
  readonly cloneInto?: unknown;
  [SHARED_PARTS_GLOBAL]?: unknown;
}

function isRealm(value: unknown): value is Realm {
  return typeof value === 'object' && value !== null;
}

/**
 * The frames above `scope` whose isolated worlds it can reach, highest first (`scope` itself not
 * included), or null where frames must not share (Firefox). Reading a cross-origin frame's `JSON`
 * throws, so the walk stops below the first one. A frame with no parent (the top, or a frame
 * already detached: its `parent` is then null) has none.
 */
export function reachableAncestors(scope: unknown = globalThis): Realm[] | null {
  if (!isRealm(scope) || typeof scope.cloneInto === 'function') return null;
  const above: Realm[] = [];
  let realm: Realm = scope;
  try {
    for (let up = realm.parent; isRealm(up) && up !== realm; up = realm.parent) {
      if (typeof up.JSON?.parse !== 'function') break;
      above.push(up);
      realm = up;
    }
  } catch {
    // A cross-origin frame above: share with the frames below it.
  }
  return above.reverse();
}

/**
 * The highest frame above `scope` (itself included) whose isolated world it can reach, or null
 * where frames must not share (Firefox).
 */
export function sharingRealm(scope: unknown = globalThis): Realm | null {
  const above = reachableAncestors(scope);
  if (!above || !isRealm(scope)) return null;
  const realm = above[0] ?? scope;
  return typeof realm.JSON?.parse === 'function' &&
    typeof realm.Map === 'function' &&
    typeof realm.Array?.of === 'function'
    ? realm
    : null;
}

/** An entry is [text, value]: the value parsed from exactly this text. */
function isEntryFor(entry: unknown, text: string): entry is readonly [string, unknown] {
  return Array.isArray(entry) && entry.length === 2 && entry[0] === text;
}

/**
 * A parser that shares parts through `realm`'s global (see above). Should anything there not be
 * as this module left it, the frame parses for itself.
 */
export function parseSharedIn(realm: Realm | null): PartParser {
  if (!realm) return parseInFrame;
  const { JSON: json, Map: RealmMap, Array: RealmArray } = realm;
  if (!json || !RealmMap || !RealmArray) return parseInFrame;
  return (name, text) => {
    try {
      let parts = realm[SHARED_PARTS_GLOBAL];
      if (!(parts instanceof RealmMap)) {
        parts = new RealmMap<string, unknown>();
        realm[SHARED_PARTS_GLOBAL] = parts;
      }
      const table = parts as Map<string, unknown>;
      const entry = table.get(name);
      if (isEntryFor(entry, text)) return entry[1];
      const value = json.parse(text) as unknown;
      // Made by the realm's own Array, so the entry holds nothing of this frame's context.
      table.set(name, RealmArray.of<unknown>(text, value));
      return value;
    } catch {
      return JSON.parse(text) as unknown;
    }
  };
}

let pageParser: PartParser | null = null;

/** The parser this frame shares parts with the others through (made on first use). */
export function pagePartParser(): PartParser {
  pageParser ??= parseSharedIn(sharingRealm());
  return pageParser;
}
