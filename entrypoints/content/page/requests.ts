/**
 * Answers requests from our popup and background (runtime messages never come from web pages):
 * the page summary, "report again", reveal a medicine, dismiss or restore it, step to the next
 * flag (the keyboard shortcut). Validated on receipt.
 */
import { browser } from 'wxt/browser';
import {
  parseContentRequest,
  type DismissScope,
  type PageSummary,
  type StepDirection,
  type StepOutcome,
} from '@/rules/schema/messages';

export interface RequestHandlers {
  readonly summary: () => PageSummary;
  /** The background forgot this tab's frames (a navigation we outlived): report everything again. */
  readonly reportAgain: () => void;
  /** Scrolls to the rule's first mark and opens its card; false when the page has none. */
  readonly reveal: (ruleId: string) => boolean;
  readonly dismiss: (ruleId: string, scope: DismissScope | null) => Promise<void>;
  /** The keyboard shortcut: open the next or previous flag's card; false when there is none. */
  readonly step: (direction: StepDirection, fromEdge: boolean) => StepOutcome;
}

/** Listens until `signal` aborts. */
export function answerRequests(handlers: RequestHandlers, signal: AbortSignal): void {
  const onMessage = (message: unknown) => {
    const request = parseContentRequest(message);
    if (!request || signal.aborted) return undefined;
    switch (request.type) {
      case 'plens:get-summary':
        return Promise.resolve(handlers.summary());
      case 'plens:report':
        handlers.reportAgain();
        return undefined;
      case 'plens:reveal':
        return Promise.resolve(handlers.reveal(request.ruleId));
      case 'plens:dismiss':
        return handlers.dismiss(request.ruleId, request.scope).then(() => true);
      case 'plens:restore':
        return handlers.dismiss(request.ruleId, null).then(() => true);
      case 'plens:step':
        return Promise.resolve(handlers.step(request.direction, request.fromEdge === true));
    }
  };
  // webextension-polyfill: a listener answers by returning a Promise (or undefined for "not mine").
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => {
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    browser.runtime.onMessage.removeListener(onMessage);
  });
}
