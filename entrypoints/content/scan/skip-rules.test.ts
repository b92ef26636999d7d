import { describe, expect, test } from 'vitest';
import { isInsideSkipped, isSkippedElement } from './skip-rules';

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
    ['<plens-overlay></plens-overlay>', true],
    ['<td>zopiclone</td>', false],
    ['<span aria-hidden="true">zopiclone</span>', false],
  ])('%s → skipped %s', (html, skipped) => {
    const target = html.startsWith('<td')
      ? el(`<table><tr>${html}</tr></table>`).querySelector('td')
      : el(html);
    expect(target && isSkippedElement(target)).toBe(skipped);
  });

  test('text inside an editable region counts as skipped', () => {
    const root = el('<div contenteditable="true"><p><b>zopiclone</b></p></div>');
    const text = root.querySelector('b')?.firstChild;
    expect(text && isInsideSkipped(text, null)).toBe(true);
  });
});
