/**
 * Sealed writes (security L8, hazard log OA-16). `chrome.storage.local` is writable from content
 * scripts, so code running in a compromised page's renderer could replace the admin's local pack
 * or the settings for every site. The extension's own contexts (background, options page) write
 * those keys only through `sealedWrite`, which first records the value's digest in
 * `storage.session`, an area content scripts cannot reach (Chrome and Firefox keep it to trusted
 * contexts by default); the background's guard (`guardSealedKeys`) puts back the old value of a
 * protected key whose new value carries no seal. Only trusted entry points import this module, so
 * the content script never has the writer.
 */
import { browser } from 'wxt/browser';
import { installSealedWriter } from './item';

/** How many recent digests per key count as sealed (writes close together each keep theirs). */
const KEEP = 8;
const PREFIX = 'seal:';

/**
 * JSON with every object's keys sorted: Chrome stores objects with their keys in sorted order,
 * so the value a change reports back may list them differently from the value written.
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

async function digestOf(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(value));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function sealsOf(key: string): Promise<string[]> {
  const got: Record<string, unknown> = await browser.storage.session.get(PREFIX + key);
  const list = got[PREFIX + key];
  return Array.isArray(list) ? list.filter((d): d is string => typeof d === 'string') : [];
}

/** Writes `value` under `key` in storage.local (null removes it), sealed. */
export async function sealedWrite(key: string, value: unknown): Promise<void> {
  // A browser without storage.session (older than Firefox 115) writes plainly; it runs no guard.
  if (!hasSession()) return plainWrite(key, value);
  const digest = await digestOf(value);
  const seals = await sealsOf(key);
  await browser.storage.session.set({
    [PREFIX + key]: [...seals.filter((d) => d !== digest), digest].slice(-KEEP),
  });
  await plainWrite(key, value);
}

async function plainWrite(key: string, value: unknown): Promise<void> {
  if (value === null || value === undefined) await browser.storage.local.remove(key);
  else await browser.storage.local.set({ [key]: value });
}

function hasSession(): boolean {
  return (browser.storage as { session?: unknown }).session !== undefined;
}

/** Whether `value` (null: the key removed) was written through `sealedWrite`. */
export async function isSealed(key: string, value: unknown): Promise<boolean> {
  return (await sealsOf(key)).includes(await digestOf(value));
}

/** Lets this context's sealed storage items write (background and options page only). */
export function installSealedWrites(): void {
  installSealedWriter(sealedWrite);
}

/**
 * Background only: a protected key changed without a seal is put back as it was (or removed, if
 * what it was is not sealed either), and the change is reported. Our own restore is sealed, so it
 * is not undone in turn.
 */
export function guardSealedKeys(
  keys: readonly string[],
  report: (key: string) => void = (key) =>
    console.warn(
      `Prescribing Lens: a change to "${key}" that the extension did not make was undone`,
    ),
): () => void {
  if (!hasSession()) return () => undefined;
  const protectedKeys = new Set(keys);
  const listener = (
    changes: Record<string, { newValue?: unknown; oldValue?: unknown }>,
    area: string,
  ) => {
    if (area !== 'local') return;
    for (const [key, change] of Object.entries(changes)) {
      if (!protectedKeys.has(key)) continue;
      void isSealed(key, change.newValue ?? null).then(async (sealed) => {
        if (sealed) return;
        // Back to the old value only if it was ours: two forged writes in a row must not make
        // the first one sealed. Otherwise the key goes (the national pack, default settings).
        const old = change.oldValue ?? null;
        await sealedWrite(key, (await isSealed(key, old)) ? old : null);
        report(key);
      });
    }
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
