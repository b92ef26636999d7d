/**
 * Reads the page's text as runs: consecutive text nodes under the same block element, so a name
 * split over inline elements (`<strong>Zopi</strong>clone`) is one string, while separate cells and
 * list items never run together. Owns no state and never writes to the DOM.
 */
import { hostOf, notePossibleHost, reportShadowRoot } from './shadow-roots';
import {
  INLINE_TAGS,
  isOurOverlay,
  isSkippedByAttributes,
  isSkippedElement,
  SKIPPED_TAGS,
} from './skip-rules';

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

/**
 * The nearest ancestor that is not an inline element (the run's block). Inside a shadow tree the
 * host stands for the top level: text and inline elements directly under a shadow root belong to
 * it, so re-scanning the host re-reads them.
 */
export function blockOf(node: Node): Element | null {
  let el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!el) return hostOf(node.parentNode);
  while (INLINE_TAGS.has(el.tagName.toUpperCase())) {
    const up: Element | null = el.parentElement;
    if (!up) return hostOf(el.parentNode);
    el = up;
  }
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
export function collectTextRuns(root: Element | ShadowRoot): TextRun[] {
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

/** What a parent element means for the text directly inside it: its run's block, or SKIP. */
type ParentInfo = Element | typeof SKIP;
const SKIP = 0;

const ZERO: readonly number[] = Object.freeze([0]);

/** True if `text` has a letter or digit (ASCII first; the Unicode test only for other text). */
function hasWord(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return true;
    if (text.charCodeAt(i) > 0x7f) return HAS_WORD.test(text);
  }
  return false;
}

/** True if `data` has no character other than ASCII whitespace (layout text between elements). */
function isBlank(data: string): boolean {
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 12) return false;
  }
  return true;
}

/**
 * The elements `attachShadow` accepts (DOM Standard, "valid shadow host name"), in HTML and XHTML
 * spelling; any other element, a table cell or row among them, can never be a host, so the walk
 * asks only these for a `shadowRoot`. Custom elements (a hyphen in the name) are asked too.
 */
const SHADOW_HOST_TAGS: ReadonlySet<string> = new Set(
  [
    'ARTICLE',
    'ASIDE',
    'BLOCKQUOTE',
    'BODY',
    'DIV',
    'FOOTER',
    'H1',
    'H2',
    'H3',
    'H4',
    'H5',
    'H6',
    'HEADER',
    'MAIN',
    'NAV',
    'P',
    'SECTION',
    'SPAN',
  ].flatMap((name) => [name, name.toLowerCase()]),
);

/** True for the characters `isBlank` treats as layout whitespace. */
function isBlankChar(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

/**
 * A piece of a run: a Text node, or a leaf element (no element children) read whole through
 * `textContent`, whose Text nodes are only looked up if the run has a match.
 */
type Segment = Text | Element;

/** The non-empty, non-blank Text children of a leaf element, with their offsets from `at`. */
function expandLeaf(leaf: Element, at: number, nodes: Text[], starts: number[]): number {
  let offset = at;
  for (let c = leaf.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== 3) continue;
    const data = (c as Text).data;
    if (data.length === 0) continue;
    // Blank text inside an open run is kept as text but maps to no node (as in the walk).
    if (!isBlank(data)) {
      nodes.push(c as Text);
      starts.push(offset);
    }
    offset += data.length;
  }
  return offset;
}

/** The last Text node of a leaf element that the walk would have set as a run's last node. */
function lastTextOf(leaf: Element): Text | null {
  for (let c = leaf.lastChild; c; c = c.previousSibling) {
    if (c.nodeType === 3 && !isBlank((c as Text).data)) return c as Text;
  }
  return null;
}

/**
 * A run whose node map is built on first use: most runs have no match, and a leaf cell read
 * through `textContent` never needs its Text nodes touched (each node handed to an isolated
 * world costs a wrapper, most of the walk's time: docs/performance.md).
 */
class Run implements TextRun {
  private map: { nodes: readonly Text[]; starts: readonly number[] } | null = null;

  constructor(
    readonly block: Element,
    readonly text: string,
    private readonly segments: Segment | readonly Segment[],
    private readonly segmentStarts: readonly number[],
  ) {}

  get nodes(): readonly Text[] {
    return (this.map ??= this.resolve()).nodes;
  }

  get starts(): readonly number[] {
    return (this.map ??= this.resolve()).starts;
  }

  private resolve(): { nodes: readonly Text[]; starts: readonly number[] } {
    const segments = Array.isArray(this.segments)
      ? (this.segments as readonly Segment[])
      : [this.segments as Segment];
    if (segments.every((s) => s.nodeType === 3)) {
      return { nodes: segments as readonly Text[], starts: this.segmentStarts };
    }
    const nodes: Text[] = [];
    const starts: number[] = [];
    segments.forEach((s, i) => {
      const at = this.segmentStarts[i] ?? 0;
      if (s.nodeType === 3) {
        nodes.push(s as Text);
        starts.push(at);
      } else expandLeaf(s as Element, at, nodes, starts);
    });
    return { nodes, starts };
  }
}

/**
 * Yields the text runs under `root` (root included), so a caller can stop at a time budget and
 * resume. Walks with no JS filter callback (a filter costs ~20× here, docs/performance.md), and
 * decides "skipped?" and "which block?" per parent element from its parent's decision (memoised up
 * the tree). This loop meets every node of the page on first load, when little of our code is
 * optimised yet, so it keeps work per node minimal: per text parent it reads `parentElement`,
 * `tagName` and `hasAttributes()` (attributes themselves only when there are some),
 * whitespace between elements never reaches the per-element work, decisions are plain values
 * rather than objects, and a run of one text node (most table cells) allocates no array.
 *
 * A leaf element (a cell or span with no element inside) that starts a run is read whole with
 * `textContent` and the walk steps over its children: the same text as reading its Text nodes one
 * by one (it is their concatenation), without handing each node to our world. Where that could
 * differ it reads node by node: text that starts with whitespace (a blank node the walk would
 * drop or give to the run before), a skipped leaf while a run is open (its blank nodes join that
 * run), a leaf that continues a run (the line-break test needs its first node), and documents
 * that are not HTML (CDATA). `groupLeaves: false` reads every node (tests compare the two). One
 * difference is left: two Text nodes of one leaf with 16 or more comments between them read as
 * one run here, two node by node (`MAX_BETWEEN_STEPS`); no page was seen to build that.
 *
 * Open shadow roots are read after the tree that hosts them, each as its own block context (its
 * runs never join the host's light text); slotted light text is read once, in the light tree (a
 * walker over a shadow root does not enter slots). Finding hosts costs one `shadowRoot` read per
 * element that may host one (the walker shows elements as well as text).
 */
export function* iterateTextRuns(
  root: Element | ShadowRoot,
  doc: Document = root.ownerDocument,
  groupLeaves = true,
): Generator<TextRun, void, undefined> {
  const inShadow = root.nodeType === 11;
  let rootInfo: ParentInfo;
  if (inShadow) {
    const host = hostOf(root);
    if (!host) return;
    rootInfo = host;
  } else {
    const el = root as Element;
    if (isSkippedElement(el)) return;
    rootInfo = INLINE_TAGS.has(el.tagName.toUpperCase()) ? (blockOf(el) ?? SKIP) : el;
  }
  const derive = (el: Element, up: ParentInfo, tagName?: string): ParentInfo => {
    if (up === SKIP) return SKIP;
    const tag = (tagName ?? el.tagName).toUpperCase();
    if (SKIPPED_TAGS.has(tag) || isOurOverlay(el)) return SKIP;
    // Most cells have no attributes at all: one call answers for them. (One query for hidden and
    // editable elements up front was cheaper per element, but a single 12–38 ms task on 20,000 rows.)
    if (el.hasAttributes() && isSkippedByAttributes(el)) return SKIP;
    return INLINE_TAGS.has(tag) ? up : el;
  };
  // Ancestors of text parents only: a table's cells share a few rows' decisions.
  const infos = new Map<Element, ParentInfo>();
  if (!inShadow) infos.set(root as Element, rootInfo);
  // The element the walk last went into and its parent, when the walk's moves told it: its first
  // child's decision then needs no `parentElement` read.
  let enteredEl: Element | null = null;
  let enteredUp: Element | null = null;
  const infoOf = (el: Element): ParentInfo => {
    const known = infos.get(el);
    if (known !== undefined) return known;
    const parent = el === enteredEl ? enteredUp : el.parentElement;
    const info = derive(el, parent ? infoOf(parent) : rootInfo);
    infos.set(el, info);
    return info;
  };
  /** `up`: the element's parent when the walk knows it (null: read it); `tag`: its tagName. */
  const parentInfoOf = (el: Element, knownUp: Element | null, tag?: string): ParentInfo => {
    if (el === root) return rootInfo;
    const up = knownUp ?? el.parentElement;
    if (up !== lastUp) {
      lastUp = up;
      lastUpInfo = up ? infoOf(up) : rootInfo;
    }
    return derive(el, lastUpInfo, tag);
  };
  let lastUp: Element | null = null;
  let lastUpInfo: ParentInfo = rootInfo;
  let lastParent: Element | null = null;
  let lastInfo: ParentInfo = rootInfo;
  const infoOfTextParent = (
    parent: Element | null,
    knownUp: Element | null = null,
    tag?: string,
  ): ParentInfo => {
    if (parent !== lastParent) {
      lastParent = parent;
      lastInfo = parent ? parentInfoOf(parent, knownUp, tag) : rootInfo;
    }
    return lastInfo;
  };

  // Hosts met in this tree, read once the tree's own runs are done (the host itself first).
  const hosts: Element[] = [];
  const rootShadow = inShadow ? null : (root as Element).shadowRoot;
  if (rootShadow && rootInfo !== SKIP) hosts.push(root as Element);
  else if (!inShadow && rootInfo !== SKIP) notePossibleHost(root as Element);

  // textContent is the concatenation of a leaf's Text nodes only where no CDATA can be.
  const leaves = groupLeaves && doc.contentType === 'text/html';
  // 5 = NodeFilter.SHOW_ELEMENT | SHOW_TEXT (numeric so happy-dom and browsers agree).
  const walker = doc.createTreeWalker(root, 0x5);
  // The open run: its first segment inline, arrays only once a second one (or blank) joins.
  let block: Element | null = null;
  let first: Segment | null = null;
  let firstData = '';
  let parts: string[] | null = null;
  let segments: Segment[] | null = null;
  let starts: number[] | null = null;
  let length = 0;
  // The run's last non-blank Text node, or the leaf that holds it (looked up only if needed).
  let lastNode: Segment | null = null;

  const finish = (): TextRun | null => {
    let run: TextRun | null = null;
    if (block && first) {
      const text = parts ? parts.join('') : firstData;
      if (hasWord(text)) run = new Run(block, text, segments ?? first, starts ?? ZERO);
    }
    block = null;
    first = lastNode = null;
    parts = segments = starts = null;
    length = 0;
    return run;
  };
  const grow = (): { parts: string[]; segments: Segment[]; starts: number[] } => {
    if (!parts || !segments || !starts) {
      parts = [firstData];
      segments = first ? [first] : [];
      starts = [0];
    }
    return { parts, segments, starts };
  };
  const separatedFrom = (next: Text): boolean => {
    if (!lastNode) return false;
    const prev = lastNode.nodeType === 3 ? lastNode : lastTextOf(lastNode as Element);
    return !prev || isSeparated(prev, next);
  };
  /** Adds a non-blank segment to the open run (or opens one with it). */
  const append = (segment: Segment, data: string): void => {
    if (!first) {
      first = segment;
      firstData = data;
    } else {
      const open = grow();
      open.segments.push(segment);
      open.starts.push(length);
      open.parts.push(data);
    }
    lastNode = segment;
    length += data.length;
  };

  // The current node's parent where the walk's last move tells it (the first child of an element
  // with element children, the next sibling of a leaf), so a leaf's block costs no parent read;
  // null when not known. Used by the leaf path only.
  let parent: Element | null = inShadow ? null : (root as Element);
  let nextParent: Element | null = null;
  // Whether the walk steps over the current element's children (a leaf read whole).
  let skip = false;
  const advance = (): Node | null => {
    if (!skip) {
      parent = nextParent;
      return walker.nextNode();
    }
    const sibling = walker.nextSibling();
    if (sibling) {
      parent = nextParent;
      return sibling;
    }
    // The leaf was its parent's last child: climb from the parent (asking the leaf again for a
    // sibling would cost a call per row).
    parent = null;
    return walker.parentNode() ? skipChildren(walker) : null;
  };
  for (let node = walker.nextNode(); node; node = advance()) {
    skip = false;
    nextParent = null;
    // One property read tells the kinds apart: undefined on Text, a name on elements.
    const tag = (node as Partial<Element>).tagName;
    if (tag !== undefined) {
      const el = node as Element;
      // Tested here rather than in calls: this runs for every element of the page, mostly
      // before our code is optimised. Only a custom element (a hyphen) can be a pending host.
      const custom = tag.includes('-');
      if ((custom || SHADOW_HOST_TAGS.has(tag)) && el.shadowRoot) hosts.push(el);
      else if (custom) notePossibleHost(el, tag);
      if (!leaves) continue;
      if (el.childElementCount !== 0) {
        nextParent = el; // The walk goes on to its first child.
        if (parent) {
          enteredEl = el;
          enteredUp = parent;
        }
        continue;
      }
      const data = el.textContent ?? '';
      if (data.length === 0) {
        skip = true; // Nothing inside but empty text and comments.
      } else if (!isBlankChar(data.charCodeAt(0))) {
        // A leaf is never the last text parent (the walk has not been inside it yet).
        const info = parentInfoOf(el, parent, tag);
        lastParent = el;
        lastInfo = info;
        if (info === SKIP) skip = !first;
        else if (info !== block) {
          skip = true;
          const run = finish();
          block = info;
          append(el, data);
          if (run) yield run;
        }
      } else if (isBlank(data)) {
        skip = true;
        if (first) {
          grow().parts.push(data);
          length += data.length;
        }
      }
      // Stepping over: the next sibling shares the parent. Going in: the first child is a text.
      nextParent = skip ? parent : el;
      continue;
    }
    const text = node as Text;
    const data = text.data;
    if (data.length === 0) continue;
    // Whitespace between elements cannot be part of a name and cannot join two runs; inside an
    // open run it is kept as plain text (no node), so "Co-codamol</b> <b>30mg" keeps its space.
    if (isBlank(data)) {
      if (first) {
        grow().parts.push(data);
        length += data.length;
      }
      continue;
    }
    // No parent element only at the top of a shadow tree (the host's block).
    const info = infoOfTextParent(text.parentElement);
    if (info === SKIP) continue;
    if (info !== block || separatedFrom(text)) {
      const run = finish();
      block = info;
      append(text, data);
      if (run) yield run;
      continue;
    }
    append(text, data);
  }
  const run = finish();
  if (run) yield run;

  for (const host of hosts) {
    const shadow = host.shadowRoot;
    // A host inside a hidden or editable subtree is skipped with it.
    if (!shadow || (host !== root && infoOf(host) === SKIP)) continue;
    reportShadowRoot(shadow);
    yield* iterateTextRuns(shadow, doc, groupLeaves);
  }
}

/** The walker's next node after the current node's subtree (null at the end of the root). */
function skipChildren(walker: TreeWalker): Node | null {
  for (;;) {
    const next = walker.nextSibling();
    if (next) return next;
    if (!walker.parentNode()) return null;
  }
}
