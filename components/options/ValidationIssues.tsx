import { useEffect, useRef } from 'preact/hooks';
import type { PackIssue } from '@/rules/loader/issues';

export interface ValidationIssuesProps {
  readonly fileName: string;
  /** Errors and warnings from `parsePackText` + `validatePack`, each with its JSON path. */
  readonly issues: readonly PackIssue[];
  /** Move focus to the heading when shown, so keyboard and screen-reader users land on it. */
  readonly shouldFocus?: boolean;
}

/** `(file)` and `(pack)` are the validator's names for "the whole thing"; say so in words. */
function whereLabel(path: string): string {
  if (path === '(file)') return 'Whole file';
  if (path === '(pack)') return 'Whole pack';
  return path;
}

function IssueList({ issues, testId }: { issues: readonly PackIssue[]; testId: string }) {
  return (
    <ol class="plens-issues" data-testid={testId}>
      {issues.map((issue, i) => (
        <li key={`${issue.path}-${i}`} class="plens-issue">
          <code class="plens-issue-path">{whereLabel(issue.path)}</code>
          <span class="plens-issue-message">{issue.message}</span>
        </li>
      ))}
    </ol>
  );
}

/** Why a pack was refused: every problem with where it is, and the reassurance that nothing changed. */
export function ValidationIssues({ fileName, issues, shouldFocus = true }: ValidationIssuesProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (shouldFocus) heading.current?.focus();
  }, [shouldFocus]);
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  return (
    <section
      class="plens-callout plens-callout--error"
      aria-labelledby="plens-issues-heading"
      data-testid="plens-validation-issues"
    >
      <h3 id="plens-issues-heading" tabIndex={-1} ref={heading}>
        “{fileName}” was not imported
      </h3>
      <p>
        <strong>Nothing has changed:</strong> the rules in force are the same as before. Correct the{' '}
        {errors.length === 1 ? 'problem' : `${errors.length} problems`} below in the file, then
        import it again. Each one says where it is in the file (its JSON path) and what is wrong.
      </p>
      <h4>{errors.length === 1 ? 'Problem' : `Problems (${errors.length})`}</h4>
      <IssueList issues={errors} testId="plens-errors" />
      {warnings.length > 0 ? (
        <>
          <h4>Also worth checking ({warnings.length})</h4>
          <IssueList issues={warnings} testId="plens-warnings" />
        </>
      ) : null}
    </section>
  );
}
