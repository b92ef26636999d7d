/**
 * Is a flagged name in the screen's current medication, or in a past/discontinued section? Past
 * marks are shown muted and listed apart, and never trigger co-prescribing notices.
 *
 * Evidence, strongest first: GP Connect Access Record table ids (the spec fixes them), a
 * DISCONTINUED:/CANCELLED: marker in the row (GP Connect "Additional Information"), then the nearest
 * caption, aria-label or heading above the name ("Past medication", "Discontinued", "Historical",
 * "Stopped"...). No evidence means current: a clinician should see a flag rather than miss one.
 * Read-only; decisions are memoised per scan, since every cell of a table shares its heading.
 */

/** GP Connect HTML view table ids (domain reference §4.2): past / historical tables. */
export const PAST_TABLE_IDS: ReadonlySet<string> = new Set([
  'med-tab-dis-rep',
  'med-tab-all-iss',
  'med-tab-all-sum',
]);
/** GP Connect tables of current medication (including the older `med-tab-rec-acu`). */
export const CURRENT_TABLE_IDS: ReadonlySet<string> = new Set([
  'med-tab-acu-med',
  'med-tab-rec-acu',
  'med-tab-curr-rep',
]);

const PAST_WORDS =
  /\b(?:past|previous|historic(?:al)?|history|discontinued|stopped|inactive|ended|cancell?ed|de-?activated|expired|no longer)\b/i;
// No leading \b: a row's textContent runs its cells together ("CodeineDISCONTINUED: …").
const ROW_MARKER = /(DISCONTINUED|CANCELLED|Cancelled|Discontinued|De-activated|Stopped)\s*:/;
const HEADING_TAGS: ReadonlySet<string> = new Set([
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LEGEND',
  'SUMMARY',
]);
const MAX_DEPTH = 16;
const MAX_SIBLINGS = 3;

function isHeading(el: Element): boolean {
  return HEADING_TAGS.has(el.tagName.toUpperCase()) || el.getAttribute('role') === 'heading';
}

/** True if a label (heading, caption) names a past section. */
export function isPastLabel(text: string): boolean {
  return PAST_WORDS.test(text);
}

export class SectionContext {
  private memo = new Map<Element, boolean | null>();
  /** Rows already read for a marker: every flagged cell of a row shares the answer. */
  private rows = new Map<Element, boolean>();

  /** Forget decisions (the page may have re-rendered headings); call at the start of each scan. */
  reset(): void {
    this.memo = new Map();
    this.rows = new Map();
  }

  isPast(block: Element): boolean {
    const row = block.closest('tr');
    if (row) {
      let marked = this.rows.get(row);
      if (marked === undefined) {
        marked = ROW_MARKER.test(row.textContent ?? '');
        this.rows.set(row, marked);
      }
      if (marked) return true;
    }
    let el: Element | null = block;
    for (let depth = 0; el && depth < MAX_DEPTH; depth++, el = el.parentElement) {
      let decision = this.memo.get(el);
      if (decision === undefined) {
        decision = decide(el, block);
        this.memo.set(el, decision);
      }
      if (decision !== null) return decision;
    }
    return false;
  }
}

/** What `el` says about the section it encloses: past, current, or nothing (null). */
function decide(el: Element, block: Element): boolean | null {
  if (el.id) {
    if (PAST_TABLE_IDS.has(el.id)) return true;
    if (CURRENT_TABLE_IDS.has(el.id)) return false;
  }
  const label = el.getAttribute('aria-label');
  if (label) return isPastLabel(label);
  if (el.tagName.toUpperCase() === 'TABLE') {
    // The first few children only (a caption leads its table): `querySelector(':scope > caption')`
    // walked every row of a 20,000-row table, and script-built tables may hold rows directly.
    let child = el.firstElementChild;
    for (let i = 0; child && i < MAX_SIBLINGS; i++, child = child.nextElementSibling) {
      if (child.tagName.toUpperCase() === 'CAPTION') return isPastLabel(child.textContent ?? '');
    }
  }
  let sibling = el.previousElementSibling;
  for (let i = 0; sibling && i < MAX_SIBLINGS; i++, sibling = sibling.previousElementSibling) {
    if (isHeading(sibling)) return isPastLabel(sibling.textContent ?? '');
    // Framework header wrappers: <div class="view-header"><h1>Past medication</h1>…</div><table>.
    const lead = sibling.firstElementChild;
    if (lead && isHeading(lead)) return isPastLabel(lead.textContent ?? '');
  }
  const first = el.firstElementChild;
  if (first && first !== block && !first.contains(block) && isHeading(first)) {
    return isPastLabel(first.textContent ?? '');
  }
  return null;
}
