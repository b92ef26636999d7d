/**
 * Tells the background whether this frame can show its marks (rules/store/paint-status.ts), so the
 * toolbar button never says "active" over a page we are not marking. No page content.
 */
import { browser } from 'wxt/browser';
import type { BlockCause, PaintStatus } from '@/rules/schema/paint-status';

export function reportFrameStatus(isBlocked: boolean, cause: BlockCause): void {
  const message: PaintStatus = { type: 'plens:paint-status', isBlocked, cause };
  try {
    browser.runtime.sendMessage(message).catch(() => undefined);
  } catch {
    // Extension context gone (update or removal): the lifetime check tears us down.
  }
}
