/**
 * Per-document state: the marks (matched names with their ranges), indexed by the block they sit in.
 * Re-scanning a block replaces exactly that block's marks; marks whose nodes left the document are
 * swept. Produces add/remove deltas for the highlighter and serves hit-testing. No DOM writes.
 */
import type { Match, MatchKind } from '@/rules/engine';
import type { Category } from '@/rules/schema/rule-pack';
import type { PatientKey } from './patient-scope';
import { iterateTextRuns, locate, type TextRun } from './scanner';
import type { Reading } from './section-context';

export interface Mark {
  readonly id: number;
  readonly range: StaticRange;
  readonly block: Element;
  /** The name as the page shows it. */
  readonly text: string;
  readonly ruleIds: readonly string[];
  readonly kind: MatchKind;
  /** A possible match because the name is a family whose products differ ("Solpadeine"). */
  readonly isFamily?: boolean;
  /** In a past/discontinued section of the screen: shown muted, listed apart. */
  readonly isPast: boolean;
  /**
   * How the screen presents the name: a current medicine, a past one, or a mention (notes, search
   * suggestions, lab results, another column of a medication row) that is painted but never counts
   * as current. Absent: read from `isPast` (current or past).
   */
  readonly reading?: Reading;
  /**
   * Read as current only by default: no heading, caption or label around it says current or past.
   * Counted as current (a flag rather than a miss), but called a possible current medicine.
   */
  readonly isUnstated?: boolean;
  /**
   * The patient context on the page, when known at creation (tests); otherwise the summary asks
   * patient-scope.ts once the scan is done. Absent: the page's one patient.
   */
  readonly patient?: PatientKey;
  /**
   * What the summary counts as one medicine (`countedItemOf`). Found once per text run as it is
   * read, so a 20,000-row summary does not look up 20,000 rows at once.
   */
  readonly item: Element;
  /** The category the mark is painted for (the most important of its rules' categories in force). */
  readonly category: Category;
}

/**
 * What counts as one medicine: a medication row's `tr` (a row naming the drug twice is one
 * medicine), else the block; a mention is its block.
 */
export function countedItemOf(block: Element, reading: Reading): Element {
  return reading === 'mention' ? block : (block.closest('tr') ?? block);
}

export interface MarkDelta {
  readonly added: readonly Mark[];
  readonly removed: readonly Mark[];
}

export interface PageSessionDeps {
  readonly matchText: (text: string) => readonly Match[];
  /** The category a match is marked for, or null for no mark at all (category switched off). */
  readonly categoryOf: (ruleIds: readonly string[]) => Category | null;
  /** Whether a block sits in a past section; `beginScan` lets it forget memoised decisions. */
  readonly sections?: {
    isPast(block: Element): boolean;
    read?(block: Element): Reading;
    /** Whether the page says the block is current, rather than current by default. */
    isStated?(block: Element): boolean;
    /** Whether the name at `start` of a run is an entry of an allergy or problem field. */
    isNotMedicationEntry?(text: string, start: number): boolean;
    reset(): void;
  };
  /** Which patient a block belongs to, on lists of several patients; reset on full scans. */
  readonly patients?: {
    /** Every text run the scan reads, to spot patient banners without a walk of its own. */
    noteRun(block: Element, text: string): void;
    reset(): void;
    /** Once per batch: re-read if the page's patients changed. */
    revalidate?(): void;
  };
  readonly createRange?: (init: StaticRangeInit) => StaticRange;
}

/** A re-scan of one root, resumable across time slices. */
export interface ScanJob {
  readonly root: Element;
  /** Processes runs until `deadline()` says stop; true when the job is complete. */
  step(shouldYield: () => boolean): boolean;
  /** The marks the job has replaced so far, for painting. */
  takeDelta(): MarkDelta;
  /**
   * True once, after the step in which the scan passed the first screen (see `startScan`'s
   * `isBelowFold`): what it has found so far is what the clinician is looking at.
   */
  takeFold(): boolean;
  /** Text runs read so far: how heavy the page is to paint (paint/paint-weight.ts). */
  readonly runs: number;
}

/** While looking for the fold, a run's block is measured once every this many runs. */
const FOLD_CHECK_EVERY = 8;

export class PageSession {
  private readonly byBlock = new Map<Element, Mark[]>();
  /** Marks by the text nodes their ranges start or end in, to drop them the moment that text changes. */
  private readonly byNode = new Map<Node, Mark[]>();
  private nextId = 1;
  private readonly createRange: (init: StaticRangeInit) => StaticRange;

  constructor(private readonly deps: PageSessionDeps) {
    this.createRange = deps.createRange ?? ((init) => new StaticRange(init));
  }

  get size(): number {
    let n = 0;
    for (const list of this.byBlock.values()) n += list.length;
    return n;
  }

  marksIn(block: Element): readonly Mark[] {
    return this.byBlock.get(block) ?? [];
  }

  *allMarks(): Generator<Mark> {
    for (const list of this.byBlock.values()) yield* list;
  }

  /** A new batch of scans: section decisions made for earlier batches may be stale. */
  beginBatch(): void {
    this.deps.sections?.reset();
    this.deps.patients?.revalidate?.();
  }

  /**
   * Starts re-scanning `root`. When it completes, every block under `root` holds exactly the marks
   * its current text yields; with `replaceAll`, marks the scan did not re-find anywhere are dropped
   * too (a full rescan after a huge mutation batch).
   */
  startScan(root: Element, replaceAll = false, isBelowFold?: (block: Element) => boolean): ScanJob {
    if (replaceAll) {
      this.deps.sections?.reset();
      this.deps.patients?.reset();
    }
    const runs = iterateTextRuns(root);
    // A first full scan has nothing to replace: no per-block bookkeeping (16k runs on 2,000 rows).
    const replacing = !replaceAll || this.byBlock.size > 0;
    const visited = new Set<Element>();
    let added: Mark[] = [];
    let removed: Mark[] = [];
    const clearBlock = (block: Element) => {
      if (visited.has(block)) return;
      visited.add(block);
      const old = this.byBlock.get(block);
      if (old) {
        removed.push(...old);
        this.byBlock.delete(block);
        for (const m of old) this.unindexNodes(m);
      }
    };
    if (!replaceAll) clearBlock(root);
    // Only a first scan reads in document order from the top with nothing painted, so the runs
    // before the fold are the screen's (when the page is not scrolled) and can be painted alone.
    let foldCheck = isBelowFold && !replacing ? FOLD_CHECK_EVERY : 0;
    let atFold = false;
    let runsRead = 0;
    return {
      root,
      get runs() {
        return runsRead;
      },
      step: (shouldYield) => {
        for (;;) {
          const next = runs.next();
          if (next.done) {
            if (replaceAll && replacing) {
              for (const [block, list] of this.byBlock) {
                if (!visited.has(block)) {
                  removed.push(...list);
                  this.byBlock.delete(block);
                  for (const m of list) this.unindexNodes(m);
                }
              }
            }
            return true;
          }
          const run = next.value;
          runsRead++;
          if (replacing) clearBlock(run.block);
          const marks = this.marksFor(run);
          if (marks && marks.length > 0) {
            const list = this.byBlock.get(run.block);
            if (list) list.push(...marks);
            else this.byBlock.set(run.block, marks);
            for (const m of marks) this.indexNodes(m);
            added.push(...marks);
          }
          if (foldCheck > 0 && --foldCheck === 0) {
            if (isBelowFold?.(run.block)) {
              atFold = true;
              return false;
            }
            foldCheck = FOLD_CHECK_EVERY;
          }
          if (shouldYield()) return false;
        }
      },
      takeFold: () => {
        const was = atFold;
        atFold = false;
        return was;
      },
      takeDelta: () => {
        const delta = { added, removed };
        added = [];
        removed = [];
        return delta;
      },
    };
  }

  /** Drops marks whose text left the document (rows removed or replaced). */
  sweepDisconnected(): Mark[] {
    const removed: Mark[] = [];
    for (const [block, list] of this.byBlock) {
      if (!block.isConnected) {
        removed.push(...list);
        this.byBlock.delete(block);
        for (const m of list) this.unindexNodes(m);
        continue;
      }
      const kept = list.filter(
        (m) =>
          m.range.startContainer.isConnected &&
          (m.range.endContainer === m.range.startContainer || m.range.endContainer.isConnected),
      );
      if (kept.length !== list.length) {
        for (const m of list) {
          if (kept.includes(m)) continue;
          removed.push(m);
          this.unindexNodes(m);
        }
        if (kept.length > 0) this.byBlock.set(block, kept);
        else this.byBlock.delete(block);
      }
    }
    return removed;
  }

  /**
   * Forgets the marks on a text node whose content just changed, so their ranges (now pointing at
   * other characters) are unpainted before the next frame; the block's rescan repaints what is right.
   */
  dropMarksOn(node: Node): Mark[] {
    const marks = this.byNode.get(node);
    if (!marks) return [];
    const dropped = [...marks];
    for (const m of dropped) {
      this.unindexNodes(m);
      const list = this.byBlock.get(m.block);
      if (!list) continue;
      const kept = list.filter((x) => x !== m);
      if (kept.length > 0) this.byBlock.set(m.block, kept);
      else this.byBlock.delete(m.block);
    }
    return dropped;
  }

  /** Forgets every mark (navigation, teardown); returns them for unpainting. */
  clear(): Mark[] {
    const all = [...this.allMarks()];
    this.byBlock.clear();
    this.byNode.clear();
    return all;
  }

  private indexNodes(mark: Mark): void {
    for (const node of new Set([mark.range.startContainer, mark.range.endContainer])) {
      const list = this.byNode.get(node);
      if (list) list.push(mark);
      else this.byNode.set(node, [mark]);
    }
  }

  private unindexNodes(mark: Mark): void {
    for (const node of new Set([mark.range.startContainer, mark.range.endContainer])) {
      const list = this.byNode.get(node);
      if (!list) continue;
      const kept = list.filter((x) => x !== mark);
      if (kept.length > 0) this.byNode.set(node, kept);
      else this.byNode.delete(node);
    }
  }

  private marksFor(run: TextRun): Mark[] | null {
    this.deps.patients?.noteRun(run.block, run.text);
    const matches = this.deps.matchText(run.text);
    // Most runs match nothing: no array for them.
    if (matches.length === 0) return null;
    const marks: Mark[] = [];
    const sections = this.deps.sections;
    const reading: Reading = sections?.read
      ? sections.read(run.block)
      : sections?.isPast(run.block)
        ? 'past'
        : 'current';
    const isPast = reading === 'past';
    const isUnstated =
      reading === 'current' && sections?.isStated !== undefined && !sections.isStated(run.block);
    const item = countedItemOf(run.block, reading);
    for (const m of matches) {
      const category = this.deps.categoryOf(m.ruleIds);
      if (!category) continue;
      // "Allergies: Penicillin, Codeine" in a banner: this name is an allergy, not a medicine.
      const isEntry =
        reading !== 'past' &&
        reading !== 'mention' &&
        sections?.isNotMedicationEntry?.(run.text, m.start) === true;
      const start = locate(run, m.start, false);
      const end = locate(run, m.end, true);
      if (!start || !end) continue;
      marks.push({
        id: this.nextId++,
        range: this.createRange({
          startContainer: start.node,
          startOffset: start.offset,
          endContainer: end.node,
          endOffset: end.offset,
        }),
        block: run.block,
        text: run.text.slice(m.start, m.end),
        ruleIds: m.ruleIds,
        kind: m.kind,
        ...(m.family === true ? { isFamily: true } : {}),
        isPast,
        reading: isEntry ? 'mention' : reading,
        item: isEntry ? countedItemOf(run.block, 'mention') : item,
        ...(isUnstated && !isEntry ? { isUnstated: true } : {}),
        category,
      });
    }
    return marks;
  }
}
