import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readInstructions, spansOf } from './instructions';

describe('instructions for use, read for the welcome page', () => {
  test('headings, paragraphs joined across lines, list items with continuations, bold', () => {
    const blocks = readInstructions(
      '# Title\n\n## Part\n\nOne line\nand the next **bold** end.\n\n- first\n  continued\n- **second**\n',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Title' },
      { kind: 'heading', level: 2, text: 'Part' },
      {
        kind: 'paragraph',
        spans: [
          { text: 'One line and the next ', bold: false },
          { text: 'bold', bold: true },
          { text: ' end.', bold: false },
        ],
      },
      {
        kind: 'list',
        items: [[{ text: 'first continued', bold: false }], [{ text: 'second', bold: true }]],
      },
    ]);
  });

  test('an unclosed ** is text', () => {
    expect(spansOf('a ** b')).toEqual([{ text: 'a ** b', bold: false }]);
  });

  test('the repository’s document reads into its sections', () => {
    const blocks = readInstructions(readFileSync('docs/instructions-for-use.md', 'utf8'));
    const headings = blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
    expect(headings).toContain('Reading the marks');
    expect(headings).toContain('No mark is not an all-clear');
  });
});
