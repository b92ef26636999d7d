/**
 * Text → unknown JSON, before any schema sees it. Refuses what would hurt to even hold
 * (over-size files, pathological nesting) and says where JSON syntax breaks.
 */
import { MAX_PACK_BYTES } from '../schema/rule-pack';
import type { PackIssue, Result } from './issues';

// Deeper than any real pack (about 6 levels); a hostile file nested thousands deep is refused
// before JSON.parse recurses into it.
const MAX_DEPTH = 32;

function fileIssue(message: string): PackIssue {
  return { path: '(file)', message, severity: 'error' };
}

function depthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

type Frame =
  | { kind: 'object'; keys: Set<string>; key: string | undefined; isAwaitingKey: boolean }
  | { kind: 'array'; index: number };

function pathOf(stack: readonly Frame[], last?: string): string {
  let out = '';
  for (const frame of stack) {
    if (frame.kind === 'array') out += `[${frame.index}]`;
    else if (frame.key !== undefined) out += out === '' ? frame.key : `.${frame.key}`;
  }
  if (last !== undefined) out += out === '' ? last : `.${last}`;
  return out;
}

/**
 * JSON.parse keeps the last of two equal keys in one object, while a reviewer reading the file (or
 * another tool) may take the first: `{"url": "https://nice.org.uk/…", …, "url": "https://evil…"}`
 * shows one link in review and loads the other. Runs only on text JSON.parse has accepted, so it
 * needs no error handling of its own. Keys are compared after unescaping (`"\u0075rl"` is `url`).
 */
function findDuplicateKey(json: string): { path: string; key: string } | undefined {
  const stack: Frame[] = [];
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i;
      let hasEscape = false;
      for (i++; json.charCodeAt(i) !== 34; i++) {
        if (json.charCodeAt(i) === 92 /* \ */) {
          hasEscape = true;
          i++;
        }
      }
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.isAwaitingKey) {
        const raw = json.slice(start, i + 1);
        const key = hasEscape ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (top.keys.has(key)) return { path: pathOf(stack.slice(0, -1), key), key };
        top.keys.add(key);
        top.key = key;
        top.isAwaitingKey = false;
      }
    } else if (c === 123 /* { */) {
      stack.push({ kind: 'object', keys: new Set(), key: undefined, isAwaitingKey: true });
    } else if (c === 91 /* [ */) stack.push({ kind: 'array', index: 0 });
    else if (c === 125 /* } */ || c === 93 /* ] */) stack.pop();
    else if (c === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
      else if (top) top.isAwaitingKey = true;
    }
  }
  return undefined;
}

export function parsePackText(text: string): Result<unknown> {
  if (text.length > MAX_PACK_BYTES) {
    return {
      ok: false,
      issues: [
        fileIssue(
          `The file is larger than ${MAX_PACK_BYTES / 1024 / 1024} MB; a rule pack is never that big`,
        ),
      ],
    };
  }
  if (text.includes('\uFFFD')) {
    return {
      ok: false,
      issues: [fileIssue('The file is not valid UTF-8 text (save it as UTF-8 and try again)')],
    };
  }
  // A byte-order mark is harmless; editors on Windows add it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, issues: [fileIssue('The file is empty')] };
  if (depthExceeds(body, MAX_DEPTH)) {
    return {
      ok: false,
      issues: [
        fileIssue(`The JSON is nested more than ${MAX_DEPTH} levels deep; a rule pack never is`),
      ],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(body) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [fileIssue(`The file is not valid JSON: ${detail}`)] };
  }
  const duplicate = findDuplicateKey(body);
  if (duplicate) {
    return {
      ok: false,
      issues: [
        {
          path: duplicate.path,
          message: `"${duplicate.key}" appears twice in the same object; programs disagree on which one counts, so keep only one`,
          severity: 'error',
        },
      ],
    };
  }
  return { ok: true, value, warnings: [] };
}
