/**
 * The content script's copy of data.ts: the bundled data comes from `content-scripts/rules-data.js`,
 * which the manifest (and every runtime injection) lists just before the content script. Both run in
 * the extension's isolated world, so the page can neither read nor replace this global.
 */
import { BUNDLED_DATA_GLOBAL, type BundledData, type EngineWords } from './types';

function isBundledData(value: unknown): value is BundledData {
  if (typeof value !== 'object' || value === null) return false;
  const o = value as Record<string, unknown>;
  return (
    typeof o.pack === 'object' &&
    o.pack !== null &&
    typeof o.productNames === 'object' &&
    typeof o.namePolicy === 'object' &&
    typeof o.icbNames === 'object' &&
    o.icbNames !== null
  );
}

let data: BundledData | null = null;

export function bundledData(): BundledData {
  if (data) return data;
  const value: unknown = (globalThis as Record<string, unknown>)[BUNDLED_DATA_GLOBAL];
  if (!isBundledData(value)) {
    throw new Error(
      'Prescribing Lens: the bundled rules (content-scripts/rules-data.js) were not loaded before the content script',
    );
  }
  data = value;
  return data;
}

function isWordList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((w) => typeof w === 'string');
}

/** The engine's word lists, which the content script's build reads from here, not its own code. */
export function bundledEngineWords(): EngineWords {
  const words = bundledData().engineWords;
  if (!words || !isWordList(words.knownMedicines) || !isWordList(words.stopWords)) {
    throw new Error(
      'Prescribing Lens: the bundled rules (content-scripts/rules-data.js) lack the engine word lists',
    );
  }
  return words;
}
