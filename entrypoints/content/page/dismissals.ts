/**
 * What the clinician has hidden on this page, each scope doing what its label says:
 *
 * - `tab`, "Hide on this patient's record (this tab)": tied to the patient context, so it is kept
 *   through a reload of the same record in this tab but never hides the name on another patient's
 *   record, in this tab or another. The background keeps it in storage.session under the tab's id
 *   (forgotten when the tab closes), keyed by SHA-256(salt ‖ context): the salt is random per
 *   browser session and held only in storage.session; the context (the record's NHS number, or
 *   the page address where no single patient shows) is read from the page each time and kept only
 *   in this script's memory. Where the page offers no Web Crypto (a plain-http page), the choice
 *   lasts for the page's life only.
 * - `session`, "Hide in every tab until the browser closes" (`dismissedRulesItem`).
 *
 * Co-prescribing notices closed here last for the page's life. Hidden medicines stay listed in the
 * summary, greyed, and the page says how many are hidden ("2 hidden — Show").
 */
import { browser } from 'wxt/browser';
import type { DismissScope, PageSummary } from '@/rules/schema/messages';
import { dismissedRulesItem } from '@/rules/store/items';
import type { PageState } from './page-summary';

/** What "this tab" is tied to here: one patient's record, or (no single patient) the page. */
export type TabScope = 'record' | 'page';

export interface PatientContext {
  /** The record's NHS number or the page address: memory only, digested before it leaves. */
  readonly text: string;
  readonly scope: TabScope;
}

/** The background's side of tab dismissals (tab-dismissals.ts). */
export interface TabDismissalChannel {
  salt(): Promise<string | null>;
  read(context: string): Promise<readonly string[]>;
  save(context: string, ruleIds: readonly string[]): Promise<void>;
}

export const runtimeChannel: TabDismissalChannel = {
  async salt() {
    const salt: unknown = await browser.runtime.sendMessage({ type: 'plens:dismiss-salt' });
    return typeof salt === 'string' && salt.length > 0 ? salt : null;
  },
  async read(context) {
    const ids: unknown = await browser.runtime.sendMessage({
      type: 'plens:tab-dismissed',
      context,
    });
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  },
  async save(context, ruleIds) {
    await browser.runtime.sendMessage({ type: 'plens:tab-dismiss', context, ruleIds });
  },
};

/** Hex SHA-256 of `text`, or null where Web Crypto is not offered (insecure context). */
export async function sha256Hex(text: string): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle as SubtleCrypto | undefined;
  if (!subtle) return null;
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class Dismissals {
  private inTab = new Set<string>();
  private inSession: Set<string>;
  private readonly alerts = new Set<string>();
  /** The context the tab set belongs to (memory only), to notice another patient. */
  private context: string | null = null;
  /** Its digest, once worked out: the only form the background sees. */
  private key: string | null = null;
  private saltPromise: Promise<string | null> | null = null;
  private loading: Promise<void> = Promise.resolve();
  private scope: TabScope = 'page';

  /** @param sessionRules the session's dismissals as read at start-up */
  constructor(
    sessionRules: readonly string[],
    private readonly channel: TabDismissalChannel = runtimeChannel,
    private readonly digest: (text: string) => Promise<string | null> = sha256Hex,
  ) {
    this.inSession = new Set(sessionRules);
  }

  isDismissed(ruleId: string): boolean {
    return this.inTab.has(ruleId) || this.inSession.has(ruleId);
  }

  /** Every dismissed rule id, tab and session together. */
  rules(): ReadonlySet<string> {
    return new Set([...this.inTab, ...this.inSession]);
  }

  /** Where a rule is hidden: the browser-wide choice wins, as it reaches further. */
  scopeOf(ruleId: string): DismissScope | null {
    if (this.inSession.has(ruleId)) return 'session';
    return this.inTab.has(ruleId) ? 'tab' : null;
  }

  /** Co-prescribing notices closed on this page. */
  closedAlerts(): ReadonlySet<string> {
    return this.alerts;
  }

  closeAlert(alertId: string): void {
    this.alerts.add(alertId);
  }

  /** Resolves once the current context's stored choices are read (tests, and the first paint). */
  settled(): Promise<void> {
    return this.loading;
  }

  /**
   * The page's patient context, each time the summary is worked out. Another context (the next
   * patient in a single-page app) drops this tab's choices for the last one at once and reads
   * this one's; `onChange` is called whenever what is hidden changes.
   */
  noteContext(context: PatientContext, onChange: () => void): void {
    this.scope = context.scope;
    if (context.text === this.context) return;
    const hadAny = this.inTab.size > 0;
    this.context = context.text;
    this.key = null;
    this.inTab = new Set();
    const text = context.text;
    this.loading = this.loading.then(() => this.load(text, onChange)).catch(() => undefined);
    if (hadAny) onChange();
  }

  /**
   * Works out the context's digest and reads its stored choices, keeping (and saving) any made
   * here meanwhile. A failed ask for the salt (a worker still starting) is tried again next time.
   */
  private async load(text: string, onChange: () => void = () => undefined): Promise<void> {
    if (this.key !== null) return;
    this.saltPromise ??= this.channel.salt().catch(() => null);
    const salt = await this.saltPromise;
    if (salt === null) this.saltPromise = null;
    const key = salt === null ? null : await this.digest(`${salt}\u0000${text}`);
    if (this.context !== text || key === null) return;
    this.key = key;
    const stored = await this.channel.read(key);
    if (this.context !== text) return;
    const made = [...this.inTab];
    this.inTab = new Set([...stored, ...made]);
    if (made.length > 0) await this.channel.save(key, [...this.inTab]);
    if (stored.length > 0) onChange();
  }

  /** Dismisses a medicine for `scope`, or restores it with `null`; both lists are stored. */
  async set(ruleId: string, scope: DismissScope | null): Promise<void> {
    await this.setMany([ruleId], scope);
  }

  /** "2 hidden — Show": restores every listed medicine in one step. */
  async restore(ruleIds: readonly string[]): Promise<void> {
    await this.setMany(ruleIds, null);
  }

  private async setMany(ruleIds: readonly string[], scope: DismissScope | null): Promise<void> {
    let sessionChanged = false;
    for (const id of ruleIds) {
      sessionChanged ||= this.inSession.has(id) || scope === 'session';
      this.inTab.delete(id);
      this.inSession.delete(id);
      if (scope === 'tab') this.inTab.add(id);
      if (scope === 'session') this.inSession.add(id);
    }
    const writes: Promise<void>[] = [];
    if (sessionChanged) writes.push(dismissedRulesItem.setValue([...this.inSession]));
    writes.push(this.saveTab());
    await Promise.all(writes);
  }

  /** The tab's choices for this context, saved once its digest is known (tried again if not). */
  private async saveTab(): Promise<void> {
    await this.loading;
    const text = this.context;
    if (this.key === null && text !== null) await this.load(text).catch(() => undefined);
    if (this.key !== null && this.context === text)
      await this.channel.save(this.key, [...this.inTab]);
  }

  /** The summary as the popup needs it: where each hidden medicine is hidden, and what "this tab" means here. */
  annotate(state: PageState): PageState {
    const summary: PageSummary = {
      ...state.summary,
      flagged: state.summary.flagged.map((drug) => {
        const scope = drug.dismissed ? this.scopeOf(drug.ruleId) : null;
        return scope ? { ...drug, dismissedScope: scope } : drug;
      }),
      tabScope: this.scope,
    };
    return { ...state, summary };
  }

  /** Follows session dismissals made in other tabs; returns the unwatch function. */
  watch(onChange: () => void): () => void {
    return dismissedRulesItem.watch((ids) => {
      this.inSession = new Set(ids);
      onChange();
    });
  }
}

/**
 * The context "this tab" is tied to: the one patient's NHS number where the page is one record,
 * else the page's address (no banner, or a list of several patients, where hiding is per page).
 */
export function patientContextOf(
  patients: { readonly isList: boolean; recordNumber(): string | null },
  loc: Pick<Location, 'href'>,
): PatientContext {
  const nhs = patients.isList ? null : patients.recordNumber();
  return nhs !== null
    ? { text: `record:${nhs}`, scope: 'record' }
    : { text: `page:${loc.href}`, scope: 'page' };
}

/** Hidden medicines the page shows (one per medicine), for "2 hidden — Show". */
export function hiddenOn(summary: PageSummary): string[] {
  return summary.flagged.filter((d) => d.dismissed).map((d) => d.ruleId);
}
