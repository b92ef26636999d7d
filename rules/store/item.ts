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

type SealedWriter = (key: string, value: unknown) => Promise<void>;
let sealedWriter: SealedWriter | null = null;

/** Set by the extension's trusted contexts (rules/store/seal.ts); never in content scripts. */
export function installSealedWriter(writer: SealedWriter): void {
  sealedWriter = writer;
}

function writeSealed(key: StorageItemKey, value: unknown): Promise<void> {
  if (!sealedWriter) {
    return Promise.reject(
      new Error(`${key} can only be written by the extension's own pages (sealed writes)`),
    );
  }
  return sealedWriter(key.slice(key.indexOf(':') + 1), value);
}

/**
 * `sealed`: a key only the extension's own pages may write (the local pack, the settings): its
 * writes go through the sealed writer, and the background undoes any other (security L8).
 */
export function defineStoredItem<T>(
  key: StorageItemKey,
  { fallback, sealed = false }: { readonly fallback: T; readonly sealed?: boolean },
): StoredItem<T> {
  return {
    key,
    fallback,
    getValue: async () => (await storage.getItem<T>(key)) ?? fallback,
    setValue: (value) => (sealed ? writeSealed(key, value) : storage.setItem(key, value)),
    removeValue: () => (sealed ? writeSealed(key, null) : storage.removeItem(key)),
    watch: (callback) =>
      storage.watch<T>(key, (newValue, oldValue) =>
        callback(newValue ?? fallback, oldValue ?? fallback),
      ),
  };
}
