/**
 * The instructions for use (docs/instructions-for-use.md), bundled with the extension so the help
 * link works offline and on a locked-down machine. The file uses a small part of Markdown:
 * headings, paragraphs, "- " lists and **bold**; this reads exactly that into blocks that are
 * rendered as text (never as HTML). One pass over the lines, indexOf for bold: linear time.
 */

/** A run of text, bold or not. */
export interface Span {
  readonly text: string;
  readonly bold: boolean;
}

export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly spans: readonly Span[] }
  | { readonly kind: 'list'; readonly items: readonly (readonly Span[])[] };

/** "a **b** c" → [a ][b, bold][ c]; an unclosed "**" is text. */
export function spansOf(text: string): Span[] {
  const spans: Span[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('**', from);
    const close = open < 0 ? -1 : text.indexOf('**', open + 2);
    if (open < 0 || close < 0) {
      if (from < text.length) spans.push({ text: text.slice(from), bold: false });
      return spans;
    }
    if (open > from) spans.push({ text: text.slice(from, open), bold: false });
    spans.push({ text: text.slice(open + 2, close), bold: true });
    from = close + 2;
  }
}

export function readInstructions(markdown: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let items: string[] = [];
  const flush = () => {
    if (paragraph.length > 0)
      blocks.push({ kind: 'paragraph', spans: spansOf(paragraph.join(' ')) });
    if (items.length > 0) blocks.push({ kind: 'list', items: items.map(spansOf) });
    paragraph = [];
    items = [];
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    const hashes = line.startsWith('### ')
      ? 3
      : line.startsWith('## ')
        ? 2
        : line.startsWith('# ')
          ? 1
          : 0;
    if (hashes > 0) {
      flush();
      blocks.push({ kind: 'heading', level: hashes as 1 | 2 | 3, text: line.slice(hashes + 1) });
    } else if (line.startsWith('- ')) {
      if (paragraph.length > 0) flush();
      items.push(line.slice(2));
    } else if (items.length > 0) {
      // A list item's continuation line.
      items[items.length - 1] += ` ${line}`;
    } else paragraph.push(line);
  }
  flush();
  return blocks;
}
