/**
 * Text → unknown JSON, before any schema sees it. Refuses what would hurt to even hold
 * (over-size files, pathological nesting) and says where JSON syntax breaks.
 */
import type { PackIssue, Result } from './issues';

/** Far above any real pack (the bundled national pack is well under 1 MB). */
export const MAX_PACK_BYTES = 5 * 1024 * 1024;
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
  try {
    return { ok: true, value: JSON.parse(body) as unknown, warnings: [] };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [fileIssue(`The file is not valid JSON: ${detail}`)] };
  }
}
