import { describe, expect, test } from 'vitest';
import { anchorRectOf, markAtPoint, rectsOf } from './hit-test';
import type { Mark, PageSession } from '../scan/page-session';
import { createTestSession } from '../../../tests/support/content';
import { box, fakeLayout } from '../../../tests/support/layout';

/** A screen, scanned with the test rules (layout comes from `fakeLayout`). */
function scannedPage(html: string): PageSession {
  document.body.innerHTML = html;
  const session = createTestSession();
  session.startScan(document.body, true).step(() => false);
  return session;
}

const ROWS = `<table><tbody>
  <tr><td id="c1">Zopiclone 7.5mg tablets</td><td id="c1b">one at night</td></tr>
  <tr><td id="c2"><strong id="s2">Co-codamol</strong> 30mg/500mg and warfarin</td></tr>
</tbody></table>`;

/** `Zopiclone` at (10, 100); `Co-codamol` wraps onto a second line beside `warfarin`. */
const LAYOUT = {
  Zopiclone: [box(10, 100, 80, 18)],
  'Co-codamol': [box(300, 140, 40, 18), box(10, 160, 40, 18)],
  warfarin: [box(200, 160, 60, 18)],
};

function el(id: string): Element {
  const found = document.getElementById(id);
  if (!found) throw new Error(`fixture has no #${id}`);
  return found;
}

function only(session: PageSession, text: string): Mark {
  const mark = [...session.allMarks()].find((m) => m.text === text);
  if (!mark) throw new Error(`no mark for ${text}`);
  return mark;
}

describe('rectsOf and anchorRectOf', () => {
  test('a name on one line has one box, which anchors the popover', () => {
    const session = scannedPage(ROWS);
    fakeLayout(LAYOUT);
    const mark = only(session, 'Zopiclone');
    expect(rectsOf(mark, document).map((r) => [r.left, r.top, r.right, r.bottom])).toEqual([
      [10, 100, 90, 118],
    ]);
    expect(anchorRectOf(mark, document)).toMatchObject({ left: 10, top: 100, bottom: 118 });
  });

  test('a name wrapped over two lines anchors to its first line', () => {
    const session = scannedPage(ROWS);
    fakeLayout(LAYOUT);
    const mark = only(session, 'Co-codamol');
    expect(rectsOf(mark, document)).toHaveLength(2);
    expect(anchorRectOf(mark, document)).toMatchObject({ left: 300, top: 140 });
  });

  test('a name whose row left the page has no box and no anchor', () => {
    const session = scannedPage(ROWS);
    fakeLayout(LAYOUT);
    const mark = only(session, 'Zopiclone');
    el('c1').remove();
    expect(rectsOf(mark, document)).toEqual([]);
    expect(anchorRectOf(mark, document)).toBeNull();
  });

  test('a name whose text shrank under it (stale range) has no box, and nothing throws', () => {
    const session = scannedPage(ROWS);
    fakeLayout(LAYOUT);
    const mark = only(session, 'Zopiclone');
    const text = el('c1').firstChild;
    if (!(text instanceof Text)) throw new Error('fixture');
    text.data = 'Zopi';
    expect(rectsOf(mark, document)).toEqual([]);
  });
});

describe('markAtPoint', () => {
  test.each<[string, string, number, number, string | null]>([
    ['the middle of a name', 'c1', 50, 110, 'Zopiclone'],
    ['its top-left corner', 'c1', 10, 100, 'Zopiclone'],
    ['2 px outside its left edge (slop)', 'c1', 8, 110, 'Zopiclone'],
    ['2 px below it (slop)', 'c1', 50, 120, 'Zopiclone'],
    ['3 px outside its right edge', 'c1', 93, 110, null],
    ['the dose after the name', 'c1', 120, 110, null],
    ['the second line of a wrapped name', 's2', 20, 170, 'Co-codamol'],
    ['the first line of a wrapped name, over its inline element', 's2', 320, 150, 'Co-codamol'],
    ['a second name in the same cell', 'c2', 230, 170, 'warfarin'],
    ["another cell's text, at a name's position", 'c1b', 50, 110, null],
  ])('over %s', (_why, targetId, x, y, expected) => {
    const session = scannedPage(ROWS);
    fakeLayout(LAYOUT);
    expect(markAtPoint(session, el(targetId), x, y, document)?.text ?? null).toBe(expected);
  });

  test('finds a name in an open shadow root under an inline host', () => {
    document.body.innerHTML = '<p id="p">Current: <span id="host"></span> daily</p>';
    const host = el('host');
    host.attachShadow({ mode: 'open' }).append('Warfarin 1mg');
    const session = createTestSession();
    session.startScan(document.body, true).step(() => false);
    fakeLayout({ Warfarin: [box(70, 20, 60, 18)] });
    expect(markAtPoint(session, host, 90, 30, document)?.text).toBe('Warfarin');
  });

  test('a page with no marks under the pointer finds none', () => {
    const session = scannedPage('<p id="p">Amlodipine 5mg tablets</p>');
    fakeLayout({});
    expect(markAtPoint(session, el('p'), 10, 10, document)).toBeNull();
  });
});
