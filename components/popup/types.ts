/**
 * What the toolbar popup shows and what it can ask for. The popup is a component (props in,
 * callbacks out); `entrypoints/popup/main.tsx` builds a `PopupStore` over the tab, storage.session
 * summaries, the content script's messages and the rule packs, so every state renders in tests.
 *
 * Privacy: a `PopupDrug` carries a rule id, the pack's drug name, listed names as shown on the page
 * (exact matches only, so always names from a pack) and counts. Nothing else from the page.
 */
import type { AlertSummary, DismissScope, FlaggedDrug } from '@/rules/schema/messages';
import type { PopoverCard } from '@/rules/views/card';
import type { AboutInfo } from '@/components/welcome/AboutFooter';

/** One flagged medicine on the page, all frames merged: the same shape the frames send. */
export type PopupDrug = FlaggedDrug;

/** A co-prescribing alert the page's current medication triggers. */
export type PopupAlert = AlertSummary;

export type { DismissScope };

/** What "hide in this tab" is tied to on the page: one patient's record, or the page itself. */
export type TabScope = 'record' | 'page';

/** What the popup knows about the tab it was opened on. */
export type PageView =
  | { readonly kind: 'loading' }
  /** No tab, or a browser page (new tab, settings, extension store) that no extension may read. */
  | { readonly kind: 'no-page' }
  /** A web page where the content script is not running (a site not in the list). */
  | { readonly kind: 'not-running' }
  | {
      readonly kind: 'ready';
      readonly drugs: readonly PopupDrug[];
      readonly alerts: readonly PopupAlert[];
      /**
       * The page lists several patients (a worklist, a clinic list): counts are of medication
       * rows, and co-prescribing is checked for each patient on their own.
       */
      readonly patients?: number;
      /** What "this tab" means for hiding here (the top frame's say). */
      readonly tabScope?: TabScope;
      /** Running, but the page keeps removing the marks: the list is right, the page is unmarked. */
      readonly isPaintBlocked?: boolean;
      /** Running, but an error stopped a scan: the list may be incomplete, the page part-marked. */
      readonly isScanFailed?: boolean;
    };

/** A filled next-step letter, ready to copy. */
export interface LetterView {
  readonly id: string;
  readonly title: string;
  readonly audience: 'specialist' | 'commissioner' | 'patient' | 'practice';
  /** The filled plain text (no patient data: drug, category, position, sources, pack, date). */
  readonly text: string;
}

/** One look-up answer: a rule, and the name the query matched ("Zimovane" for Zopiclone). */
export interface LookupHit {
  readonly ruleId: string;
  readonly drug: string;
  readonly matchedName: string;
}

/** The active rule set, as the look-up and the letters need it. */
export interface RulesView {
  /** Typo-tolerant search over every rule's drug and names; best first. */
  readonly search: (query: string) => readonly LookupHit[];
  /** The same card the page popover shows for the rule. */
  readonly cardFor: (ruleId: string) => PopoverCard | null;
  readonly lettersFor: (ruleId: string) => readonly LetterView[];
}

export interface PopupStore {
  readonly loadPage: () => Promise<PageView>;
  /** Calls `onChange` when the tab's summaries change; returns the off-switch. */
  readonly watchPage: (onChange: () => void) => () => void;
  readonly loadRules: () => Promise<RulesView>;
  /** Opens the options page, where "Your practice" is set (#19); absent where none can open. */
  readonly openOptions?: () => void;
  /** Scrolls the page to the medicine and opens its popover; false when it is no longer there. */
  readonly reveal: (ruleId: string) => Promise<boolean>;
  readonly dismiss: (ruleId: string, scope: DismissScope) => Promise<void>;
  readonly restore: (ruleId: string) => Promise<void>;
  /** Runs the content script once on a site it is not listed for (the popup's activeTab grant). */
  readonly checkPage: () => Promise<void>;
  readonly copy: (text: string) => Promise<void>;
  /** Opens the page summary laid out for printing, in a tab of its own. */
  readonly openPrint?: () => Promise<void>;
  /** Closes the popup. */
  readonly close: () => void;
  /** Version, instructions for use and "What's new" for the footer; absent in bare test stores. */
  readonly about?: AboutInfo;
}
