/**
 * Whose medicine is this? A page is either one patient's record or a list of several patients (a
 * worklist, search results, a clinic list). Co-prescribing alerts and per-medicine counts must stay
 * within one patient: five patients' opioids and sedatives are not one patient's interaction.
 *
 * A patient's context is found from the page's structure, never by keeping identifiers: each
 * element labelled "NHS No." with a ten-digit number is a patient banner; the number is compared
 * only while the banners are read (the same number shown twice is one patient) and is never
 * stored, sent or kept. A banner's context is the largest element around it holding no other
 * patient's banner (a worklist's `<tbody>` per patient, a clinic row); a banner row in a flat table
 * also owns the rows under it, up to the next banner row.
 *
 * Cost: one pass over the page's text nodes per full scan (a text test, no layout), then one walk
 * up per block, memoised per element.
 */

/** The page is one patient's (or shows no patient banner at all). */
export const SINGLE_PATIENT = 0;

/** A patient context on the page: `SINGLE_PATIENT`, a list entry's number, or null (not in one). */
export type PatientKey = number | null;

const NHS_LABEL = /\bNHS ?(?:No|Number)\b/i;
// Spaced, hyphenated or run together; one fixed shape per try, so no backtracking between them.
const TEN_DIGITS = /(?<!\d)(?:\d{3} \d{3} \d{4}|\d{3}-\d{3}-\d{4}|\d{10})(?!\d)/;
const MAX_LABEL_CLIMB = 3;
const MAX_DEPTH = 40;

export class PatientScopes {
  /** Context element → patient number; empty on a single-patient page. */
  private scopes = new Map<Element, number>();
  private memo = new Map<Element, PatientKey>();
  private patients = 0;
  private read = false;

  constructor(private readonly doc: Document) {}

  /** The page changed wholesale (full scan): read the banners again on the next look-up. */
  reset(): void {
    this.read = false;
    this.scopes = new Map();
    this.memo = new Map();
    this.patients = 0;
  }

  /**
   * A new batch of incremental scans: if a patient's context left the page (a single-page app
   * replaced the list with a record, or the next page of results), read the banners again.
   * O(patients), once per batch.
   */
  revalidate(): void {
    if (!this.read) return;
    for (const scope of this.scopes.keys()) {
      if (!scope.isConnected) {
        this.reset();
        return;
      }
    }
    // A record that becomes a list in small steps is not re-read here (a walk of the page per
    // batch); a page swap large enough to matter triggers a full rescan, which re-reads.
  }

  /** How many patients the page lists (1 for a single record or no banner). */
  get count(): number {
    this.ensureRead();
    return Math.max(1, this.patients);
  }

  get isList(): boolean {
    return this.count > 1;
  }

  /** The patient context `block` belongs to. */
  keyOf(block: Element): PatientKey {
    this.ensureRead();
    if (this.patients <= 1) return SINGLE_PATIENT;
    const path: Element[] = [];
    let found: PatientKey = null;
    let el: Element | null = block;
    for (let depth = 0; el && depth < MAX_DEPTH; depth++, el = el.parentElement) {
      const known = this.memo.get(el);
      if (known !== undefined) {
        found = known;
        break;
      }
      const own = this.scopes.get(el);
      if (own !== undefined) {
        found = own;
        break;
      }
      path.push(el);
      if (el.tagName.toUpperCase() === 'TR') {
        const fromAbove = this.rowAbove(el);
        if (fromAbove !== null) {
          found = fromAbove;
          break;
        }
      }
    }
    for (const p of path) this.memo.set(p, found);
    return found;
  }

  /** A flat table: the nearest banner row above this row, if no other context intervenes. */
  private rowAbove(row: Element): PatientKey {
    const passed: Element[] = [];
    let found: PatientKey = null;
    for (let r = row.previousElementSibling; r; r = r.previousElementSibling) {
      const known = this.memo.get(r);
      if (known !== undefined) {
        found = known;
        break;
      }
      const own = this.scopes.get(r);
      if (own !== undefined) {
        found = own;
        break;
      }
      passed.push(r);
    }
    // Rows between share the answer: each row is walked past once per scan.
    for (const r of passed) this.memo.set(r, found);
    return found;
  }

  private ensureRead(): void {
    if (this.read) return;
    this.read = true;
    const body = this.doc.body;
    if (!body) return;
    const banners: { el: Element; patient: number }[] = [];
    // Numbers are compared only here, while reading, and dropped when this function returns.
    const numbers = new Map<string, number>();
    const walker = this.doc.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue ?? '';
      if (!text.includes('NHS') || !NHS_LABEL.test(text)) continue;
      let el = node.parentElement;
      for (let i = 0; el && i < MAX_LABEL_CLIMB; i++, el = el.parentElement) {
        const m = TEN_DIGITS.exec(el.textContent ?? '');
        if (!m) continue;
        const digits = m[0].replace(/\D/g, '');
        let patient = numbers.get(digits);
        if (patient === undefined) {
          patient = numbers.size + 1;
          numbers.set(digits, patient);
        }
        banners.push({ el, patient });
        break;
      }
    }
    this.patients = numbers.size;
    if (this.patients <= 1) return;
    // Which patients each ancestor holds: 0 for several.
    const holds = new Map<Element, number>();
    for (const { el, patient } of banners) {
      for (let a: Element | null = el; a && a !== body; a = a.parentElement) {
        const h = holds.get(a);
        if (h === undefined) holds.set(a, patient);
        else if (h !== patient) holds.set(a, 0);
      }
    }
    for (const { el, patient } of banners) {
      let scope = el;
      for (
        let a = el.parentElement;
        a && a !== body && holds.get(a) === patient;
        a = a.parentElement
      )
        scope = a;
      this.scopes.set(scope, patient);
    }
  }
}
