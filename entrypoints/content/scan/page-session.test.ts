import { describe, expect, test } from 'vitest';
import { Annotator } from './annotator';
import { synchronousScheduler } from './scheduler';
import {
  createTestSession,
  fakeHighlightEnv,
  paintedTexts,
  testHighlighter,
} from '../../../tests/support/content';

function setup(html: string) {
  document.body.innerHTML = html;
  const session = createTestSession();
  const env = fakeHighlightEnv();
  const highlighter = testHighlighter(env);
  const annotator = new Annotator(document, session, highlighter, synchronousScheduler);
  return { session, env, annotator };
}

const TABLE = `<table><tbody id="rows">
  <tr id="r1"><td>Zopiclone 7.5mg tablets</td><td>one at night</td></tr>
  <tr id="r2"><td><strong>Co-codamol</strong> 30mg/500mg tablets</td><td>two four times a day</td></tr>
  <tr id="r3"><td>Amlodipine 5mg tablets</td><td>one daily</td></tr>
</tbody></table>`;

describe('annotating a page', () => {
  test('a full scan paints each drug in its category and nothing else', () => {
    const { env, annotator } = setup(TABLE + '<p>Methotrexate 2.5mg and warfarin</p>');
    annotator.requestFull();
    expect(paintedTexts(env)).toEqual({
      'plens-dependence-forming': ['Co-codamol', 'Zopiclone'],
      'plens-shared-care': ['Methotrexate'],
      'plens-no-commissioned-service': ['warfarin'],
    });
  });

  test('re-scanning a replaced row leaves exactly one mark for it', () => {
    const { env, annotator, session } = setup(TABLE);
    annotator.requestFull();
    const row = document.getElementById('r1');
    const cell = row?.querySelector('td');
    if (!row || !cell) throw new Error('fixture');
    for (let i = 0; i < 5; i++) {
      cell.textContent = i % 2 === 0 ? 'Warfarin 1mg tablets' : 'Zopiclone 3.75mg tablets';
      annotator.requestRoot(cell);
      annotator.requestSweep();
    }
    expect(paintedTexts(env)).toEqual({
      'plens-dependence-forming': ['Co-codamol'],
      'plens-no-commissioned-service': ['Warfarin'],
    });
    expect(session.size).toBe(2);
  });

  test('removed rows lose their marks', () => {
    const { env, annotator } = setup(TABLE);
    annotator.requestFull();
    document.getElementById('r2')?.remove();
    annotator.requestSweep();
    expect(paintedTexts(env)).toEqual({ 'plens-dependence-forming': ['Zopiclone'] });
  });

  test('a full rescan drops marks whose text changed in place', () => {
    const { env, annotator } = setup(TABLE);
    annotator.requestFull();
    const strong = document.querySelector('strong');
    if (!strong?.firstChild) throw new Error('fixture');
    (strong.firstChild as Text).data = 'Paracetamol';
    annotator.requestFull();
    expect(paintedTexts(env)).toEqual({ 'plens-dependence-forming': ['Zopiclone'] });
  });

  test('a page that deletes our highlights gets them back on the next change', () => {
    const { env, annotator } = setup(TABLE);
    annotator.requestFull();
    env.registry.clear();
    const row = document.createElement('tr');
    row.append(Object.assign(document.createElement('td'), { textContent: 'Warfarin' }));
    document.getElementById('rows')?.append(row);
    annotator.requestRoot(row);
    expect(Object.keys(paintedTexts(env)).sort()).toEqual([
      'plens-dependence-forming',
      'plens-no-commissioned-service',
    ]);
  });
});

describe('a scan that throws', () => {
  function failing(html: string) {
    document.body.innerHTML = html;
    const env = fakeHighlightEnv();
    const errors: unknown[] = [];
    let recovered = 0;
    const annotator = new Annotator(
      document,
      createTestSession('FAULT'),
      testHighlighter(env),
      synchronousScheduler,
      { onScanError: (e) => errors.push(e), onRecovered: () => recovered++ },
    );
    return { env, annotator, errors, recovered: () => recovered };
  }

  test('is reported, keeps what it found, and does not stop the scans after it', () => {
    const { env, annotator, errors, recovered } = failing(
      `<p>Zopiclone 7.5mg tablets</p><p id="bad">FAULT here</p><p>Warfarin 1mg tablets</p>`,
    );
    annotator.requestFull();
    expect(errors).toHaveLength(1);
    // Found before the fault: painted. After it, in the same full scan: not read (reported).
    expect(paintedTexts(env)).toEqual({ 'plens-dependence-forming': ['Zopiclone'] });
    expect(annotator.isIdle).toBe(true);

    // A later change elsewhere is still read.
    const p = document.createElement('p');
    p.textContent = 'Methotrexate 2.5mg tablets';
    document.body.append(p);
    annotator.requestRoot(p);
    expect(paintedTexts(env)).toEqual({
      'plens-dependence-forming': ['Zopiclone'],
      'plens-shared-care': ['Methotrexate'],
    });
    expect(recovered()).toBe(0);

    // The page re-renders the text that trips the scan: not reported again until recovered.
    const bad = document.getElementById('bad');
    if (!bad) throw new Error('fixture');
    annotator.requestRoot(bad);
    expect(errors).toHaveLength(1);

    // Once the bad text is gone, the next full scan reads the page whole: recovered.
    document.getElementById('bad')?.remove();
    annotator.requestFull();
    expect(recovered()).toBe(1);
    expect(paintedTexts(env)).toEqual({
      'plens-dependence-forming': ['Zopiclone'],
      'plens-no-commissioned-service': ['Warfarin'],
      'plens-shared-care': ['Methotrexate'],
    });
    expect(errors).toHaveLength(1);
  });
});
