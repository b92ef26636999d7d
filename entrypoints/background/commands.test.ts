import { beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { StepDirection, StepOutcome } from '@/rules/schema/messages';
import { summaryKey } from '@/rules/schema/storage-keys';
import { forgetSteps, stepInTab, stepThroughFrames } from './commands';

beforeEach(() => {
  fakeBrowser.reset();
  forgetSteps(5);
});

test.each([
  ['next-flag', 'next'],
  ['previous-flag', 'previous'],
])('%s asks the tab’s top frame to step %s first', async (command, direction) => {
  const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue('moved');
  await stepInTab(command, 5);
  expect(send).toHaveBeenCalledWith(
    5,
    { type: 'plens:step', direction, fromEdge: false },
    { frameId: 0 },
  );
});

test('other commands, no tab, or a tab where we do not run: nothing happens, nothing throws', async () => {
  const send = vi
    .spyOn(fakeBrowser.tabs, 'sendMessage')
    .mockRejectedValue(new Error('no receiver'));
  await stepInTab('constructor', 5);
  await stepInTab('next-flag', undefined);
  expect(send).not.toHaveBeenCalled();
  await expect(stepInTab('next-flag', 5)).resolves.toBeUndefined();
});

/** A page of frames, each with `flags` flags, answering steps as the content script does. */
function framesWith(flags: Record<number, number>) {
  const at = new Map<number, number>();
  const visits: string[] = [];
  const send = (_tab: number, frame: number, direction: StepDirection, fromEdge: boolean) => {
    const n = flags[frame] ?? 0;
    if (n === 0) return Promise.resolve<StepOutcome>('none');
    const from = fromEdge ? -1 : (at.get(frame) ?? -1);
    const index = direction === 'next' ? from + 1 : from === -1 ? n - 1 : from - 1;
    if (index < 0 || index >= n) {
      at.delete(frame);
      return Promise.resolve<StepOutcome>('end');
    }
    at.set(frame, index);
    visits.push(`${frame}:${index + 1}`);
    return Promise.resolve<StepOutcome>('moved');
  };
  return { send, visits };
}

test('next goes through the top frame’s flags, then on into each frame with flags, and round again', async () => {
  const { send, visits } = framesWith({ 0: 2, 3: 0, 4: 1, 7: 2 });
  let frame = 0;
  for (let i = 0; i < 6; i += 1) {
    frame = (await stepThroughFrames(5, [0, 3, 4, 7], frame, 'next', send)) ?? 0;
  }
  expect(visits).toEqual(['0:1', '0:2', '4:1', '7:1', '7:2', '0:1']);
});

test('previous goes back from a frame’s first flag to the last flag of the frame before', async () => {
  const { send, visits } = framesWith({ 0: 1, 4: 2 });
  let frame = 0;
  for (let i = 0; i < 4; i += 1) {
    frame = (await stepThroughFrames(5, [0, 4], frame, 'previous', send)) ?? 0;
  }
  expect(visits).toEqual(['0:1', '4:2', '4:1', '0:1']);
});

test('a page with no flags anywhere: no frame moves, and the step ends quietly', async () => {
  const { send, visits } = framesWith({});
  expect(await stepThroughFrames(5, [0, 2], 0, 'next', send)).toBeNull();
  expect(visits).toEqual([]);
});

test('the frames asked are the tab’s reporting frames, top frame first', async () => {
  await fakeBrowser.storage.session.set({
    [summaryKey(5, 9)]: '{}',
    [summaryKey(5, 0)]: '{}',
    [summaryKey(6, 2)]: '{}',
  });
  const asked: number[] = [];
  const send = (_t: number, frame: number) => {
    asked.push(frame);
    return Promise.resolve<StepOutcome>(frame === 9 ? 'moved' : 'end');
  };
  await stepInTab('next-flag', 5, send);
  expect(asked).toEqual([0, 9]);
  // The next press starts where the last one landed.
  asked.length = 0;
  await stepInTab('next-flag', 5, send);
  expect(asked).toEqual([9]);
});
