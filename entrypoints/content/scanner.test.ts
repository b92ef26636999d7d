import { describe, expect, test } from 'vitest';
import { collectTextRuns, locate } from './scanner';

function runsOf(html: string): string[] {
  document.body.innerHTML = html;
  return collectTextRuns(document.body).map((r) => r.text);
}

describe('collectTextRuns', () => {
  test.each([
    [
      'a name split over inline elements is one run',
      '<p>Zopi<b>clone</b> 7.5mg</p>',
      ['Zopiclone 7.5mg'],
    ],
    [
      'a bold name in a cell joins its strength',
      '<table><tr><td><strong>Sertraline</strong> 50mg tablets</td></tr></table>',
      ['Sertraline 50mg tablets'],
    ],
    [
      'table cells never run together',
      '<table><tr><td>Zopiclone</td><td>7.5mg</td></tr></table>',
      ['Zopiclone', '7.5mg'],
    ],
    [
      'list items never run together',
      '<ul><li>Codeine</li><li>Warfarin</li></ul>',
      ['Codeine', 'Warfarin'],
    ],
    ['a line break ends a run', '<p>Codeine<br>Warfarin</p>', ['Codeine', 'Warfarin']],
    [
      'text after a nested block is a new run',
      '<div>before<div>inner</div>after</div>',
      ['before', 'inner', 'after'],
    ],
    [
      'scripts and styles are not read',
      '<p>Codeine</p><script>var warfarin=1</script><style>.x{}</style>',
      ['Codeine'],
    ],
    [
      'form controls and editable regions are not read',
      '<textarea>zopiclone</textarea><div contenteditable="true">codeine</div><p>ok</p>',
      ['ok'],
    ],
    ['whitespace-only runs are dropped', '<div>  </div><p> x </p>', [' x ']],
    [
      'unknown custom elements are blocks',
      '<med-row>Codeine</med-row><med-row>Warfarin</med-row>',
      ['Codeine', 'Warfarin'],
    ],
  ])('%s', (_why, html, expected) => {
    expect(runsOf(html)).toEqual(expected);
  });

  test('maps run offsets back to the right text node', () => {
    document.body.innerHTML = '<p>Zopi<b>clone</b> 7.5mg</p>';
    const [run] = collectTextRuns(document.body);
    if (!run) throw new Error('no run');
    const start = locate(run, 0, false);
    const end = locate(run, 9, true);
    expect(start?.node.data).toBe('Zopi');
    expect(start?.offset).toBe(0);
    expect(end?.node.data).toBe('clone');
    expect(end?.offset).toBe(5);
    // A boundary offset starts in the later node but ends in the earlier one.
    expect(locate(run, 4, false)?.node.data).toBe('clone');
    expect(locate(run, 4, true)?.node.data).toBe('Zopi');
  });
});
