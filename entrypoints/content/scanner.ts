/**
 * Reads the page's text as runs: consecutive text nodes under the same block element, so a name
 * split over inline elements (`<strong>Zopi</strong>clone`) is one string, while separate cells and
 * list items never run together. Owns no state and never writes to the DOM.
 */
import { INLINE_TAGS, isSkippedElement } from './skip-rules';

const HAS_WORD = /[\p{L}\p{N}]/u;

/** One visual run of text and how to map its offsets back to Text nodes. */
export interface TextRun {
  /** The block element the run belongs to: the unit re-scanned when something inside changes. */
  readonly block: Element;
  readonly text: string;
  readonly nodes: readonly Text[];
  /** Offset in `text` at which each node starts. */
  readonly starts: readonly number[];
}

/** The nearest ancestor that is not an inline element (the run's block). */
export function blockOf(node: Node): Element | null {
  let el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  while (el && INLINE_TAGS.has(el.tagName.toUpperCase())) el = el.parentElement;
  return el;
}

/** Maps an offset in a run's text to (node, offset in node). `end` prefers the earlier node at joins. */
export function locate(
  run: TextRun,
  offset: number,
  isEnd: boolean,
): { node: Text; offset: number } | null {
  const { nodes, starts } = run;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const start = starts[i] ?? 0;
    if (offset > start || (!isEnd && offset === start)) {
      const node = nodes[i];
      return node ? { node, offset: offset - start } : null;
    }
  }
  const first = nodes[0];
  return first ? { node: first, offset: 0 } : null;
}

/** All text runs under `root`, at once (tests and small roots). */
export function collectTextRuns(root: Element): TextRun[] {
  return [...iterateTextRuns(root)];
}

/** Between two text nodes of one block, nodes met in document order before giving up. */
const MAX_BETWEEN_STEPS = 16;

/**
 * True if something between two text nodes of the same block separates them visually: a line
 * break, a block element, or a skipped element. Walks document order from `prev` to `next`.
 */
function isSeparated(prev: Node, next: Node): boolean {
  let n: Node | null = prev;
  for (let steps = 0; steps < MAX_BETWEEN_STEPS; steps++) {
    if (n !== prev && n.firstChild) n = n.firstChild;
    else {
      while (n && !n.nextSibling) n = n.parentNode;
      if (!n) return true;
      n = n.nextSibling;
    }
    if (!n) return true;
    if (n === next) return false;
    if (n.nodeType === 1) {
      const el = n as Element;
      const tag = el.tagName.toUpperCase();
      if (tag === 'BR' || !INLINE_TAGS.has(tag) || isSkippedElement(el)) return true;
    }
  }
  return true;
}

interface ParentInfo {
  readonly skipped: boolean;
  /** The run's block for text directly inside this element. */
  readonly block: Element | null;
}

/**
 * Yields the text runs under `root` (root included), so a caller can stop at a time budget and
 * resume. Walks text nodes only, with no JS filter callback (a filter costs ~20× here,
 * PERFORMANCE.md), and decides "skipped?" and "which block?" once per parent element, memoised up
 * the tree: per-element checks on every node of a 22k-element table cost 23–55 ms; this costs ~4.
 */
export function* iterateTextRuns(
  root: Element,
  doc: Document = root.ownerDocument,
): Generator<TextRun, void, undefined> {
  if (isSkippedElement(root)) return;
  const rootTag = root.tagName.toUpperCase();
  const rootInfo: ParentInfo = {
    skipped: false,
    block: INLINE_TAGS.has(rootTag) ? blockOf(root) : root,
  };
  const infos = new Map<Element, ParentInfo>([[root, rootInfo]]);
  const infoOf = (el: Element): ParentInfo => {
    const known = infos.get(el);
    if (known) return known;
    const parent = el.parentElement;
    const up = parent ? infoOf(parent) : rootInfo;
    const inline = INLINE_TAGS.has(el.tagName.toUpperCase());
    const info: ParentInfo = {
      skipped: up.skipped || isSkippedElement(el),
      block: inline ? up.block : el,
    };
    infos.set(el, info);
    return info;
  };

  // 4 = NodeFilter.SHOW_TEXT (numeric so happy-dom and browsers agree).
  const walker = doc.createTreeWalker(root, 0x4);
  let block: Element | null = null;
  let parts: string[] = [];
  let nodes: Text[] = [];
  let starts: number[] = [];
  let length = 0;

  const finish = (): TextRun | null => {
    let run: TextRun | null = null;
    if (block && nodes.length > 0) {
      const text = parts.join('');
      if (HAS_WORD.test(text)) run = { block, text, nodes, starts };
    }
    block = null;
    parts = [];
    nodes = [];
    starts = [];
    length = 0;
    return run;
  };

  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    if (text.data.length === 0) continue;
    const parent = text.parentElement;
    if (!parent) continue;
    const info = infoOf(parent);
    if (info.skipped || !info.block) continue;
    const last = nodes[nodes.length - 1];
    if (info.block !== block || (last && isSeparated(last, text))) {
      const run = finish();
      if (run) yield run;
      block = info.block;
    }
    nodes.push(text);
    starts.push(length);
    parts.push(text.data);
    length += text.data.length;
  }
  const run = finish();
  if (run) yield run;
}
