import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { welcomeVersionItem } from '@/rules/store/items';
import { welcomeOnInstall } from './welcome';

describe('welcome page', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  test('a fresh install opens the welcome page once and marks this version seen', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await welcomeOnInstall({ reason: 'install' });
    expect(create).toHaveBeenCalledOnce();
    expect(create.mock.calls[0]?.[0].url).toMatch(/\/welcome\.html$/);
    expect(await welcomeVersionItem.getValue()).toBe(fakeBrowser.runtime.getManifest().version);
  });

  test.each(['update', 'chrome_update', 'shared_module_update'])(
    '%s opens no tab and leaves "What’s new" unread',
    async (reason) => {
      const create = vi.spyOn(fakeBrowser.tabs, 'create');
      await welcomeVersionItem.setValue('0.0.1');
      await welcomeOnInstall({ reason });
      expect(create).not.toHaveBeenCalled();
      expect(await welcomeVersionItem.getValue()).toBe('0.0.1');
    },
  );
});
