/**
 * Content script → background: whether a frame can show its marks. A page can delete our
 * highlights from `CSS.highlights`; the content script puts them back, but a page that removes them
 * again as fast as that leaves the clinician looking at an unmarked page while the extension is
 * running. And an error can stop a scan part-way, leaving the rest of the page unread. The frame
 * then reports `isBlocked: true` with the cause (and `false` once it is over), so the toolbar button
 * and the popup say the extension is not working there instead of failing silently (hazard H8).
 * Carries no page content.
 */
import * as v from 'valibot';

/**
 * 'summary-refused' is set by the background alone: a frame sent a summary that failed validation,
 * so its old summary (possibly the previous patient's) was cleared and the page is not reported.
 */
export const BLOCK_CAUSES = ['marks-removed', 'scan-failed', 'summary-refused'] as const;
export type BlockCause = (typeof BLOCK_CAUSES)[number];

export const PaintStatusSchema = v.object({
  type: v.literal('plens:paint-status'),
  isBlocked: v.boolean(),
  /** The page keeps removing our marks (the default, as older versions sent), or a scan failed. */
  cause: v.optional(v.picklist(BLOCK_CAUSES), 'marks-removed'),
});
export type PaintStatus = v.InferInput<typeof PaintStatusSchema>;

export function parsePaintStatus(message: unknown): v.InferOutput<typeof PaintStatusSchema> | null {
  const r = v.safeParse(PaintStatusSchema, message);
  return r.success ? r.output : null;
}
