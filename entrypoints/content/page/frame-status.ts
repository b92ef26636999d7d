/**
 * The one holder of this frame's "can it show its marks?" state (rules/schema/paint-status.ts),
 * reported to the background on every change and again on request, so the toolbar button never
 * says "active" over a page we are not marking. Carries no page content.
 */
import { browser } from 'wxt/browser';
import { BLOCK_CAUSES, type BlockCause, type PaintStatus } from '@/rules/schema/paint-status';

export type SendStatus = (message: PaintStatus) => void;

function sendToBackground(message: PaintStatus): void {
  try {
    browser.runtime.sendMessage(message).catch(() => undefined);
  } catch {
    // Extension context gone (update or removal): the lifetime check tears us down.
  }
}

export class FrameStatus {
  private readonly blocked = new Set<BlockCause>();

  constructor(private readonly send: SendStatus = sendToBackground) {}

  /** Records whether `cause` stops this frame showing its marks; reports only a change. */
  set(cause: BlockCause, isBlocked: boolean): void {
    if (this.blocked.has(cause) === isBlocked) return;
    if (isBlocked) this.blocked.add(cause);
    else this.blocked.delete(cause);
    this.send({ type: 'plens:paint-status', isBlocked, cause });
  }

  /** Reports every cause in force again (the background forgot the tab's frames). */
  reportAgain(): void {
    for (const cause of BLOCK_CAUSES)
      if (this.blocked.has(cause))
        this.send({ type: 'plens:paint-status', isBlocked: true, cause });
  }
}
