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

/**
 * Yields the text runs under `root` (root included), so a caller can stop at a time budget and
 * resume. Walks with no JS filter callback (a filter costs ~20× here, PERFORMANCE.md) and skips
 * subtrees by hand.
 */
export function* iterateTextRuns(
  root: Element,
  doc: Document = root.ownerDocument,
): Generator<TextRun, void, undefined> {
  if (isSkippedElement(root)) return;
  // 1 = SHOW_ELEMENT, 4 = SHOW_TEXT (numeric so happy-dom and browsers agree).
  const walker = doc.createTreeWalker(root, 0x1 | 0x4);
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

  const skipSubtree = (): Node | null => {
    let next = walker.nextSibling();
    while (!next) {
      const parent = walker.parentNode();
      if (!parent || parent === root) return null;
      next = walker.nextSibling();
    }
    return next;
  };

  // The walker starts on the root itself, whose skip check was done above.
  let node: Node | null = walker.nextNode();
  while (node) {
    if (node.nodeType === 3) {
      const text = (node as Text).data;
      if (text.length > 0) {
        const b = blockOf(node);
        if (b !== block) {
          const run = finish();
          if (run) yield run;
          block = b;
        }
        nodes.push(node as Text);
        starts.push(length);
        parts.push(text);
        length += text.length;
      }
      node = walker.nextNode();
      continue;
    }
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    const skipped = isSkippedElement(el);
    if (skipped || tag === 'BR' || !INLINE_TAGS.has(tag)) {
      const run = finish();
      if (run) yield run;
    }
    node = skipped ? skipSubtree() : walker.nextNode();
  }
  const run = finish();
  if (run) yield run;
}
