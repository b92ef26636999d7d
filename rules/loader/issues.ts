/** A problem found in a pack, located by JSON path and told in plain English. */
export interface PackIssue {
  /** JSON path such as `rules[3].sources[0].url`, or `(file)` for the whole input. */
  readonly path: string;
  readonly message: string;
  /** Errors reject the pack; warnings are shown but the pack is usable. */
  readonly severity: 'error' | 'warning';
}

export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly PackIssue[] }
  | { readonly ok: false; readonly issues: readonly PackIssue[] };

/** One line per issue, e.g. `error at rules[3].sources[0].url: Source url must be an https:// link`. */
export function formatIssue(issue: PackIssue): string {
  return `${issue.severity} at ${issue.path}: ${issue.message}`;
}
