/**
 * What the scanner never reads, as data (one list, one test). Editable fields are deliberately not
 * read: the Highlight API cannot paint inside form controls, and a clinician's typing is theirs.
 */
import { parentAcrossShadow } from './shadow-roots';

export const OVERLAY_TAG = 'PLENS-OVERLAY';

/**
 * Our overlay hosts, by identity. Skipping every element with our tag name let a page hide text
 * from us by wrapping it in its own <plens-overlay> (issue #16).
 */
const OUR_HOSTS = new WeakSet<Node>();

/** Called by the overlay for the host it creates. */
export function markOurOverlay(host: Element): void {
  OUR_HOSTS.add(host);
}

export function isOurOverlay(node: Node): boolean {
  return OUR_HOSTS.has(node);
}

/** Elements whose whole subtree is skipped. */
export const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'SVG',
  'MATH',
  'HEAD',
]);

/**
 * Inline elements: text inside them joins the surrounding run, so `Zopi<b>clone</b>` reads as one
 * word. Anything else (including unknown custom elements) starts a new run, so cells and list items
 * never run together.
 */
export const INLINE_TAGS: ReadonlySet<string> = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'BIG',
  'CITE',
  'CODE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'KBD',
  'LABEL',
  'MARK',
  'NOBR',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRIKE',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'VAR',
  'WBR',
]);

const HIDDEN_OR_EDITABLE = '[hidden],[contenteditable]';

/** True if the element's subtree must not be read. */
export function isSkippedElement(el: Element): boolean {
  if (SKIPPED_TAGS.has(el.tagName.toUpperCase()) || isOurOverlay(el)) return true;
  return isSkippedByAttributes(el);
}

/** The attribute half of `isSkippedElement`, for a caller that has checked the tag already. */
export function isSkippedByAttributes(el: Element): boolean {
  // One call rules out both for most elements with attributes (a class, an id): the scan asks
  // this of every element that holds text, and each call from the content script's world costs.
  if (!el.matches(HIDDEN_OR_EDITABLE)) return false;
  if (el.hasAttribute('hidden') && isHiddenByCss(el)) return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

/**
 * `hidden` is only a default style: a page's `[hidden] { display: block }` shows the text, and a
 * name there must be flagged like any other (issue #16). Asked only of elements with `hidden`.
 */
function isHiddenByCss(el: Element): boolean {
  const view = el.ownerDocument.defaultView;
  if (!view) return true;
  const display = view.getComputedStyle(el).display;
  return display === '' || display === 'none';
}

/**
 * True if `node` sits in a subtree the scanner skips (used for mutation targets). Climbs out of
 * shadow trees through their hosts: a component inside a hidden panel is hidden too.
 */
export function isInsideSkipped(node: Node, stopAt: Node | null): boolean {
  for (
    let el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    el;
    el = parentAcrossShadow(el)
  ) {
    if (isSkippedElement(el)) return true;
    if (el === stopAt) break;
  }
  return false;
}
