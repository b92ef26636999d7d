/**
 * A storage item that reads only when asked. WXT's `storage.defineItem` (@wxt-dev/storage 1.3.0)
 * reads its key as soon as it is defined, so every frame that loaded items.ts read all ten keys
 * at start-up, the local and policy packs (up to 5 MB each) among them, for nothing: a page reads
 * its values once, in `readStartupValues`. None of our items uses versions, migrations or `init`,
 * the parts of defineItem that need that read. Same values, fallbacks and watch callbacks.
 */
import { storage, type StorageItemKey, type Unwatch } from 'wxt/utils/storage';

export interface StoredItem<T> {
  readonly key: StorageItemKey;
  readonly fallback: T;
  /** The stored value, or the fallback when there is none. */
  getValue(): Promise<T>;
  /** null removes the value, as with WXT's items. */
  setValue(value: T | null): Promise<void>;
  removeValue(): Promise<void>;
  /** Called with the new and old values (the fallback for none) on every change. */
  watch(callback: (newValue: T, oldValue: T) => void): Unwatch;
}

export function defineStoredItem<T>(
  key: StorageItemKey,
  { fallback }: { readonly fallback: T },
): StoredItem<T> {
  return {
    key,
    fallback,
    getValue: async () => (await storage.getItem<T>(key)) ?? fallback,
    setValue: (value) => storage.setItem(key, value),
    removeValue: () => storage.removeItem(key),
    watch: (callback) =>
      storage.watch<T>(key, (newValue, oldValue) =>
        callback(newValue ?? fallback, oldValue ?? fallback),
      ),
  };
}
