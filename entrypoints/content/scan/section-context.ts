/**
 * Is a flagged name in the screen's current medication, or in a past/discontinued section? Past
 * marks are shown muted and listed apart, and never trigger co-prescribing notices.
 *
 * Evidence, strongest first: GP Connect Access Record table ids (the spec fixes them), a
 * DISCONTINUED:/CANCELLED: marker in the row (GP Connect "Additional Information"), then the nearest
 * caption, aria-label or heading above the name ("Past medication", "Discontinued", "Historical",
 * "Stopped"...). No evidence means current: a clinician should see a flag rather than miss one.
 * Read-only; decisions are memoised per scan, since every cell of a table shares its heading.
 *
 * Besides past and current, a name can be a *mention*: painted, but not a medicine the patient is
 * taking, so it never counts as current nor joins a co-prescribing alert. Mentions are names in
 * free-text notes ("discussion about gabapentin tapering plan"), in search suggestions (a listbox
 * under a drug search, before anything is chosen), in lab results ("Lithium level 0.6 mmol/L"), and
 * in a medication table's other columns (a folic-acid instruction naming methotrexate) when the
 * table has a medication-item column. An acute course whose end date has passed is past.
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

/**
 * GP Connect tables that are not medication (the HTML views' CSS ids, GP Connect Access Record
 * "CSS IDs and classes"): allergies, problems, encounters, clinical items, observations,
 * immunisations, referrals, administrative items. A medicine named in them ("Allergy to codeine",
 * a problem "Lithium toxicity") is a mention, although their headings say "Current" or "Active".
 */
export const NOT_MEDICATION_TABLE_IDS: ReadonlySet<string> = new Set([
  'all-tab-curr',
  'all-tab-hist',
  'prb-tab-act',
  'prb-tab-majinact',
  'prb-tab-othinact',
  'enc-tab',
  'cli-tab',
  'obs-tab',
  'imm-tab',
  'ref-tab',
  'adm-tab',
]);

/** How a flagged name reads on the screen: a current medicine, a past one, or a mention. */
export type Reading = 'current' | 'past' | 'mention';

// Labels are read anchored, at their start (or, for past words, at their end: "Repeats – ended"):
// "Drug history", the usual UK clerking heading for *current* medicines, and "Past medical
// history" must not both read as past because each contains "history".
const CURRENT_LABEL =
  /^(?:drug history|medication history|medicines? history|current|repeat|acute|active|regular|on admission|medications? on|prescribed)\b/i;
const PAST_LABEL =
  /^(?:past|previous|historic(?:al)?|history|discontinued|stopped|inactive|ended|cancell?ed|de-?activated|expired|no longer|withdrawn|completed)\b/i;
// "Medicines stopped at this review", "Medications no longer taken": the noun, then the past word.
const PAST_AFTER_NOUN =
  /^(?:medicines?|medications?|drugs?|items?|repeats?|prescriptions?) (?:that (?:were|have been) |you |recently )?(?:stopped|discontinued|ended|cancell?ed|withdrawn|no longer)\b/i;
const PAST_SUFFIX =
  /[\s(–-](?:past|previous|discontinued|stopped|inactive|ended|cancell?ed|expired|no longer taken)\)?$/i;
// Sections that list something other than the patient's medicines, whatever their status word
// says: "Current Allergies and Adverse Reactions", "Active Problems and Issues", "Drug allergies",
// "Family history" (a mother's lithium is not the patient's).
// The status words are taken off one at a time (at most three) before the test. "Medication
// issues" (prescriptions issued) is medication: only allergy words may follow "drug" or
// "medication".
const STATUS_WORD =
  /^(?:current|active|past|previous|historical|inactive|resolved|ended|major|minor|significant|other|known) /i;
const NOT_MEDICATION_LABEL =
  /^(?:(?:drug |medication |medicine )?(?:allerg|adverse (?:drug )?reactions?\b|intolerances?\b|sensitivit|hypersensitivit)|problems?\b|issues?\b|diagnos[ie]s\b|conditions?\b|immuni[sz]ations?\b|vaccinations?\b|referrals?\b|family history\b|social history\b)/i;

function isNotMedicationLabel(label: string): boolean {
  let rest = label;
  for (let i = 0; i < 3; i++) {
    const word = STATUS_WORD.exec(rest);
    if (!word) break;
    rest = rest.slice(word[0].length);
  }
  return NOT_MEDICATION_LABEL.test(rest);
}
const MENTION_LABEL =
  /^(?:consultations?|(?:clinical |consultation |free[- ]text |progress )?notes?|journal|free[- ]text|comments?|encounters?|history of presenting complaint|presenting complaint|examination|plan|correspondence|letters?|(?:test |lab(?:oratory)? |blood )?results?|investigations?|pathology|observations?)\b/i;
// A row marker is a cell that *starts* with the word and a colon and says something after it:
// "DISCONTINUED: side effects" is past, "Stopped: no" and "Stopped: –" are not. The row's text is
// tried first (one test per row; GP Connect's own spelling of the markers), then its cells.
const ROW_HAS_MARKER = /(DISCONTINUED|CANCELLED|Cancelled|Discontinued|De-activated|Stopped)\s*:/;
const CELL_MARKER = /^(?:DISCONTINUED|CANCELLED|Cancelled|Discontinued|De-activated|Stopped)\s*:/;
// A cell whose whole text is a past status: "Stopped", "Discontinued", "Ceased". Not "Stop if
// drowsy", not "Active", not "Withheld" (paused, still the patient's medicine).
const PAST_STATUS_CELL =
  /^\s*(?:stopped|discontinued|cancell?ed|ended|inactive|ceased|withdrawn|expired|no longer taken)\s*$/i;
// The row's text runs its cells together ("tabletsStopped"), so the quick test has no \b.
const PAST_STATUS_WORD =
  /stopped|discontinued|cancell?ed|ended|inactive|ceased|withdrawn|expired|no longer taken/i;
const NO_VALUE = /^(?:no|none|not|n\/a)\b|^[-–—]/i;
// A lab result naming a drug: a level/concentration word and a number with a unit, in one block.
const LAB_WORD = /\b(?:levels?|serum|plasma|concentration|trough)\b/i;
const LAB_UNIT = /\d ?(?:mmol|micromol|µmol|umol|nmol|micrograms?|µg|ng|mg)\/(?:L|mL|dL)\b/i;
const ITEM_HEADER =
  /^\s*(?:medication item|medication|medicines?|drug(?: name)?|item|product|preparation)\s*$/i;
const END_HEADER =
  /^\s*(?:scheduled end date|end date|course end|ends?|stop date|stopped date)\s*$/i;
const SUGGESTIONS =
  '[role="listbox"],[role="option"],[role="menu"],[role="grid"][aria-label*="suggest" i],datalist';
const HEADING_TAGS: ReadonlySet<string> = new Set([
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LEGEND',
  'SUMMARY',
  'DT',
  'TH',
]);
const MAX_DEPTH = 16;
const MAX_SIBLINGS = 3;
const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};
const UK_DATE =
  /^(\d{1,2})[-/ ]([A-Za-z]{3})[A-Za-z]*[-/ ](\d{4})$|^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function isHeading(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  // A table header cell labels its column, not a section below it.
  if (tag === 'TH' || tag === 'DT') return false;
  return HEADING_TAGS.has(tag) || el.getAttribute('role') === 'heading';
}

/** What a label (heading, caption, aria-label) says of the section it names; null: nothing. */
export function readLabel(text: string): Reading | null {
  // Counts and punctuation around headings ("Acute Medication (last 12 months) 7 items").
  const t = text.replace(/\s+/g, ' ').trim();
  if (isNotMedicationLabel(t)) return 'mention';
  if (CURRENT_LABEL.test(t)) return PAST_SUFFIX.test(t) ? 'past' : 'current';
  if (PAST_LABEL.test(t) || PAST_AFTER_NOUN.test(t) || PAST_SUFFIX.test(t)) return 'past';
  if (MENTION_LABEL.test(t)) return 'mention';
  return null;
}

/** True if a label (heading, caption) names a past section. */
export function isPastLabel(text: string): boolean {
  return readLabel(text) === 'past';
}

/** A UK date as shown in clinical systems ("04-Jun-2026", "4 June 2026", "04/06/2026"). */
export function parseUkDate(text: string): Date | null {
  const m = UK_DATE.exec(text.trim());
  if (!m) return null;
  if (m[1] && m[2] && m[3]) {
    const month = MONTHS[m[2].toLowerCase()];
    return month === undefined ? null : new Date(Number(m[3]), month, Number(m[1]));
  }
  if (m[4] && m[5] && m[6]) return new Date(Number(m[6]), Number(m[5]) - 1, Number(m[4]));
  return null;
}

/** Column roles of a table, read once from its header row. */
interface TableColumns {
  readonly item: number;
  readonly end: number;
}

/**
 * A section decision: a reading, or `unsaid` for a heading (or no heading at all) that says neither
 * current nor past. Unsaid reads as current (a clinician should see a flag rather than miss one),
 * but the popup and the card call it a "possible current medicine" rather than guess.
 */
type Decision = Reading | 'unsaid';

/** A decision found above an element, `dist` levels up (0: the element's own). */
interface Near {
  readonly decision: Decision;
  readonly dist: number;
}

export class SectionContext {
  private memo = new Map<Element, Decision | null>();
  /** Element → the nearest decision at or above it and how many levels up; null: none to the top. */
  private near = new Map<Element, Near | null>();
  /** Rows already read for a marker: every flagged cell of a row shares the answer. */
  private rows = new Map<Element, Reading | null>();
  private tables = new Map<Element, TableColumns>();
  private blocks = new Map<Element, Reading | null>();
  private badges = new Map<Element, boolean>();
  /** Sibling → the heading it holds for what follows it (see `headingAt`). */
  private headings = new Map<Element, Element | null>();
  /** The last block's section: `isStated` follows `read` on the same block for every mark. */
  private lastBlock: Element | null = null;
  private lastSection: Decision = 'unsaid';

  /** `now` is injectable for tests; courses end at the end of their end date. */
  constructor(private readonly now: () => number = Date.now) {}

  /** Forget decisions (the page may have re-rendered headings); call at the start of each scan. */
  reset(): void {
    this.memo = new Map();
    this.near = new Map();
    this.rows = new Map();
    this.tables = new Map();
    this.blocks = new Map();
    this.badges = new Map();
    this.headings = new Map();
    this.lastBlock = null;
  }

  isPast(block: Element): boolean {
    return this.read(block) === 'past';
  }

  isNotMedicationEntry(text: string, start: number): boolean {
    return isNotMedicationEntry(text, start);
  }

  read(block: Element): Reading {
    // A past section (or a past row) mutes everything in it, its notes and mentions included.
    const section = this.readSection(block);
    if (section === 'past') return 'past';
    const row = block.closest('tr');
    const rowMarked = row ? this.rowMarker(row) : null;
    if (rowMarked) return rowMarked;
    if (!row && this.hasPastBadge(block)) return 'past';
    if (this.readBlock(block) || (row && this.isOtherColumn(row, block))) return 'mention';
    return section === 'unsaid' ? 'current' : section;
  }

  /**
   * Whether the page says the block's medicine is current (a current heading, caption, label or
   * GP Connect table), rather than current by default. Memoised with `read`; cheap after it.
   */
  isStated(block: Element): boolean {
    return this.readSection(block) !== 'unsaid';
  }

  private readSection(block: Element): Decision {
    if (block === this.lastBlock) return this.lastSection;
    const decision = this.climb(block);
    this.lastBlock = block;
    this.lastSection = decision;
    return decision;
  }

  /**
   * The decision of the nearest element at most MAX_DEPTH levels up from the block (itself
   * included) that makes one. Every flagged cell of a table climbs through the same rows, table
   * and page above it, so each element keeps what it found above it (`near`): a cell's climb
   * stops at its row's parent after the first.
   */
  private climb(block: Element): Decision {
    const chain: Element[] = [];
    let el: Element | null = block;
    // null: nothing up to the top of the tree; undefined: not looked for beyond MAX_DEPTH.
    let found: Near | null | undefined;
    for (;;) {
      if (!el) {
        found = null;
        break;
      }
      if (chain.length >= MAX_DEPTH) break;
      const known = this.near.get(el);
      if (known !== undefined) {
        found = known;
        break;
      }
      let decision = this.memo.get(el);
      if (decision === undefined) {
        decision = decide(el, block, this.headings);
        this.memo.set(el, decision);
      }
      if (decision !== null) {
        found = { decision, dist: 0 };
        this.near.set(el, found);
        break;
      }
      chain.push(el);
      el = el.parentElement;
    }
    if (found === undefined) return 'unsaid';
    for (let i = 0; i < chain.length; i++) {
      const below = chain[i];
      if (below) {
        this.near.set(
          below,
          found && { decision: found.decision, dist: found.dist + chain.length - i },
        );
      }
    }
    return found && chain.length + found.dist < MAX_DEPTH ? found.decision : 'unsaid';
  }

  /**
   * Suggestions, lab results and a field labelled as allergies or problems just before the block
   * (`<dt>Allergies</dt><dd>Codeine</dd>`), from the block itself; a label in the block's own
   * text ("Allergies: Codeine") is read per name (`isNotMedicationEntry`).
   */
  private readBlock(block: Element): Reading | null {
    let r = this.blocks.get(block);
    if (r === undefined) {
      const text = block.textContent ?? '';
      r =
        block.closest(SUGGESTIONS) || isLabResult(text) || isLabelledNotMedication(block)
          ? 'mention'
          : null;
      this.blocks.set(block, r);
    }
    return r;
  }

  /**
   * A status badge beside the name that says the medicine ended: a child of the block or one of
   * the next two elements after it whose whole text is "Stopped", "Discontinued"… (Medplum's
   * medication summary: the name, then a StatusBadge "stopped"). Tables are read by row instead.
   */
  private hasPastBadge(block: Element): boolean {
    let r = this.badges.get(block);
    if (r === undefined) {
      r = false;
      for (let c = block.firstElementChild; c && !r; c = c.nextElementSibling) r = isPastBadge(c);
      let sibling = block.nextElementSibling;
      for (let i = 0; sibling && !r && i < 2; i++, sibling = sibling.nextElementSibling)
        r = isPastBadge(sibling);
      this.badges.set(block, r);
    }
    return r;
  }

  /** Another column of a medication table naming a drug is a mention, not a second medicine. */
  private isOtherColumn(row: Element, block: Element): boolean {
    const cell = block.closest('td,th');
    const table = row.closest('table');
    if (!cell || !table || cell.parentElement !== row) return false;
    const cols = this.columnsOf(table);
    if (cols.item < 0) return false;
    const index = cellIndex(row, cell);
    return index >= 0 && index !== cols.item;
  }

  private rowMarker(row: Element): Reading | null {
    let marked = this.rows.get(row);
    if (marked === undefined) {
      const table = row.closest('table');
      const cols = table ? this.columnsOf(table) : null;
      marked = null;
      // Every marker ends in a colon: most rows have none, and the test reads the whole row.
      const text = row.textContent ?? '';
      if (text.includes(':') && ROW_HAS_MARKER.test(text)) {
        for (let c = row.firstElementChild; c; c = c.nextElementSibling) {
          if (hasMarker(c.textContent ?? '')) {
            marked = 'past';
            break;
          }
        }
      }
      // A status cell that says only that the medicine ended ("Stopped", "Discontinued"), as
      // discharge letters' "changes to medication" and worklists' status columns write it.
      if (!marked && PAST_STATUS_WORD.test(text)) {
        for (let c = row.firstElementChild; c; c = c.nextElementSibling) {
          if (PAST_STATUS_CELL.test(c.textContent ?? '')) {
            marked = 'past';
            break;
          }
        }
      }
      if (!marked && cols && cols.end >= 0) {
        const endCell = cellAt(row, cols.end);
        const end = endCell ? parseUkDate(endCell.textContent ?? '') : null;
        // The course ran to the end of its end date.
        if (end && end.getTime() + 86_400_000 <= this.now()) marked = 'past';
      }
      this.rows.set(row, marked);
    }
    return marked;
  }

  private columnsOf(table: Element): TableColumns {
    let cols = this.tables.get(table);
    if (cols) return cols;
    cols = { item: -1, end: -1 };
    const head = table.querySelector(':scope > thead > tr, :scope > tr, :scope > tbody > tr');
    if (head && head.firstElementChild?.tagName.toUpperCase() === 'TH') {
      let i = 0;
      let item = -1;
      let end = -1;
      for (let c: Element | null = head.firstElementChild; c; c = c.nextElementSibling, i++) {
        const text = c.textContent ?? '';
        if (item < 0 && ITEM_HEADER.test(text)) item = i;
        if (end < 0 && END_HEADER.test(text)) end = i;
      }
      cols = { item, end };
    }
    this.tables.set(table, cols);
    return cols;
  }
}

// "Allergic to codeine", "Adverse reaction to codeine": the words just before the name.
const ALLERGY_TO =
  /(?:allerg(?:y|ic)|adverse (?:drug )?reactions?|intoleran(?:t|ce)|sensitivity) to$/i;
/** How far before a name its field's label may start ("Known drug allergies: penicillin, codeine"). */
const FIELD_LOOKBACK = 80;

/**
 * Whether the name at `start` in a text run is an entry of a non-medication field written in the
 * same line: "Allergies: Penicillin, Codeine" in a patient banner, "Problems: lithium toxicity",
 * "Allergic to codeine". The field is the nearest "label:" before the name with no full stop,
 * semicolon, bar or middle dot between ("Allergies: none · Medication: codeine" is medication).
 */
export function isNotMedicationEntry(text: string, start: number): boolean {
  const from = Math.max(0, start - FIELD_LOOKBACK);
  if (ALLERGY_TO.test(text.slice(Math.max(from, start - 30), start).trimEnd())) return true;
  for (let c = start - 1; c >= from; c--) {
    const ch = text.charCodeAt(c);
    if (ch === 58 /* : */) {
      let b = c - 1;
      while (b >= from && !isFieldBreak(text.charCodeAt(b)) && text.charCodeAt(b) !== 44) b--;
      return isNotMedicationLabel(
        text
          .slice(b + 1, c)
          .replace(/\s+/g, ' ')
          .trim(),
      );
    }
    if (isFieldBreak(ch)) return false;
  }
  return false;
}

/** An element whose whole (short) text is a past status. */
function isPastBadge(el: Element): boolean {
  const text = el.textContent ?? '';
  return text.length <= 32 && PAST_STATUS_CELL.test(text);
}

/** . ; | · and line breaks end a field. */
function isFieldBreak(ch: number): boolean {
  return ch === 46 || ch === 59 || ch === 124 || ch === 183 || ch === 10 || ch === 13;
}

/** A short label just before the block names a non-medication field ("Allergies", "Problems:"). */
function isLabelledNotMedication(block: Element): boolean {
  const label = block.previousElementSibling;
  if (!label) return false;
  const text = (label.textContent ?? '').trim();
  if (text.length === 0 || text.length > 60) return false;
  const tag = label.tagName.toUpperCase();
  if (tag !== 'DT' && tag !== 'TH' && tag !== 'LABEL' && !text.endsWith(':')) return false;
  return isNotMedicationLabel(text.replace(/\s+/g, ' '));
}

function isLabResult(text: string): boolean {
  // Every unit has a slash: a cheap test first, since most flagged cells have none.
  return text.includes('/') && LAB_WORD.test(text) && LAB_UNIT.test(text);
}

/** A cell that starts with a past marker and a value: "DISCONTINUED: side effects", not "Stopped: no". */
export function hasMarker(cellText: string): boolean {
  const text = cellText.trim();
  const head = CELL_MARKER.exec(text);
  if (!head) return false;
  const rest = text.slice(head[0].length).trim();
  return rest !== '' && !NO_VALUE.test(rest);
}

function cellIndex(row: Element, cell: Element): number {
  let i = 0;
  for (let c = row.firstElementChild; c; c = c.nextElementSibling, i++) if (c === cell) return i;
  return -1;
}

function cellAt(row: Element, index: number): Element | null {
  let c = row.firstElementChild;
  for (let i = 0; c && i < index; i++) c = c.nextElementSibling;
  return c;
}

/** A label's reading, treating an unrecognised heading as ending the search (unsaid: current). */
function labelled(text: string): Decision {
  return readLabel(text) ?? 'unsaid';
}

/** What `el` says about the section it encloses: past, current, mention, unsaid, or nothing (null). */
/**
 * The heading a sibling holds for the element after it: itself, or its first child (framework
 * header wrappers: <div class="view-header"><h1>Past medication</h1>…</div><table>). Memoised per
 * scan: each row of a table is a sibling of the next three, so flagged rows share the answers.
 */
function headingAt(sibling: Element, memo: Map<Element, Element | null>): Element | null {
  let heading = memo.get(sibling);
  if (heading === undefined) {
    if (isHeading(sibling)) heading = sibling;
    else {
      const lead = sibling.firstElementChild;
      heading = lead && isHeading(lead) ? lead : null;
    }
    memo.set(sibling, heading);
  }
  return heading;
}

function decide(
  el: Element,
  block: Element,
  headings: Map<Element, Element | null>,
): Decision | null {
  if (el.id) {
    if (PAST_TABLE_IDS.has(el.id)) return 'past';
    if (CURRENT_TABLE_IDS.has(el.id)) return 'current';
    if (NOT_MEDICATION_TABLE_IDS.has(el.id)) return 'mention';
  }
  const label = el.getAttribute('aria-label');
  if (label) {
    const r = readLabel(label);
    if (r) return r;
  }
  if (el.tagName.toUpperCase() === 'TABLE') {
    // The first few children only (a caption leads its table): `querySelector(':scope > caption')`
    // walked every row of a 20,000-row table, and script-built tables may hold rows directly.
    let child = el.firstElementChild;
    for (let i = 0; child && i < MAX_SIBLINGS; i++, child = child.nextElementSibling) {
      if (child.tagName.toUpperCase() === 'CAPTION') return labelled(child.textContent ?? '');
    }
  }
  let sibling = el.previousElementSibling;
  for (let i = 0; sibling && i < MAX_SIBLINGS; i++, sibling = sibling.previousElementSibling) {
    const heading = headingAt(sibling, headings);
    if (heading) return labelled(heading.textContent ?? '');
  }
  const first = el.firstElementChild;
  if (first && first !== block && !first.contains(block) && isHeading(first)) {
    return labelled(first.textContent ?? '');
  }
  return null;
}
