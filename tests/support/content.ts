/**
 * Test doubles for what happy-dom lacks (StaticRange, Highlight, CSS.highlights), plus a small
 * real engine set-up, shared by the content-script tests.
 */
import { compileRuleSet, matchText, type MatchKind } from '@/rules/engine';
import type { Category } from '@/rules/schema/rule-pack';
import {
  highlightNameOf,
  type HighlightName,
} from '../../entrypoints/content/paint/highlight-names';
import { Highlighter, type HighlightEnv } from '../../entrypoints/content/paint/highlighter';
import { countedItemOf, PageSession, type Mark } from '../../entrypoints/content/scan/page-session';

/** A StaticRange stand-in with the same fields. */
export function fakeStaticRange(init: StaticRangeInit): StaticRange {
  const range: StaticRange = {
    startContainer: init.startContainer,
    startOffset: init.startOffset,
    endContainer: init.endContainer,
    endOffset: init.endOffset,
    collapsed: init.startContainer === init.endContainer && init.startOffset === init.endOffset,
  };
  return range;
}

/** The text a (static) range covers, for assertions. */
export function rangeText(range: StaticRange): string {
  const r = document.createRange();
  r.setStart(range.startContainer, range.startOffset);
  r.setEnd(range.endContainer, range.endOffset);
  return r.toString();
}

class FakeHighlight extends Set<AbstractRange> {}

export function fakeHighlightEnv(): HighlightEnv & { registry: Map<string, Highlight> } {
  const registry = new Map<string, Highlight>();
  return {
    registry: registry,
    createHighlight: () => new FakeHighlight() as unknown as Highlight,
  };
}

const CATEGORY_OF: Readonly<Record<string, Category>> = {
  zopiclone: 'dependence-forming',
  codeine: 'dependence-forming',
  methotrexate: 'shared-care',
  warfarin: 'no-commissioned-service',
};

/** The highlight a test mark paints in, in the default (tint) style. */
export function testHighlightName(mark: Mark): HighlightName {
  return highlightNameOf(mark, 'tint');
}

/** A highlighter painting in the default style, as the content script does. */
export function testHighlighter(
  env: HighlightEnv,
  isVisible?: (mark: Mark) => boolean,
): Highlighter {
  return new Highlighter(env, testHighlightName, isVisible);
}

/** A session over a tiny real rule set: zopiclone, codeine (+co-codamol), methotrexate, warfarin. */
/** @param faultOn text that makes the scan throw, as a bug on some page would. */
export function createTestSession(faultOn?: string): PageSession {
  const compiled = compileRuleSet([
    { id: 'zopiclone', names: ['zopiclone', 'Zimovane'] },
    { id: 'codeine', names: ['codeine', 'co-codamol'] },
    { id: 'methotrexate', names: ['methotrexate'] },
    { id: 'warfarin', names: ['warfarin'] },
  ]);
  return new PageSession({
    matchText: (text) => {
      if (faultOn !== undefined && text.includes(faultOn)) throw new Error('scan fault');
      return matchText(compiled, text);
    },
    categoryOf: (ruleIds) => CATEGORY_OF[ruleIds[0] ?? ''] ?? null,
    createRange: fakeStaticRange,
  });
}

/** Texts of every painted range, per highlight name, in insertion order. */
export function paintedTexts(env: { registry: Map<string, Highlight> }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, h] of env.registry) {
    const texts = [...h].map((r) => rangeText(r));
    if (texts.length > 0) out[name] = texts.sort();
  }
  return out;
}

let nextMarkId = 1;

/**
 * A mark as the scanner makes it, in a block of its own unless given one: `text` is the name
 * exactly as the page shows it.
 */
export function testMark(
  text: string,
  ruleIds: readonly string[],
  {
    kind = 'exact',
    isPast = false,
    reading,
    patient,
    isUnstated = false,
    block = document.createElement('td'),
    category = 'shared-care',
  }: {
    kind?: MatchKind;
    isPast?: boolean;
    isUnstated?: boolean;
    reading?: Mark['reading'];
    patient?: Mark['patient'];
    block?: Element;
    category?: Category;
  } = {},
): Mark {
  const node = document.createTextNode(text);
  block.append(node);
  return {
    id: nextMarkId++,
    range: fakeStaticRange({
      startContainer: node,
      startOffset: 0,
      endContainer: node,
      endOffset: text.length,
    }),
    block,
    text,
    ruleIds,
    kind,
    isPast,
    ...(reading ? { reading } : {}),
    ...(patient !== undefined ? { patient } : {}),
    ...(isUnstated ? { isUnstated: true } : {}),
    item: countedItemOf(block, reading ?? (isPast ? 'past' : 'current')),
    category,
  };
}
