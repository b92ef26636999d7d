import { browser } from 'wxt/browser';
import type { StepDirection } from '@/rules/schema/messages';

/**
 * Keyboard commands (wxt.config.ts, rebindable at chrome://extensions/shortcuts): step to the next
 * or previous flag on the page and open its card. Only the top frame answers.
 */
export const STEP_COMMANDS: Readonly<Record<string, StepDirection>> = {
  'next-flag': 'next',
  'previous-flag': 'previous',
};

/** The shortcut was pressed on `tabId`: ask its top frame to step (acts only when invoked). */
export async function stepInTab(command: string, tabId: number | undefined): Promise<void> {
  const direction = Object.hasOwn(STEP_COMMANDS, command) ? STEP_COMMANDS[command] : undefined;
  if (!direction || tabId === undefined) return;
  try {
    await browser.tabs.sendMessage(tabId, { type: 'plens:step', direction }, { frameId: 0 });
  } catch {
    // Not running there: nothing to step through.
  }
}
