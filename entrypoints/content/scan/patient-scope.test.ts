import { describe, expect, test } from 'vitest';
import { PatientScopes, SINGLE_PATIENT } from './patient-scope';

/** Scopes as the scanner feeds them: every text node's text, with its parent element. */
function scanned(): PatientScopes {
  const scopes = new PatientScopes(document);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode())
    if (n.parentElement) scopes.noteRun(n.parentElement, n.nodeValue ?? '');
  return scopes;
}

function keysOf(html: string, ids: readonly string[]): (number | null)[] {
  document.body.innerHTML = html;
  const scopes = scanned();
  return ids.map((id) => {
    const el = document.getElementById(id);
    if (!el) throw new Error(id);
    return scopes.keyOf(el);
  });
}

describe('PatientScopes', () => {
  test('one banner: everything is the one patient', () => {
    const html = `<dl><dt>NHS No.</dt><dd>999 000 0001</dd></dl>
      <table><tr><td id="a">Morphine</td></tr><tr><td id="b">Diazepam</td></tr></table>`;
    expect(keysOf(html, ['a', 'b'])).toEqual([SINGLE_PATIENT, SINGLE_PATIENT]);
  });

  test('the same number shown twice (banner and footer) is still one patient', () => {
    const html = `<p>NHS No. 999 000 0001</p><p id="a">Morphine</p><footer>NHS number 9990000001</footer>`;
    expect(keysOf(html, ['a'])).toEqual([SINGLE_PATIENT]);
  });

  test('a worklist with a tbody per patient: each row is its own patient', () => {
    const html = `<table>
      <tbody><tr><th>A · NHS No. 999 000 0002</th></tr><tr><td id="a">Morphine</td></tr></tbody>
      <tbody><tr><th>B · NHS No. 999 000 0003</th></tr><tr><td id="b">Diazepam</td></tr><tr><td id="c">Oxycodone</td></tr></tbody>
    </table><p id="chrome">Lorazepam</p>`;
    const [a, b, c, chrome] = keysOf(html, ['a', 'b', 'c', 'chrome']);
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(a).not.toBe(b);
    expect(c).toBe(b);
    expect(chrome).toBeNull();
  });

  test('a flat table: banner rows own the rows beneath them', () => {
    const html = `<table><tbody>
      <tr><th>A · NHS No. 999 000 0002</th></tr><tr><td id="a">Morphine</td></tr><tr><td id="a2">Codeine</td></tr>
      <tr><th>B · NHS No. 999 000 0003</th></tr><tr><td id="b">Diazepam</td></tr>
    </tbody></table>`;
    const [a, a2, b] = keysOf(html, ['a', 'a2', 'b']);
    expect(a).toBe(a2);
    expect(b).not.toBe(a);
    expect(b).not.toBeNull();
  });

  test('a clinic list with one row per patient', () => {
    const html = `<table><tbody>
      <tr><td>A</td><td>NHS No. 999 000 0002</td><td id="a">Morphine</td></tr>
      <tr><td>B</td><td>NHS No. 999 000 0003</td><td id="b">Diazepam</td></tr>
    </tbody></table>`;
    const [a, b] = keysOf(html, ['a', 'b']);
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(a).not.toBe(b);
  });

  test('a page with no banner is one patient', () => {
    expect(keysOf('<p id="a">Morphine</p>', ['a'])).toEqual([SINGLE_PATIENT]);
  });

  test('a list replaced by one record: the banners are read again on the next batch', () => {
    document.body.innerHTML = `<main id="m"><table>
      <tbody><tr><th>A · NHS No. 999 000 0002</th></tr><tr><td id="a">Morphine</td></tr></tbody>
      <tbody><tr><th>B · NHS No. 999 000 0003</th></tr><tr><td id="b">Diazepam</td></tr></tbody>
    </table></main>`;
    const scopes = scanned();
    expect(scopes.isList).toBe(true);
    const main = document.getElementById('m');
    if (!main) throw new Error('fixture');
    main.innerHTML = '<p>NHS No. 999 000 0004</p><p id="c">Morphine</p><p id="d">Diazepam</p>';
    scopes.revalidate();
    // The incremental scan of the new content shows the new banner.
    const banner = main.firstElementChild;
    if (banner) scopes.noteRun(banner, banner.textContent ?? '');
    expect(scopes.isList).toBe(false);
    expect(scopes.keyOf(document.getElementById('c') as Element)).toBe(SINGLE_PATIENT);
  });
});

describe('recordNumber (what "hide on this record" is tied to, digested at once)', () => {
  function numberOf(html: string): string | null {
    document.body.innerHTML = html;
    return scanned().recordNumber();
  }

  test.each([
    ['one banner', '<dl><dt>NHS No.</dt><dd>999 000 0001</dd></dl>', '9990000001'],
    [
      'the same number twice',
      '<p>NHS No. 999 000 0001</p><footer>NHS number 9990000001</footer>',
      '9990000001',
    ],
    ['two patients', '<p>NHS No. 999 000 0002</p><p>NHS No. 999 000 0003</p>', null],
    ['no banner', '<p>Morphine</p>', null],
  ])('%s', (_name, html, expected) => {
    expect(numberOf(html)).toBe(expected);
  });
});
