import { browser } from 'wxt/browser';
import type { StepDirection, StepOutcome } from '@/rules/schema/messages';
import { frameIdOfSummaryKey } from '@/rules/schema/storage-keys';

/**
 * Keyboard commands (wxt.config.ts, rebindable at chrome://extensions/shortcuts): step to the next
 * or previous flag on the page and open its card. Clinical systems nest their record in frames, so
 * a step goes on from one frame's last flag to the next frame's first (frame order: the top frame,
 * then the others as the browser numbered them, which follows their loading order).
 */
export const STEP_COMMANDS: Readonly<Record<string, StepDirection>> = {
  'next-flag': 'next',
  'previous-flag': 'previous',
};

/** The frame each tab's last step landed in; a restarted worker starts again at the top frame. */
const steppedFrame = new Map<number, number>();

type SendStep = (
  tabId: number,
  frameId: number,
  direction: StepDirection,
  fromEdge: boolean,
) => Promise<StepOutcome>;

async function sendStep(
  tabId: number,
  frameId: number,
  direction: StepDirection,
  fromEdge: boolean,
): Promise<StepOutcome> {
  try {
    const answer: unknown = await browser.tabs.sendMessage(
      tabId,
      { type: 'plens:step', direction, fromEdge },
      { frameId },
    );
    return answer === 'moved' || answer === 'end' ? answer : 'none';
  } catch {
    // Not running there (or gone): nothing to step through.
    return 'none';
  }
}

/** The tab's frames that reported a summary, top frame first: the only ones with flags to visit. */
async function reportingFrames(tabId: number): Promise<number[]> {
  const all = await browser.storage.session.get(null);
  const frames = Object.keys(all)
    .map((key) => frameIdOfSummaryKey(key, tabId))
    .filter((id): id is number => id !== null);
  if (!frames.includes(0)) frames.push(0);
  return frames.sort((a, b) => a - b);
}

/**
 * One step through `frames` (in order) from the frame last stepped in: that frame steps within
 * itself; when it runs past its last (or first) flag, the next frame with flags (wrapping round)
 * starts at its first (or last). Pure apart from `send`, for the unit tests.
 */
export async function stepThroughFrames(
  tabId: number,
  frames: readonly number[],
  current: number,
  direction: StepDirection,
  send: SendStep,
): Promise<number | null> {
  if (frames.length === 0) return null;
  const start = Math.max(0, frames.indexOf(current));
  const startFrame = frames[start] ?? 0;
  if ((await send(tabId, startFrame, direction, false)) === 'moved') return startFrame;
  const n = frames.length;
  for (let i = 1; i <= n; i += 1) {
    const offset = direction === 'next' ? i : -i;
    const frame = frames[(((start + offset) % n) + n) % n] ?? 0;
    if ((await send(tabId, frame, direction, true)) === 'moved') return frame;
  }
  return null;
}

/** The shortcut was pressed on `tabId`: step to the next or previous flag (acts only when invoked). */
export async function stepInTab(
  command: string,
  tabId: number | undefined,
  send: SendStep = sendStep,
): Promise<void> {
  const direction = Object.hasOwn(STEP_COMMANDS, command) ? STEP_COMMANDS[command] : undefined;
  if (!direction || tabId === undefined) return;
  const frames = await reportingFrames(tabId);
  const landed = await stepThroughFrames(
    tabId,
    frames,
    steppedFrame.get(tabId) ?? 0,
    direction,
    send,
  );
  if (landed === null) steppedFrame.delete(tabId);
  else steppedFrame.set(tabId, landed);
}

/** The tab closed or navigated: its next step starts at the top frame again. */
export function forgetSteps(tabId: number): void {
  steppedFrame.delete(tabId);
}
