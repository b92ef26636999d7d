/**
 * What the clinician has quietened on this page: medicines dismissed for this tab (kept in memory,
 * so they end with the page) or for the browser session (`dismissedRulesItem`, shared by every
 * tab), and co-prescribing notices closed here. Dismissed medicines stay listed in the summary,
 * greyed; only their marks and notices go.
 */
import type { DismissScope } from '@/rules/schema/messages';
import { dismissedRulesItem } from '@/rules/store/items';

export class Dismissals {
  private readonly inTab = new Set<string>();
  private inSession: Set<string>;
  private readonly alerts = new Set<string>();

  /** @param sessionRules the session's dismissals as read at start-up */
  constructor(sessionRules: readonly string[]) {
    this.inSession = new Set(sessionRules);
  }

  isDismissed(ruleId: string): boolean {
    return this.inTab.has(ruleId) || this.inSession.has(ruleId);
  }

  /** Every dismissed rule id, tab and session together. */
  rules(): ReadonlySet<string> {
    return new Set([...this.inTab, ...this.inSession]);
  }

  /** Co-prescribing notices closed on this page. */
  closedAlerts(): ReadonlySet<string> {
    return this.alerts;
  }

  closeAlert(alertId: string): void {
    this.alerts.add(alertId);
  }

  /** Dismisses a medicine for `scope`, or restores it with `null`; the session list is stored. */
  async set(ruleId: string, scope: DismissScope | null): Promise<void> {
    this.inTab.delete(ruleId);
    this.inSession.delete(ruleId);
    if (scope === 'tab') this.inTab.add(ruleId);
    if (scope === 'session') this.inSession.add(ruleId);
    await dismissedRulesItem.setValue([...this.inSession]);
  }

  /** Follows session dismissals made in other tabs; returns the unwatch function. */
  watch(onChange: () => void): () => void {
    return dismissedRulesItem.watch((ids) => {
      this.inSession = new Set(ids);
      onChange();
    });
  }
}
