/**
 * The one canonical text form of a rule pack, so that a parse → format round trip leaves the bundled
 * pack byte-identical and every content change shows up as a minimal, reviewable diff (Dark Reader
 * tests its config files the same way).
 *
 * The layout is exactly what Prettier (printWidth 100) prints for `JSON.stringify(pack, null, 2)`,
 * because CI runs `prettier --check` over the repo and the two must never fight: objects are always
 * expanded one key per line; an array of plain values stays on one line when that line, including a
 * following comma, fits in 100 columns, and otherwise puts one element per line; arrays of objects
 * always break; arrays of arrays follow Prettier's matrix rule (see `flatArray`). Written by hand rather than calling Prettier so the pure zone stays dependency-free
 * and synchronous; format-pack.test.ts checks the two agree.
 */

const PRINT_WIDTH = 100;
const INDENT = '  ';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlain(value: Json): value is null | boolean | number | string {
  return value === null || typeof value !== 'object';
}

function printPlain(value: null | boolean | number | string): string {
  return JSON.stringify(value);
}

/**
 * An array on one line, or null where Prettier would never keep it on one line: it holds an
 * object (objects in JSON.stringify output always break), or it is a list of two or more arrays
 * that each have two or more elements (Prettier's "matrix" rule breaks those).
 */
function flatArray(value: Json[]): string | null {
  const nested = value.filter(Array.isArray);
  if (value.length > 1 && nested.length === value.length && nested.every((a) => a.length > 1))
    return null;
  const parts: string[] = [];
  for (const item of value) {
    if (isPlain(item)) parts.push(printPlain(item));
    else if (Array.isArray(item)) {
      const inner = flatArray(item);
      if (inner === null) return null;
      parts.push(inner);
    } else return null;
  }
  return '[' + parts.join(', ') + ']';
}

/**
 * Prints `value` whose first line starts `prefixWidth` columns in and is followed by `suffix`
 * (a comma or nothing) on the same line.
 */
function printValue(value: Json, depth: number, prefixWidth: number, suffix: string): string {
  if (isPlain(value)) return printPlain(value) + suffix;
  const pad = INDENT.repeat(depth);
  const inner = INDENT.repeat(depth + 1);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]' + suffix;
    const flat = flatArray(value);
    // Prettier measures the line up to the next possible break, so a trailing comma counts.
    if (flat !== null && prefixWidth + flat.length + suffix.length <= PRINT_WIDTH)
      return flat + suffix;
    const items = value.map(
      (item, i) =>
        inner + printValue(item, depth + 1, inner.length, i < value.length - 1 ? ',' : ''),
    );
    return '[\n' + items.join('\n') + '\n' + pad + ']' + suffix;
  }
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  if (keys.length === 0) return '{}' + suffix;
  const lines = keys.map((key, i) => {
    const head = inner + JSON.stringify(key) + ': ';
    const item = value[key] as Json;
    return head + printValue(item, depth + 1, head.length, i < keys.length - 1 ? ',' : '');
  });
  return '{\n' + lines.join('\n') + '\n' + pad + '}' + suffix;
}

/** Canonical text of a pack (or any JSON value): Prettier-stable, ending in one newline. */
export function formatPack(pack: unknown): string {
  // A JSON round trip drops undefined fields and functions exactly as JSON.stringify would.
  const json = JSON.parse(JSON.stringify(pack)) as Json;
  return printValue(json, 0, 0, '') + '\n';
}
