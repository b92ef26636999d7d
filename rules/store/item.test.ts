import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineStoredItem } from './item';

describe('a stored item', () => {
  beforeEach(() => fakeBrowser.reset());

  test('defining it reads nothing: a frame pays only for the keys it asks for', async () => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    defineStoredItem<string | null>('local:bigPack', { fallback: null });
    // WXT's defineItem reads on a later turn: wait for one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(get).not.toHaveBeenCalled();
    get.mockRestore();
  });

  test('reads the stored value, or the fallback when there is none', async () => {
    const item = defineStoredItem<string[]>('local:list', { fallback: [] });
    expect(await item.getValue()).toEqual([]);
    await item.setValue(['a']);
    expect(await item.getValue()).toEqual(['a']);
    expect(await fakeBrowser.storage.local.get('list')).toEqual({ list: ['a'] });
  });

  test('null or removal leaves the key unset', async () => {
    const item = defineStoredItem<string | null>('local:name', { fallback: null });
    await item.setValue('x');
    await item.setValue(null);
    expect(await fakeBrowser.storage.local.get('name')).toEqual({});
    await item.setValue('y');
    await item.removeValue();
    expect(await item.getValue()).toBeNull();
  });

  test('watchers hear each change, with the fallback standing for no value', async () => {
    const item = defineStoredItem<Record<string, boolean>>('local:folded', { fallback: {} });
    const heard: unknown[] = [];
    const unwatch = item.watch((now, before) => heard.push([now, before]));
    await item.setValue({ 'gp.example': true });
    await item.removeValue();
    unwatch();
    await item.setValue({ other: false });
    expect(heard).toEqual([
      [{ 'gp.example': true }, {}],
      [{}, { 'gp.example': true }],
    ]);
  });
});
