/**
 * One canonical order for the product-name index, so the importer's output is deterministic and a
 * refresh diff shows only real changes: ingredients by VTM name, form keys alphabetically, names
 * alphabetically (case-insensitive) with duplicates removed. Duplicates are judged the way the
 * matcher sees names (normalised tokens), so "Co-codamol" and "co codamol" count as one.
 */
import { normalizeName } from '../engine';
import type { IngredientNames, NamesByForm, ProductNameIndex } from './index-schema';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Case-insensitive order with a case-sensitive tie-break, so the order is total. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The key two names share when the matcher cannot tell them apart. */
export function nameKey(name: string): string {
  return normalizeName(name).join(' ');
}

function canonicalNames(names: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const raw of [...names].map((n) => n.trim()).sort(compareNames)) {
    const key = nameKey(raw);
    if (key !== '' && !byKey.has(key)) byKey.set(key, raw);
  }
  return [...byKey.values()];
}

function canonicalForms(forms: NamesByForm | undefined): NamesByForm | undefined {
  if (!forms) return undefined;
  const out: Record<string, string[]> = {};
  for (const key of Object.keys(forms).sort(compareNames)) {
    const names = canonicalNames(forms[key] ?? []);
    if (names.length > 0) out[key] = names;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function canonicalIngredient(entry: IngredientNames): IngredientNames {
  const generic = canonicalForms(entry.generic);
  const brand = canonicalForms(entry.brand);
  return {
    vtm: entry.vtm.trim(),
    ...(generic ? { generic } : {}),
    ...(brand ? { brand } : {}),
  };
}

/** The index in canonical order; entries with the same VTM name are merged. */
export function canonicalizeIndex(index: ProductNameIndex): ProductNameIndex {
  const merged = new Map<string, { vtm: string; generic: NamesByForm; brand: NamesByForm }>();
  const add = (into: NamesByForm, from: NamesByForm | undefined) => {
    for (const [key, names] of Object.entries(from ?? {}))
      into[key] = [...(into[key] ?? []), ...names];
  };
  for (const entry of index.ingredients) {
    const key = nameKey(entry.vtm);
    let slot = merged.get(key);
    if (!slot) {
      slot = { vtm: entry.vtm, generic: {}, brand: {} };
      merged.set(key, slot);
    }
    add(slot.generic, entry.generic);
    add(slot.brand, entry.brand);
  }
  const ingredients = [...merged.values()]
    .map(canonicalIngredient)
    .sort((a, b) => compareNames(a.vtm, b.vtm));
  return { format: index.format, release: { ...index.release }, ingredients };
}

/** The index as it is written to disk (before Prettier): canonical order, two-space JSON. */
export function serializeIndex(index: ProductNameIndex): string {
  return `${JSON.stringify(canonicalizeIndex(index), null, 2)}\n`;
}
