/**
 * Finds `{{ key }}` placeholders in a letter body with one left-to-right pass. Letter bodies come
 * from rule packs (untrusted): a backtracking expression over them froze every clinical page
 * (issue 16), so this reads each character a bounded number of times, whatever the input.
 */

export interface Placeholder {
  /** Offset of the opening "{{". */
  readonly start: number;
  /** Offset just after the closing "}}". */
  readonly end: number;
  /** The text between the braces, without surrounding whitespace ("" for "{{ }}"). */
  readonly key: string;
}

/**
 * Every placeholder: the nearest "{{" before a "}}", with no "}" between. A "{{" with no "}}" after
 * it is text.
 */
export function letterPlaceholders(body: string): Placeholder[] {
  const found: Placeholder[] = [];
  let from = 0;
  for (;;) {
    const start = body.indexOf('{{', from);
    if (start < 0) return found;
    const close = body.indexOf('}', start + 2);
    if (close < 0) return found;
    if (body.charCodeAt(close + 1) !== 0x7d /* } */) {
      // A lone "}" ends this candidate; look for the next "{{" after it (each character once).
      from = close + 1;
      continue;
    }
    // "{{{drug}}}" is "{" + "{{drug}}" + "}": the placeholder opens at the last "{{" before its
    // close (found within [start, close], so still each character a bounded number of times).
    const open = body.lastIndexOf('{{', close - 2);
    found.push({ start: open, end: close + 2, key: body.slice(open + 2, close).trim() });
    from = close + 2;
  }
}

/** `body` with each placeholder replaced by `valueOf(key)`, or kept as written when that is undefined. */
export function replacePlaceholders(
  body: string,
  valueOf: (key: string) => string | undefined,
): string {
  let out = '';
  let last = 0;
  for (const p of letterPlaceholders(body)) {
    const value = valueOf(p.key);
    if (value === undefined) continue;
    out += body.slice(last, p.start) + value;
    last = p.end;
  }
  return out + body.slice(last);
}
