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
 * Cost: no pass of its own over the page. The scanner shows it every text run it reads (a
 * substring test for "NHS"); contexts are worked out from the few labelled elements when first
 * asked after a change, then one walk up per block, memoised per element. Keys are asked for when
 * the page summary is computed, after a scan, when every banner has been seen.
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
  /** Blocks whose text carries an "NHS No." label, as the scanner met them. */
  private labels = new Set<Element>();

  constructor(private readonly doc: Document) {}

  /** A full scan starts: every label is met again. */
  reset(): void {
    this.labels = new Set();
    this.invalidate();
  }

  /** The scanner read a text run: note it if it labels an NHS number (a substring test first). */
  noteRun(block: Element, text: string): void {
    if (!text.includes('NHS') || !NHS_LABEL.test(text) || this.labels.has(block)) return;
    this.labels.add(block);
    this.invalidate();
  }

  private invalidate(): void {
    this.read = false;
    this.scopes = new Map();
    this.memo = new Map();
    this.patients = 0;
  }

  /**
   * A new batch of incremental scans: if a labelled block left the page (a single-page app
   * replaced the list with a record, or the next page of results), work the contexts out again.
   * O(labels), once per batch.
   */
  revalidate(): void {
    let dropped = false;
    for (const el of this.labels) {
      if (!el.isConnected) {
        this.labels.delete(el);
        dropped = true;
      }
    }
    if (dropped) this.invalidate();
  }

  /** How many patients the page lists (1 for a single record or no banner). */
  get count(): number {
    this.ensureRead();
    return Math.max(1, this.patients);
  }

  get isList(): boolean {
    return this.count > 1;
  }

  /**
   * The one patient's NHS number (digits only) when the page is one patient's record, else null
   * (no banner, or a list). For page/dismissals.ts, which digests it at once with a secret salt
   * and keeps only the digest: the number is read again on each ask, never kept here.
   */
  recordNumber(): string | null {
    let found: string | null = null;
    for (const label of this.labels) {
      if (!label.isConnected) continue;
      let el: Element | null = label;
      for (let i = 0; el && i < MAX_LABEL_CLIMB; i++, el = el.parentElement) {
        const m = TEN_DIGITS.exec(el.textContent ?? '');
        if (!m) continue;
        const digits = m[0].replace(/\D/g, '');
        if (found !== null && found !== digits) return null;
        found = digits;
        break;
      }
    }
    return found;
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
    for (const label of this.labels) {
      if (!label.isConnected) continue;
      // "NHS No." and its number may sit in sibling cells (<dt>/<dd>): climb a little.
      let el: Element | null = label;
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
