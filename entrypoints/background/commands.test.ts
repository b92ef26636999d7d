import { beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { stepInTab } from './commands';

beforeEach(() => fakeBrowser.reset());

test.each([
  ['next-flag', 'next'],
  ['previous-flag', 'previous'],
])('%s asks the tab’s top frame to step %s', async (command, direction) => {
  const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(true);
  await stepInTab(command, 5);
  expect(send).toHaveBeenCalledWith(5, { type: 'plens:step', direction }, { frameId: 0 });
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
