import type { PageView } from './types';

export interface ActivityLineProps {
  readonly page: PageView;
}

const NOT_ACTIVE = 'Not active on this page — marks are not shown here';

/** Why marks are not shown, when the popup knows; the same words the toolbar button's title uses. */
function reasonOf(page: PageView): string | null {
  switch (page.kind) {
    case 'no-page':
      return 'browser pages cannot be read.';
    case 'not-running':
      return 'this site is not turned on.';
    case 'ready':
      if (page.isScanFailed)
        return 'an error stopped it reading the page. The list below may be incomplete; reload the page to try again.';
      return page.isPaintBlocked
        ? 'the page keeps removing them. The list below is still right.'
        : null;
    case 'loading':
      return null;
  }
}

/**
 * One line at the top of the popup: is Prescribing Lens marking this page? Matches the toolbar
 * button (colour lens: active; grey: not), so "no mark" is never mistaken for "nothing to flag" on
 * a page it is not reading (hazard H8). When active, one short reminder that an unmarked medicine
 * is not an all-clear.
 */
export function ActivityLine({ page }: ActivityLineProps) {
  if (page.kind === 'loading') return null;
  const isActive = page.kind === 'ready' && !page.isPaintBlocked && !page.isScanFailed;
  const reason = reasonOf(page);
  return (
    <div class="plens-activity" data-testid="plens-activity" data-active={String(isActive)}>
      <p class="plens-activity-line">
        <img
          class="plens-activity-icon"
          src={isActive ? '/icon/32.png' : '/icon/inactive-32.png'}
          alt=""
          width={16}
          height={16}
        />
        <span>
          {isActive ? <strong>Active on this page</strong> : <strong>{NOT_ACTIVE}</strong>}
          {reason ? `: ${reason}` : null}
        </span>
      </p>
      {isActive ? (
        <p class="plens-hint plens-activity-hint">
          No mark is not an all-clear: only medicines in the rule packs are flagged.
        </p>
      ) : null}
    </div>
  );
}
