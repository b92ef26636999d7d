import { describe, expect, test } from 'vitest';
import { isInsideSkipped, isSkippedElement, markOurOverlay } from './skip-rules';

function el(html: string): Element {
  const host = document.createElement('div');
  host.innerHTML = html;
  const first = host.firstElementChild;
  if (!first) throw new Error('no element');
  return first;
}

describe('isSkippedElement', () => {
  test.each([
    ['<script>x</script>', true],
    ['<style>x</style>', true],
    ['<noscript>x</noscript>', true],
    ['<template>x</template>', true],
    ['<textarea>zopiclone</textarea>', true],
    ['<input value="zopiclone">', true],
    ['<select><option>zopiclone</option></select>', true],
    ['<div contenteditable="true">zopiclone</div>', true],
    ['<div contenteditable="">zopiclone</div>', true],
    ['<div contenteditable="false">zopiclone</div>', false],
    ['<div hidden>zopiclone</div>', true],
    ['<td>zopiclone</td>', false],
    ['<span aria-hidden="true">zopiclone</span>', false],
  ])('%s → skipped %s', (html, skipped) => {
    const target = html.startsWith('<td')
      ? el(`<table><tr>${html}</tr></table>`).querySelector('td')
      : el(html);
    expect(target && isSkippedElement(target)).toBe(skipped);
  });

  test('our own overlay host is skipped (issue #16: by identity, not by name)', () => {
    const host = document.createElement('plens-overlay');
    markOurOverlay(host);
    expect(isSkippedElement(host)).toBe(true);
  });

  test("a page's own <plens-overlay> does not hide its text from us (issue #16)", () => {
    expect(isSkippedElement(el('<plens-overlay>zopiclone</plens-overlay>'))).toBe(false);
  });

  test('hidden text that the page shows with CSS is read (issue #16)', () => {
    document.body.innerHTML = '<div hidden style="display: block">zopiclone</div>';
    const shown = document.body.firstElementChild;
    expect(shown && isSkippedElement(shown)).toBe(false);
    // happy-dom has no UA style for [hidden]; a browser's is display: none.
    document.body.innerHTML = '<div hidden style="display: none">zopiclone</div>';
    const hidden = document.body.firstElementChild;
    expect(hidden && isSkippedElement(hidden)).toBe(true);
  });

  test('text inside an editable region counts as skipped', () => {
    const root = el('<div contenteditable="true"><p><b>zopiclone</b></p></div>');
    const text = root.querySelector('b')?.firstChild;
    expect(text && isInsideSkipped(text, null)).toBe(true);
  });
});
