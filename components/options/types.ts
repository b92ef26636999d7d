/**
 * What the options page shows and what it can ask for. The page is a component (props in,
 * callbacks out); `entrypoints/options/main.tsx` builds an `OptionsStore` over rules/store and
 * rules/loader and passes it in, so every state can be rendered and tested without a browser.
 */
import type { AboutInfo } from '@/components/welcome/AboutFooter';
import type { RuleSetDiff } from '@/rules/views/diff';
import type { PackIssue } from '@/rules/loader/issues';
import type { EffectiveRuleSet, Layer, PackInfo } from '@/rules/loader/merge';
import type { RagReport } from '@/rules/rag/convert';
import type { RagMapping } from '@/rules/rag/mapping';
import type { Category } from '@/rules/schema/rule-pack';
import type { CommissionedFlags, PracticeProfile } from '@/rules/schema/settings';

export type HighlightStyle = 'tint' | 'underline';

/** The preferences a user can change (sites are managed separately, one at a time). */
export interface PreferencesValue {
  readonly categories: Readonly<Record<Category, boolean>>;
  readonly highlightStyle: HighlightStyle;
}

/** Preferences forced by enterprise policy (`lockedSettings`); shown disabled, with why. */
export interface PolicyLocks {
  readonly categories?: Readonly<Partial<Record<Category, boolean | undefined>>>;
  readonly highlightStyle?: HighlightStyle;
  /** The practice profile set by policy (#19). */
  readonly practice?: PracticeProfile;
  readonly commissionedFlags?: CommissionedFlags;
}

/** The practice profile and its flag preference as the options page edits them (#19). */
export interface PracticeValue {
  /** Absent: not set. */
  readonly practice?: PracticeProfile;
  readonly commissionedFlags: CommissionedFlags;
}

/** A service the packs in force define, offered as a checkbox. */
export interface ServiceChoice {
  readonly id: string;
  readonly name: string;
  /** Who commissions it, in words. */
  readonly commissioner: string;
  readonly area?: string;
}

/** A pack in force (or about to be), with what an admin checks at a glance. */
export interface PackSummary extends PackInfo {
  readonly ruleCount: number;
  readonly nameCount: number;
  readonly disableCount: number;
  readonly reviewOverdue: boolean;
  /** Local pack only: the file it was imported from, and when (ISO date-time). */
  readonly fileName?: string;
  readonly importedAt?: string;
}

export interface LayerProblemView {
  readonly layer: Layer;
  readonly message: string;
}

/** Outcome of the background's last fetch of the policy's URL pack. */
export interface UrlPackStatusView {
  readonly url?: string;
  readonly checkedAt: string;
  readonly ok: boolean;
  readonly message: string;
}

/** A national (or earlier-layer) rule switched off by a later pack. */
export interface DisabledRuleView {
  readonly ruleId: string;
  /** The switched-off rule's drug, when the earlier layer is known. */
  readonly drug?: string;
  readonly reason: string;
  readonly byPackName: string;
  readonly byLayer: Layer;
}

export interface SiteView {
  readonly pattern: string;
  readonly byUser: boolean;
  readonly byPolicy: boolean;
  readonly granted: boolean;
}

export interface SiteOutcomeView {
  readonly ok: boolean;
  readonly message: string;
}

/**
 * A local pack that was removed or replaced, kept so the change can be undone (issue #20). Only the
 * last one is kept: undoing puts it back in force as it was.
 */
export interface UndoView {
  readonly action: 'removed' | 'replaced';
  /** The kept pack's name, or its file name when the text no longer validates. */
  readonly packName: string;
  readonly fileName: string;
  /** When it was removed or replaced (ISO date-time). */
  readonly at: string;
}

/** Everything the page shows, read fresh whenever storage or policy changes. */
export interface OptionsSnapshot {
  /** YYYY-MM-DD, for review dates. */
  readonly today: string;
  /** Packs in force, lowest layer first (bundled, local, managed). */
  readonly packs: readonly PackSummary[];
  readonly effective: EffectiveRuleSet;
  readonly disabled: readonly DisabledRuleView[];
  /** Layers that failed to load (the bundled pack is then used in their place). */
  readonly problems: readonly LayerProblemView[];
  readonly policyProblems: readonly string[];
  readonly urlPackStatus: UrlPackStatusView | null;
  /** The stored local pack file, even when it no longer validates (it can still be exported). */
  readonly localFile: { readonly fileName: string; readonly importedAt: string } | null;
  /** The local pack last removed or replaced, which "Undo" puts back; null when there is none. */
  readonly undo: UndoView | null;
  /** The user's own preferences, before policy. */
  readonly preferences: PreferencesValue;
  readonly locks: PolicyLocks;
  /** The user's own practice profile and flag preference, before policy (#19). */
  readonly practice?: PracticeValue;
  /** Sites the extension always runs on (manifest). */
  readonly builtInSites: readonly string[];
  readonly sites: readonly SiteView[];
}

export interface InvalidPackCheck {
  readonly ok: false;
  readonly fileName: string;
  /** Errors first, then warnings; errors reject the pack. */
  readonly issues: readonly PackIssue[];
}

export interface ValidPackCheck {
  readonly ok: true;
  readonly fileName: string;
  /** The file's text, verbatim: what is stored (and exported) on confirmation. */
  readonly text: string;
  readonly pack: PackSummary;
  /** The stored local pack this one would replace, if any. */
  readonly replaces: PackSummary | null;
  readonly warnings: readonly PackIssue[];
  /** Against the rules in force now, with every layer (a managed pack stays on top). */
  readonly diff: RuleSetDiff;
}

export type PackCheck = InvalidPackCheck | ValidPackCheck;

/** The options page's only way to read or change anything. */
export interface OptionsStore {
  /** Version, instructions for use and "What's new" for the footer; absent in bare test stores. */
  readonly about?: AboutInfo;
  load(): Promise<OptionsSnapshot>;
  /** Calls back when anything the page shows may have changed; returns the unsubscribe. */
  watch(onChange: () => void): () => void;
  /** Parses and validates pack text and previews its effect. Never writes. */
  checkPack(text: string, fileName: string): Promise<PackCheck>;
  /** Stores a checked pack as the local pack (validated again before writing); a pack it replaces is kept for undo. */
  applyPack(check: ValidPackCheck): Promise<void>;
  /** Removes the local pack, keeping it so `undoLocalPack` can put it back. */
  removeLocalPack(): Promise<void>;
  /** Puts back the local pack last removed or replaced (checked again first). */
  undoLocalPack(): Promise<void>;
  /** Downloads the stored local pack text, verbatim, under its file name. */
  exportLocalPack(): Promise<void>;
  savePreferences(preferences: PreferencesValue): Promise<void>;
  /** Saves the practice profile (#19); absent in stores that offer none. */
  savePractice?(value: PracticeValue): Promise<void>;
  /** Must be called straight from the click/submit handler: the browser prompt needs the gesture. */
  addSite(input: string): Promise<SiteOutcomeView>;
  removeSite(pattern: string): Promise<SiteOutcomeView>;
  /**
   * The traffic-light import (absent when the page offers none): presets, reading a list file,
   * converting it under an on-screen mapping, and keeping that mapping.
   */
  readonly rag?: RagStore;
}

/** A mapping to start from: shipped with the extension (rules/rag/mappings/), or saved. */
export interface RagPreset {
  readonly id: string;
  readonly label: string;
  readonly mapping: RagMapping;
}

/** A formulary list read for mapping on screen (CSV, or one sheet of an .xlsx workbook). */
export interface RagListView {
  readonly fileName: string;
  readonly format: 'csv' | 'xlsx';
  /** The workbook's sheet names; empty for a CSV. */
  readonly sheets: readonly string[];
  readonly sheet: string | null;
  /** Cell texts, header row first. */
  readonly rows: readonly (readonly string[])[];
  /** CSV only: the file's bytes, converted as exported (the converter detects the encoding). */
  readonly bytes: Uint8Array | null;
  /** Worth reading, e.g. an encoding guess. */
  readonly warnings: readonly string[];
}

export type RagListResult =
  | { readonly ok: true; readonly list: RagListView }
  | {
      readonly ok: false;
      readonly fileName: string;
      readonly errors: readonly string[];
      /** An .xlsx whose chosen sheet is unusable still lists its sheets, so another can be chosen. */
      readonly sheets?: readonly string[];
    };

export type RagMappingText =
  | { readonly ok: true; readonly mapping: RagMapping }
  | { readonly ok: false; readonly issues: readonly PackIssue[] };

/** Pack and formulary details typed on the page; a blank field leaves the mapping's value. */
export interface RagPackDetailsInput {
  readonly name: string;
  readonly packId: string;
  readonly publisher: string;
  readonly licence: string;
  readonly sourceTitle: string;
  readonly sourceUrl: string;
}

export interface RagImportRequest {
  readonly list: RagListView;
  readonly mapping: RagMapping;
  readonly details: RagPackDetailsInput;
}

/** What a conversion produced: never stored; a pack goes through the usual check → preview → confirm. */
export interface RagConversionView {
  readonly csvFileName: string;
  /** Problems with the mapping itself (nothing was converted). */
  readonly mappingIssues: readonly PackIssue[];
  /** The converter's report; null when the mapping could not be read. */
  readonly report: RagReport | null;
  /** The local pack's text and the file name it is stored (and exported) under; null on errors. */
  readonly pack: { readonly text: string; readonly fileName: string } | null;
}

/** The options page's traffic-light import: reads never write; only `saveMapping` stores anything. */
export interface RagStore {
  /** The shipped mappings, offered as presets. */
  readonly presets: readonly RagPreset[];
  /** Reads a CSV or .xlsx file (the named sheet, else the first) into rows. */
  readList(bytes: Uint8Array, fileName: string, sheet?: string): Promise<RagListResult>;
  /** Converts the list under a mapping into local pack text (never writes). */
  convert(request: RagImportRequest): Promise<RagConversionView>;
  /** Reads a mapping JSON file (as the CLI takes it). */
  parseMapping(text: string): Promise<RagMappingText>;
  /** The mapping saved for next time, if any. */
  loadSavedMapping(): Promise<RagMapping | null>;
  saveMapping(mapping: RagMapping): Promise<void>;
  /** Downloads the mapping as the JSON file the CLI takes. */
  exportMapping(mapping: RagMapping, fileName: string): Promise<void>;
}
