import { describe, expect, test } from 'vitest';
import { blockOf, collectTextRuns, iterateTextRuns, locate } from './scanner';

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

describe('open shadow roots (web components)', () => {
  /** Attaches a shadow root holding `html` to the element with `id`. */
  function shadow(id: string, html: string, mode: ShadowRootMode = 'open'): ShadowRoot {
    const host = document.getElementById(id);
    if (!host) throw new Error(`no #${id}`);
    const root = host.attachShadow({ mode });
    root.innerHTML = html;
    return root;
  }

  test('names inside open and nested open roots are read, closed roots are not', () => {
    document.body.innerHTML =
      '<p>Light: Sertraline</p><med-card id="open"></med-card><div id="closed"></div>';
    const outer = shadow('open', '<p>Warfarin 1mg</p><med-row id="inner"></med-row>');
    const inner = outer.getElementById('inner');
    inner?.attachShadow({ mode: 'open' }).append('Codeine 30mg');
    shadow('closed', '<p>Zopiclone 7.5mg</p>', 'closed');
    expect(collectTextRuns(document.body).map((r) => r.text)).toEqual([
      'Light: Sertraline',
      'Warfarin 1mg',
      'Codeine 30mg',
    ]);
  });

  test('slotted light text is read once, in the light tree', () => {
    document.body.innerHTML = '<med-slot id="s"><span slot="drug">Methotrexate</span></med-slot>';
    shadow('s', '<p>Slotted: <slot name="drug"></slot></p>');
    expect(collectTextRuns(document.body).map((r) => r.text)).toEqual([
      'Methotrexate',
      'Slotted: ',
    ]);
  });

  test("shadow text never joins the host's light text, and its top level belongs to the host", () => {
    document.body.innerHTML = '<p>Zopi<span id="h">clone</span></p>';
    shadow('h', 'Warfarin');
    const runs = collectTextRuns(document.body);
    expect(runs.map((r) => r.text)).toEqual(['Zopiclone', 'Warfarin']);
    const host = document.getElementById('h');
    expect(runs[1]?.block).toBe(host);
    const text = runs[1]?.nodes[0];
    expect(text && blockOf(text)).toBe(host);
  });

  test('a component inside a hidden subtree is skipped with it', () => {
    document.body.innerHTML = '<div hidden><med-card id="c"></med-card></div><p>ok</p>';
    shadow('c', '<p>Warfarin</p>');
    expect(runsOf(document.body.innerHTML)).toEqual(['ok']);
  });

  test('scanning a host re-reads its shadow tree', () => {
    document.body.innerHTML = '<med-card id="c">light</med-card>';
    shadow('c', '<p>Warfarin</p>');
    const host = document.getElementById('c');
    if (!host) throw new Error('fixture');
    expect(collectTextRuns(host).map((r) => r.text)).toEqual(['light', 'Warfarin']);
  });
});

describe('leaf cells read whole', () => {
  /** A small seeded generator, so a failing tree can be rebuilt. */
  function random(seed: number): () => number {
    let x = seed;
    return () => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return x / 0x7fffffff;
    };
  }

  const TAGS = ['td', 'span', 'b', 'div', 'p', 'li', 'br', 'script', 'input', 'a', 'med-row'];
  const TEXTS = ['Codeine', ' ', '\n  ', '', 'Zopi', 'clone', ' 30mg', 'Warfarin ', '7.5', '–'];

  /** A random tree with the shapes the leaf path must treat like the walk: blank, empty and
   * whitespace-led text, several text nodes and comments in one leaf, skipped and hidden leaves. */
  function build(parent: Node, next: () => number, depth: number): void {
    const children = Math.floor(next() * 4);
    for (let i = 0; i < children; i++) {
      const r = next();
      const doc = parent.ownerDocument ?? document;
      if (r < 0.45)
        parent.appendChild(doc.createTextNode(TEXTS[Math.floor(next() * TEXTS.length)] ?? ''));
      else if (r < 0.55) parent.appendChild(doc.createComment('x'));
      else if (depth < 4) {
        const el = doc.createElement(TAGS[Math.floor(next() * TAGS.length)] ?? 'span');
        const a = next();
        if (a < 0.08) el.setAttribute('hidden', '');
        else if (a < 0.12) el.setAttribute('contenteditable', 'true');
        else if (a < 0.3) el.setAttribute('class', 'c');
        build(el, next, depth + 1);
        parent.appendChild(el);
      }
    }
  }

  function shape(
    runs: Iterable<{
      block: Element;
      text: string;
      nodes: readonly Text[];
      starts: readonly number[];
    }>,
  ) {
    return [...runs].map((r) => ({
      block: r.block,
      text: r.text,
      nodes: [...r.nodes],
      starts: [...r.starts],
    }));
  }

  test('give the same runs, blocks and node maps as reading node by node', () => {
    for (let seed = 1; seed <= 400; seed++) {
      document.body.replaceChildren();
      build(document.body, random(seed), 0);
      const grouped = shape(iterateTextRuns(document.body, document, true));
      const byNode = shape(iterateTextRuns(document.body, document, false));
      expect(grouped, `seed ${seed}: ${document.body.innerHTML}`).toEqual(byNode);
    }
  });
});
