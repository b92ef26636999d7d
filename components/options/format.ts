/** Display helpers shared by the options components: dates and layer names as people say them. */
import type { Layer } from '@/rules/loader/merge';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2027-05-01` → `1 May 2027` (the NHS style); anything else is shown as given. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return iso;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** `2026-11-24T10:05:00.000Z` → `24 November 2026 at 10:05` (UTC, so tests are stable). */
export function formatDateTime(iso: string): string {
  const time = /T(\d{2}:\d{2})/.exec(iso)?.[1];
  return time ? `${formatDate(iso)} at ${time}` : formatDate(iso);
}

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
