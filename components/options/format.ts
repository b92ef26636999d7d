/** Display helpers shared by the options components: layer names and counts as people say them. */
import type { Layer } from '@/rules/loader/merge';

export const LAYER_LABELS: Readonly<Record<Layer, string>> = {
  bundled: 'National pack (built in)',
  local: 'Local pack',
  managed: 'Managed pack (set by your organisation)',
};

/** Short form for table cells. */
export const LAYER_SHORT: Readonly<Record<Layer, string>> = {
  bundled: 'National',
  local: 'Local',
  managed: 'Managed',
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
