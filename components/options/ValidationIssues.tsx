import { useEffect, useRef } from 'preact/hooks';
import { issueWhere, type PackIssue } from '@/rules/loader/issues';

export interface ValidationIssuesProps {
  readonly fileName: string;
  /** Errors and warnings from `parsePackText` + `validatePack`, each located in words (`where`). */
  readonly issues: readonly PackIssue[];
  /** Move focus to the heading when shown, so keyboard and screen-reader users land on it. */
  readonly shouldFocus?: boolean;
}

function IssueList({ issues, testId }: { issues: readonly PackIssue[]; testId: string }) {
  return (
    <ol class="plens-issues" data-testid={testId}>
      {issues.map((issue, i) => (
        <li key={`${issue.path}-${i}`} class="plens-issue">
          {/* Where in words ("Rule 1 (id 'x', Amlodipine)"); the JSON path stays available to
              whoever edits the file, as a tooltip-free second line would clutter the list. */}
          <strong class="plens-issue-path" title={issue.path}>
            {issueWhere(issue)}
          </strong>
          <span aria-hidden="true">: </span>
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
        import it again. Each one names the rule (counted from 1, with its id and drug) or the part
        of the pack, and what is wrong.
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
