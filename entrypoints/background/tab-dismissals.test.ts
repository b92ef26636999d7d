import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerTabDismissal, forgetTabDismissals, MAX_CONTEXTS_PER_TAB } from './tab-dismissals';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

beforeEach(() => fakeBrowser.reset());

describe('tab dismissals in storage.session', () => {
  test('the salt is random, made once per browser session, and the same for every ask', async () => {
    const first = await answerTabDismissal({ type: 'plens:dismiss-salt' }, 1);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await answerTabDismissal({ type: 'plens:dismiss-salt' }, 2)).toBe(first);
    fakeBrowser.reset();
    expect(await answerTabDismissal({ type: 'plens:dismiss-salt' }, 1)).not.toBe(first);
  });

  test('hidden for one context in one tab: not for another context, nor in another tab', async () => {
    await answerTabDismissal({ type: 'plens:tab-dismiss', context: A, ruleIds: ['zopiclone'] }, 1);
    expect(await answerTabDismissal({ type: 'plens:tab-dismissed', context: A }, 1)).toEqual([
      'zopiclone',
    ]);
    expect(await answerTabDismissal({ type: 'plens:tab-dismissed', context: B }, 1)).toEqual([]);
    expect(await answerTabDismissal({ type: 'plens:tab-dismissed', context: A }, 2)).toEqual([]);
  });

  test('showing everything again leaves nothing stored; closing the tab forgets it', async () => {
    await answerTabDismissal({ type: 'plens:tab-dismiss', context: A, ruleIds: ['zopiclone'] }, 1);
    await answerTabDismissal({ type: 'plens:tab-dismiss', context: A, ruleIds: [] }, 1);
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual([]);
    await answerTabDismissal({ type: 'plens:tab-dismiss', context: B, ruleIds: ['warfarin'] }, 3);
    await forgetTabDismissals(3);
    expect(await answerTabDismissal({ type: 'plens:tab-dismissed', context: B }, 3)).toEqual([]);
  });

  test(`a tab keeps its latest ${MAX_CONTEXTS_PER_TAB} contexts`, async () => {
    const key = (i: number) => i.toString(16).padStart(64, '0');
    for (let i = 0; i <= MAX_CONTEXTS_PER_TAB; i++)
      await answerTabDismissal({ type: 'plens:tab-dismiss', context: key(i), ruleIds: ['x'] }, 1);
    expect(await answerTabDismissal({ type: 'plens:tab-dismissed', context: key(0) }, 1)).toEqual(
      [],
    );
    expect(
      await answerTabDismissal(
        { type: 'plens:tab-dismissed', context: key(MAX_CONTEXTS_PER_TAB) },
        1,
      ),
    ).toEqual(['x']);
  });
});
