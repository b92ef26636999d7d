/**
 * Messages between our contexts, typed and validated on receipt (a content script's messages can be
 * forged by nothing outside the extension, but a bug or an old version can still send junk).
 * Privacy: messages carry rule ids, counts and listed drug names only — never free page text. A
 * name "as shown" is sent only for an exact match whose text, with invisible characters removed,
 * equals one of its rules' listed names (any case); otherwise the rule's drug name is sent
 * (page/page-summary.ts). This comment used to claim that every exact match's text was a pack
 * name; it was page text, padding included (issue #16). Misspellings are counted, not quoted.
 */
import * as v from 'valibot';
import { CATEGORIES } from './rule-pack';

const RuleId = v.pipe(v.string(), v.maxLength(80), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/));

export const FlaggedDrugSchema = v.object({
  ruleId: RuleId,
  drug: v.pipe(v.string(), v.maxLength(200)),
  categories: v.array(v.picklist(CATEGORIES)),
  /** Listed names as shown on the page (exact matches only), deduplicated. */
  names: v.array(v.pipe(v.string(), v.maxLength(200))),
  /** Medication items (rows or blocks) in current sections naming it: medicines, not mentions. */
  current: v.number(),
  /**
   * Of `current`, the items the page does not say are current (no current heading, caption or
   * label: current by default). Shown as "possible current"; still in the badge.
   */
  unstated: v.optional(v.number()),
  /** Medication items in past/discontinued sections (ended courses included). */
  past: v.number(),
  /** Names in notes, search suggestions, lab results: painted, never counted as current. */
  mentions: v.optional(v.number()),
  /** On a list of several patients: how many of them have it current. */
  patients: v.optional(v.number()),
  /** Possible (fuzzy) matches. */
  possible: v.number(),
  /** Hidden (on this record in this tab, or in every tab): still listed, greyed. */
  dismissed: v.boolean(),
  /** Where it is hidden, when it is: `tab` (this record, this tab) or `session` (every tab). */
  dismissedScope: v.optional(v.picklist(['tab', 'session'])),
  /**
   * The practice provides the services answering every one of its categories (#19): shown quietly
   * and not counted in the badge.
   */
  commissioned: v.optional(v.boolean()),
});
export type FlaggedDrug = v.InferOutput<typeof FlaggedDrugSchema>;

export const AlertSummarySchema = v.object({
  id: RuleId,
  title: v.pipe(v.string(), v.maxLength(200)),
  /** The drugs (generic names) that triggered it, one per group. */
  drugs: v.array(v.pipe(v.string(), v.maxLength(200))),
  /** On a list of several patients: how many patients it applies to (each on their own). */
  patients: v.optional(v.number()),
});
export type AlertSummary = v.InferOutput<typeof AlertSummarySchema>;

export const PageSummarySchema = v.object({
  flagged: v.array(FlaggedDrugSchema),
  alerts: v.array(AlertSummarySchema),
  /** Set on a list of several patients (worklist, clinic list): how many patients it shows. */
  patients: v.optional(v.number()),
  /**
   * What "hide in this tab" is tied to on this page: one patient's record (a single NHS-number
   * banner), or the page itself (no banner, or a list of patients). Absent: the record.
   */
  tabScope: v.optional(v.picklist(['record', 'page'])),
});
export type PageSummary = v.InferOutput<typeof PageSummarySchema>;

/**
 * `tab`: hidden on this patient's record (or, with no single patient, this page) in this tab only,
 * kept through a reload of the same record and forgotten when the tab closes. `session`: hidden in
 * every tab until the browser closes, and said so wherever it hides something.
 */
export const DismissScopeSchema = v.picklist(['tab', 'session']);
export type DismissScope = v.InferOutput<typeof DismissScopeSchema>;

export const StepDirectionSchema = v.picklist(['next', 'previous']);
export type StepDirection = v.InferOutput<typeof StepDirectionSchema>;
/** A frame's answer to a step: moved to a flag, ran past its last (or first) one, or has none. */
export type StepOutcome = 'moved' | 'end' | 'none';

/** A SHA-256 hex digest: the only form in which a patient context reaches the background. */
const ContextKey = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));

/**
 * Content script → background: the tab's own dismissals, kept in storage.session under the
 * sender's tab id (a content script cannot read its tab id, nor storage.session). `context` is a
 * salted digest of the patient context (page/dismissals.ts), never the context itself.
 */
export const TabDismissalRequestSchema = v.variant('type', [
  /** The browser session's random salt (created on first ask). */
  v.object({ type: v.literal('plens:dismiss-salt') }),
  v.object({ type: v.literal('plens:tab-dismissed'), context: ContextKey }),
  v.object({
    type: v.literal('plens:tab-dismiss'),
    context: ContextKey,
    ruleIds: v.pipe(v.array(RuleId), v.maxLength(2000)),
  }),
]);
export type TabDismissalRequest = v.InferOutput<typeof TabDismissalRequestSchema>;

export function parseTabDismissalRequest(message: unknown): TabDismissalRequest | null {
  const r = v.safeParse(TabDismissalRequestSchema, message);
  return r.success ? r.output : null;
}

/**
 * Content script → background: the page found no usable rules snapshot (none yet, another
 * version's, or damaged) and is showing the bundled pack meanwhile. The background rebuilds the
 * snapshot if it is still unusable; the page picks the new one up through its storage watch. Pages
 * never validate or compile a stored pack themselves (docs/security.md).
 */
export const REBUILD_RULES_REQUEST = { type: 'plens:rebuild-rules' } as const;

export function isRebuildRulesRequest(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === REBUILD_RULES_REQUEST.type
  );
}

/**
 * Popup → content script. Built when a frame first gets a message, not when it loads: every frame
 * of a clinical page loads this module, and most are never asked anything (issue 22).
 */
let contentRequestSchema: ReturnType<typeof buildContentRequestSchema> | null = null;

function buildContentRequestSchema() {
  return v.variant('type', [
    v.object({ type: v.literal('plens:get-summary') }),
    /** Background → every frame: send your summary and status again (after a navigation settles). */
    v.object({ type: v.literal('plens:report') }),
    /** Scroll to the rule's first current mark and open its popover (focus moves into it). */
    v.object({ type: v.literal('plens:reveal'), ruleId: RuleId }),
    v.object({ type: v.literal('plens:dismiss'), ruleId: RuleId, scope: DismissScopeSchema }),
    v.object({ type: v.literal('plens:restore'), ruleId: RuleId }),
    /**
     * Background (keyboard shortcut) → one frame: open its next or previous flag's card. `fromEdge`:
     * the step came from another frame, so start at this frame's first (next) or last (previous)
     * flag. The frame answers with a `StepOutcome`; "end" sends the background on to the next frame.
     */
    v.object({
      type: v.literal('plens:step'),
      direction: StepDirectionSchema,
      fromEdge: v.optional(v.boolean()),
    }),
  ]);
}
export type ContentRequest = v.InferOutput<ReturnType<typeof buildContentRequestSchema>>;

/** Content script → background: this frame's summary, for the toolbar badge and the popup. */
export const SummaryUpdateSchema = v.object({
  type: v.literal('plens:summary'),
  summary: PageSummarySchema,
});
export type SummaryUpdate = v.InferOutput<typeof SummaryUpdateSchema>;

/**
 * What the background makes of a message: a valid summary, a summary it must refuse (its type says
 * summary but it fails validation: too long a name, say), or not a summary at all (null). A refused
 * summary is not ignored: the frame's previous summary would stay on the badge and in the popup.
 */
export function readSummaryMessage(
  message: unknown,
):
  | { readonly kind: 'summary'; readonly update: SummaryUpdate }
  | { readonly kind: 'refused' }
  | null {
  const update = parseSummaryUpdate(message);
  if (update) return { kind: 'summary', update };
  const type = (message as { type?: unknown } | null)?.type;
  return typeof message === 'object' && type === 'plens:summary' ? { kind: 'refused' } : null;
}

/** The requests that carry nothing but their type. */
const BARE_REQUESTS: ReadonlySet<unknown> = new Set(['plens:get-summary', 'plens:report']);

export function parseContentRequest(message: unknown): ContentRequest | null {
  // Every frame of a page gets the background's "report again" as the page settles: answered as
  // the schema would (an object with that type, other keys dropped) without building it, which
  // cost a fresh frame more than the message (bench/README.md, issue 22).
  const type = message && typeof message === 'object' ? (message as { type?: unknown }).type : null;
  if (BARE_REQUESTS.has(type)) return { type: type as 'plens:get-summary' | 'plens:report' };
  contentRequestSchema ??= buildContentRequestSchema();
  const r = v.safeParse(contentRequestSchema, message);
  return r.success ? r.output : null;
}

export function parseSummaryUpdate(message: unknown): SummaryUpdate | null {
  const r = v.safeParse(SummaryUpdateSchema, message);
  return r.success ? r.output : null;
}

/** Distinct medicines flagged in current sections and not dismissed: the toolbar badge number. */
export function badgeRuleIds(summaries: Iterable<PageSummary>): string[] {
  const ids = new Set<string>();
  for (const s of summaries)
    for (const d of s.flagged)
      if (d.current > 0 && !d.dismissed && d.commissioned !== true) ids.add(d.ruleId);
  return [...ids].sort();
}

export function parsePageSummary(message: unknown): PageSummary | null {
  const r = v.safeParse(PageSummarySchema, message);
  return r.success ? r.output : null;
}
