export interface PageSummaryActionsProps {
  readonly onCopy: () => void;
  /** Absent where no print view can open. */
  readonly onPrint?: () => void;
}

/**
 * "Copy summary" and "Print summary": the page's flagged medicines with their position and next
 * step, as plain text or laid out for A4 (rules/views/page-report.ts). No patient details.
 */
export function PageSummaryActions({ onCopy, onPrint }: PageSummaryActionsProps) {
  return (
    <div class="plens-summary-actions" role="group" aria-label="Page summary">
      <button type="button" class="plens-button" onClick={onCopy}>
        Copy summary
      </button>
      {onPrint ? (
        <button type="button" class="plens-button" onClick={onPrint}>
          Print summary
        </button>
      ) : null}
    </div>
  );
}
