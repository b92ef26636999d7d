/** A problem found in a pack, located by JSON path and told in plain English. */
export interface PackIssue {
  /** JSON path such as `rules[3].sources[0].url`, or `(file)` for the whole input. */
  readonly path: string;
  readonly message: string;
  /** Errors reject the pack; warnings are shown but the pack is usable. */
  readonly severity: 'error' | 'warning';
  /**
   * The same place as `path`, told to someone who has never read JSON: rules counted from 1 and
   * named by id and drug, e.g. "Rule 1 (id 'amlodipine-local', Amlodipine)". Absent where the path
   * is the only location known (issues made outside the validator).
   */
  readonly where?: string;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly PackIssue[] }
  | { readonly ok: false; readonly issues: readonly PackIssue[] };

/** One line per issue, e.g. `error at rules[3].sources[0].url: Source url must be an https:// link`. */
export function formatIssue(issue: PackIssue): string {
  return `${issue.severity} at ${issue.path}: ${issue.message}`;
}

/** Where an issue is, in words: `where` when known, else the whole file/pack or the JSON path. */
export function issueWhere(issue: PackIssue): string {
  if (issue.where) return issue.where;
  if (issue.path === '(file)') return 'Whole file';
  if (issue.path === '(pack)') return 'Whole pack';
  return issue.path;
}

/**
 * One line an admin can act on, e.g.
 * `Rule 1 (id 'amlodipine-local', Amlodipine): "catagories" is not a field a rule has; did you mean "categories"?`
 */
export function plainIssue(issue: PackIssue): string {
  return `${issueWhere(issue)}: ${issue.message}`;
}
