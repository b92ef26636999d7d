/**
 * Content script → background: whether a frame can show its marks. A page can delete our
 * highlights from `CSS.highlights`; the content script puts them back, but a page that removes them
 * again as fast as that leaves the clinician looking at an unmarked page while the extension is
 * running. The frame then reports `isBlocked: true` (and `false` once its marks stay), so the
 * toolbar button and the popup say the extension is not working there instead of failing silently.
 * Carries no page content.
 */
import * as v from 'valibot';

export const PaintStatusSchema = v.object({
  type: v.literal('plens:paint-status'),
  isBlocked: v.boolean(),
});
export type PaintStatus = v.InferOutput<typeof PaintStatusSchema>;

export function parsePaintStatus(message: unknown): PaintStatus | null {
  const r = v.safeParse(PaintStatusSchema, message);
  return r.success ? r.output : null;
}

/** Where the background notes a blocked frame (storage.session; absent = not blocked). */
export function paintBlockedKey(
  tabId: number,
  frameId: number,
): `paint-blocked-${number}-${number}` {
  return `paint-blocked-${tabId}-${frameId}`;
}

/** Whether a storage key notes a blocked frame of `tabId`. */
export function isPaintBlockedKeyOf(key: string, tabId: number): boolean {
  return key.startsWith(`paint-blocked-${tabId}-`);
}
