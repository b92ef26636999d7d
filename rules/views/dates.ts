/** Dates as NHS documents write them ("1 May 2027"), for every screen and letter. Pure. */
import { MONTH_NAMES as MONTHS } from '../schema/calendar';

/** A calendar day: "24 November 2026" (the local day). */
export function formatDay(date: Date): string {
  return `${date.getDate()} ${MONTHS[date.getMonth()] ?? ''} ${date.getFullYear()}`;
}

/**
 * A date written YYYY, YYYY-MM or YYYY-MM-DD, or the date part of an ISO timestamp, in words:
 * "2018", "March 2023", "10 September 2019". Anything else is shown as given.
 */
export function formatDate(value: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T|$)/.exec(value);
  if (!m) return value;
  if (!m[2]) return m[1] ?? value;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return value;
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

/** `2026-11-24T10:05:00.000Z` → `24 November 2026 at 10:05` (the stored UTC time, so tests are stable). */
export function formatDateTime(iso: string): string {
  const time = /T(\d{2}:\d{2})/.exec(iso)?.[1];
  return time ? `${formatDate(iso)} at ${time}` : formatDate(iso);
}
