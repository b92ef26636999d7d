import type { PopupAlert } from './types';

export interface AlertListProps {
  readonly alerts: readonly PopupAlert[];
}

/**
 * Co-prescribing alerts the page's current medication triggers, at the top of the popup: the
 * combination and the medicines, quietly (the page's own notice has the details and sources).
 */
export function AlertList({ alerts }: AlertListProps) {
  if (alerts.length === 0) return null;
  return (
    <section
      class="plens-alerts"
      aria-labelledby="plens-alerts-heading"
      data-testid="plens-popup-alerts"
    >
      <h2 id="plens-alerts-heading" class="plens-section-heading">
        Co-prescribing
      </h2>
      <ul class="plens-alert-list">
        {alerts.map((alert) => (
          <li key={alert.id} class="plens-alert">
            <strong>{alert.title}</strong>
            {alert.drugs.length > 0 ? (
              <span class="plens-alert-drugs">: {alert.drugs.join(' + ')}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
