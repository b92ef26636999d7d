/**
 * The options page's adapter over rules/store and rules/loader: everything the page reads or writes
 * goes through here. Imports are checked with the validator CLI's own code (`parsePackText` +
 * `validatePack`), previewed against the rules in force with every layer (a managed pack stays on
 * top), and written to `localPackItem` only on confirmation, after checking the text once more:
 * the storage layer never sees an invalid pack, and a failed import never touches what is stored.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { defineStoredItem } from '@/rules/store/item';
import type {
  OptionsSnapshot,
  OptionsStore,
  PackCheck,
  PackSummary,
  RagConversionView,
  RagImportRequest,
  RagListResult,
  RagPackDetailsInput,
  RagPreset,
  RagStore,
  UndoView,
  ValidPackCheck,
} from '@/components/options/types';
import { CLINICAL_HOST_MATCHES } from '@/rules/config/hosts';
import { diffRuleSets } from '@/rules/views/diff';
import type { PackIssue } from '@/rules/loader/issues';
import { mergePacks, type LayeredPack, type Layer, packInfoOf } from '@/rules/loader/merge';
import { parsePackText } from '@/rules/loader/parse';
import { formatPack } from '@/rules/packs/format-pack';
import { explainPack } from '@/rules/loader/explain';
import { validatePack } from '@/rules/loader/validate';
import { convertRagCsv, type ConvertOptions } from '@/rules/rag/convert';
import { MAX_CSV_BYTES } from '@/rules/rag/csv';
import { checkHeader, readCsvRows, sniffListFormat } from '@/rules/rag/list';
import { parseRagMappingText, validateRagMapping } from '@/rules/rag/mapping';
import { slugify } from '@/rules/rag/drug-cell';
import llrMapping from '@/rules/rag/mappings/llr.json';
import netformularyMapping from '@/rules/rag/mappings/netformulary.json';
import panMerseyMapping from '@/rules/rag/mappings/pan-mersey.json';
import type { RulePack } from '@/rules/schema/rule-pack';
import {
  localPackItem,
  settingsItem,
  urlPackStatusItem,
  watchRuleInputs,
} from '@/rules/store/items';
import { isStoredPack, type StoredPack } from '@/rules/loader/layers';
import { bundledPack } from '@/rules/bundled';
import { readSettings } from '@/rules/schema/settings';
import { describeSites, disableSite, enableSite } from '@/rules/store/sites';
import { loadRuleState } from '@/rules/store/state';
import { readWorkbook, type Workbook } from './xlsx';

/** Long enough for any browser to start saving an exported pack before its blob URL goes. */
const DOWNLOAD_URL_LIFETIME_MS = 10_000;

/** A removed or replaced local pack, kept so the admin can put it back (issue #20). */
export interface KeptPack extends StoredPack {
  readonly action: UndoView['action'];
  /** When it was removed or replaced (ISO date-time). */
  readonly at: string;
}

/**
 * The last local pack removed or replaced. Only the options page reads or writes it (no other
 * context needs it), so it lives here rather than in rules/store; it is never a rule input.
 */
export const keptLocalPackItem = defineStoredItem<KeptPack | null>('local:keptLocalPack', {
  fallback: null,
  sealed: true,
});

function isKeptPack(value: unknown): value is KeptPack {
  if (!isStoredPack(value)) return false;
  const o = value as unknown as Record<string, unknown>;
  return (o.action === 'removed' || o.action === 'replaced') && typeof o.at === 'string';
}

/** YYYY-MM-DD in UTC, as the content script dates review warnings. */
function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

function summarise(
  layer: Layer,
  pack: RulePack,
  today: string,
  file?: { fileName: string; importedAt: string },
): PackSummary {
  return {
    ...packInfoOf(layer, pack),
    ruleCount: pack.rules.length,
    nameCount: pack.rules.reduce((n, r) => n + r.names.length, 0),
    disableCount: pack.disable?.length ?? 0,
    reviewOverdue: pack.reviewBy < today,
    ...(file ? { fileName: file.fileName, importedAt: file.importedAt } : {}),
  };
}

/** The drug of a switched-off rule, from the layers below the pack that switched it off. */
function drugOf(layers: readonly LayeredPack[], ruleId: string, by: Layer): string | undefined {
  const order: readonly Layer[] = ['bundled', 'local', 'managed'];
  const below = layers.filter((l) => order.indexOf(l.layer) < order.indexOf(by));
  for (const { pack } of [...below].reverse()) {
    const rule = pack.rules.find((r) => r.id === ruleId);
    if (rule) return rule.drug;
  }
  return undefined;
}

/** The validator CLI's checks, in the same order: text → JSON → schema and cross-field rules. */
function checkText(
  text: string,
  today: string,
): { ok: true; pack: RulePack; warnings: PackIssue[] } | { ok: false; issues: PackIssue[] } {
  const parsed = parsePackText(text);
  if (!parsed.ok) return { ok: false, issues: [...parsed.issues] };
  // Told in plain words for the admin reading them (issue #20); the checks are the CLI's own.
  // Services and directory entries may cover national rules by id (#19).
  const knownRuleIds = new Set(bundledPack().rules.map((r) => r.id));
  const validated = explainPack(parsed.value, validatePack(parsed.value, { today, knownRuleIds }));
  if (!validated.ok) return { ok: false, issues: [...validated.issues] };
  return { ok: true, pack: validated.value, warnings: [...parsed.warnings, ...validated.warnings] };
}

function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time this runs; the blob would otherwise live as long as the page.
  setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS);
}

/** The example mappings shipped in rules/rag/mappings/ (docs/rule-pack.md §8.3): the presets. */
const SHIPPED_MAPPINGS: readonly { id: string; label: string; json: unknown }[] = [
  {
    id: 'netformulary',
    label: 'netFormulary-style list (Red, Amber, Green SI…)',
    json: netformularyMapping,
  },
  { id: 'llr', label: 'Leicester, Leicestershire and Rutland (LLR)', json: llrMapping },
  { id: 'pan-mersey', label: 'Pan Mersey APC', json: panMerseyMapping },
];

const PRESETS: readonly RagPreset[] = SHIPPED_MAPPINGS.flatMap(({ id, label, json }) => {
  const result = validateRagMapping(json);
  return result.ok ? [{ id, label, mapping: result.value }] : [];
});

/**
 * The mapping an admin saved on screen, for the next list of the same shape. Read and written only
 * by the options page, and validated on every read: storage is never trusted to hold a good one.
 */
export const savedRagMappingItem = storage.defineItem<unknown>('local:ragMapping', {
  fallback: null,
});

/** A list file → rows: an .xlsx through the (dynamically loaded) library, anything else as CSV. */
async function readList(
  bytes: Uint8Array,
  fileName: string,
  sheet?: string,
): Promise<RagListResult> {
  const format = sniffListFormat(bytes);
  if (format === 'xls') {
    return {
      ok: false,
      fileName,
      errors: [
        'This is an older Excel file (.xls), which cannot be read here; in Excel, save it as “Excel Workbook (.xlsx)” or “CSV UTF-8”, then choose it again',
      ],
    };
  }
  if (format === 'xlsx') {
    if (bytes.length > MAX_CSV_BYTES) {
      return {
        ok: false,
        fileName,
        errors: [
          `The workbook is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; a formulary list is never that big`,
        ],
      };
    }
    let book: Workbook;
    try {
      book = await readWorkbook(bytes, sheet);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        fileName,
        errors: [
          `“${fileName}” could not be read as an Excel workbook (${detail}); save it again from Excel as .xlsx, or as CSV UTF-8`,
        ],
      };
    }
    if (!book.rows.ok)
      return { ok: false, fileName, errors: book.rows.errors, sheets: book.sheets };
    return {
      ok: true,
      list: {
        fileName,
        format: 'xlsx',
        sheets: book.sheets,
        sheet: book.sheet,
        rows: book.rows.rows,
        bytes: null,
        warnings: book.rows.warnings,
      },
    };
  }
  const rows = readCsvRows(bytes);
  if (!rows.ok) return { ok: false, fileName, errors: rows.errors };
  const checked = checkHeader(rows.rows, 'The file');
  if (!checked.ok) return { ok: false, fileName, errors: checked.errors };
  return {
    ok: true,
    list: {
      fileName,
      format: 'csv',
      sheets: [],
      sheet: null,
      rows: rows.rows,
      bytes,
      warnings: rows.warnings,
    },
  };
}

/** Typed details override the mapping's; blank fields are left out so the mapping's values stand. */
function convertOptions(details: RagPackDetailsInput): ConvertOptions {
  const t = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());
  const name = t(details.name);
  const packId = t(details.packId) ?? (name ? slugify(name) : undefined);
  const pack = {
    ...(packId ? { packId } : {}),
    ...(name ? { name } : {}),
    ...(t(details.publisher) ? { publisher: t(details.publisher) } : {}),
    ...(t(details.licence) ? { licence: t(details.licence) } : {}),
  };
  const sourceTitle = t(details.sourceTitle);
  const sourceUrl = t(details.sourceUrl);
  return {
    pack,
    source: {
      ...(sourceTitle ? { title: sourceTitle } : {}),
      ...(sourceUrl ? { url: sourceUrl } : {}),
    },
  };
}

/** "icb-list.csv" → "icb-list.pack.json": the name the local pack is stored and exported under. */
function packFileName(listFileName: string): string {
  const base = listFileName.replace(/\.(csv|tsv|txt|xlsx)$/i, '') || 'traffic-lights';
  return `${base}.pack.json`;
}

function convertRag(request: RagImportRequest): RagConversionView {
  const { list } = request;
  const csvFileName = list.fileName;
  // Checked again: the mapping came through the UI.
  const checked = validateRagMapping(request.mapping);
  if (!checked.ok) return { csvFileName, mappingIssues: checked.issues, report: null, pack: null };
  const input =
    list.format === 'csv' && list.bytes
      ? list.bytes
      : { sheet: list.sheet ?? 'Sheet1', rows: list.rows };
  const { pack, report } = convertRagCsv(
    input,
    checked.value,
    bundledPack(),
    convertOptions(request.details),
  );
  return {
    csvFileName,
    mappingIssues: [],
    report,
    pack: pack ? { text: formatPack(pack), fileName: packFileName(csvFileName) } : null,
  };
}

function ragStore(): RagStore {
  return {
    presets: PRESETS,
    readList,
    // Pure and synchronous; a promise so the page treats it like every other store call.
    convert: (request) => Promise.resolve().then(() => convertRag(request)),
    parseMapping: (text) =>
      Promise.resolve().then(() => {
        const result = parseRagMappingText(text);
        return result.ok
          ? { ok: true as const, mapping: result.value }
          : { ok: false as const, issues: result.issues };
      }),
    async loadSavedMapping() {
      const result = validateRagMapping(await savedRagMappingItem.getValue());
      return result.ok ? result.value : null;
    },
    async saveMapping(mapping) {
      const result = validateRagMapping(mapping);
      if (!result.ok) throw new Error('the mapping is not complete');
      await savedRagMappingItem.setValue(result.value);
    },
    exportMapping(mapping, fileName) {
      return Promise.resolve().then(() =>
        download(`${JSON.stringify(mapping, null, 2)}\n`, fileName),
      );
    },
  };
}

async function keep(pack: StoredPack, action: KeptPack['action']): Promise<void> {
  await keptLocalPackItem.setValue({
    text: pack.text,
    fileName: pack.fileName,
    importedAt: pack.importedAt,
    action,
    at: new Date().toISOString(),
  });
}

function undoView(kept: KeptPack): UndoView {
  const checked = checkText(kept.text, todayIso());
  return {
    action: kept.action,
    packName: checked.ok ? checked.pack.name : kept.fileName,
    fileName: kept.fileName,
    at: kept.at,
  };
}

export function createOptionsStore(): OptionsStore {
  return {
    async load(): Promise<OptionsSnapshot> {
      const today = todayIso();
      const [state, rawLocal, urlStatus, kept] = await Promise.all([
        loadRuleState(),
        localPackItem.getValue(),
        urlPackStatusItem.getValue(),
        keptLocalPackItem.getValue(),
      ]);
      const localFile = isStoredPack(rawLocal)
        ? { fileName: rawLocal.fileName, importedAt: rawLocal.importedAt }
        : null;
      const effective = mergePacks(state.layers);
      const sites = await describeSites(state.userSettings.sites, state.managed.allowedSites ?? []);
      return {
        today,
        packs: state.layers.map(({ layer, pack }) =>
          summarise(layer, pack, today, layer === 'local' && localFile ? localFile : undefined),
        ),
        effective,
        disabled: effective.disabled.map((d) => {
          const drug = drugOf(state.layers, d.ruleId, d.by.layer);
          return {
            ruleId: d.ruleId,
            reason: d.reason,
            byPackName: d.by.name,
            byLayer: d.by.layer,
            ...(drug ? { drug } : {}),
          };
        }),
        problems: state.problems,
        policyProblems: state.policyProblems,
        urlPackStatus: urlStatus
          ? {
              ...urlStatus,
              ...(state.managed.packUrl ? { url: state.managed.packUrl } : {}),
            }
          : null,
        localFile,
        undo: isKeptPack(kept) ? undoView(kept) : null,
        preferences: {
          categories: state.userSettings.categories,
          highlightStyle: state.userSettings.highlightStyle,
        },
        locks: state.managed.lockedSettings ?? {},
        practice: {
          ...(state.userSettings.practice ? { practice: state.userSettings.practice } : {}),
          commissionedFlags: state.userSettings.commissionedFlags ?? 'quiet',
        },
        builtInSites: CLINICAL_HOST_MATCHES,
        sites,
      };
    },

    watch(onChange) {
      const unwatchRules = watchRuleInputs(onChange);
      const unwatchStatus = urlPackStatusItem.watch(onChange);
      const unwatchKept = keptLocalPackItem.watch(onChange);
      // Access to a site can be granted or revoked from the browser's own extension page.
      browser.permissions.onAdded.addListener(onChange);
      browser.permissions.onRemoved.addListener(onChange);
      return () => {
        unwatchRules();
        unwatchStatus();
        unwatchKept();
        browser.permissions.onAdded.removeListener(onChange);
        browser.permissions.onRemoved.removeListener(onChange);
      };
    },

    async checkPack(text, fileName): Promise<PackCheck> {
      const today = todayIso();
      const checked = checkText(text, today);
      if (!checked.ok) return { ok: false, fileName, issues: checked.issues };

      const state = await loadRuleState();
      const current = state.layers.find((l) => l.layer === 'local');
      const after: LayeredPack[] = [
        ...state.layers.filter((l) => l.layer !== 'local'),
        { layer: 'local', pack: checked.pack },
      ];
      const warnings = [...checked.warnings];
      const managed = state.layers.find((l) => l.layer === 'managed');
      if (managed) {
        warnings.push({
          path: '(pack)',
          message: `The managed pack “${managed.pack.name}” set by your organisation stays above local packs: where it has a rule for the same medicine, its rule is used. The changes below already allow for that.`,
          severity: 'warning',
        });
      }
      const rawLocal = await localPackItem.getValue();
      return {
        ok: true,
        fileName,
        text,
        pack: summarise('local', checked.pack, today),
        replaces: current
          ? summarise('local', current.pack, today, isStoredPack(rawLocal) ? rawLocal : undefined)
          : null,
        warnings,
        diff: diffRuleSets(mergePacks(state.layers), mergePacks(after)),
      };
    },

    async applyPack(check: ValidPackCheck) {
      // Checked again: the preview's object came through the UI, and storage must only ever hold
      // a pack that validates.
      const checked = checkText(check.text, todayIso());
      if (!checked.ok) throw new Error('the pack no longer passes the checks');
      const current = await localPackItem.getValue();
      // Kept first: if the write below fails, the old pack is still in force and still kept.
      if (isStoredPack(current)) await keep(current, 'replaced');
      await localPackItem.setValue({
        text: check.text,
        fileName: check.fileName,
        importedAt: new Date().toISOString(),
      });
    },

    async removeLocalPack() {
      const current = await localPackItem.getValue();
      if (isStoredPack(current)) await keep(current, 'removed');
      await localPackItem.removeValue();
    },

    async undoLocalPack() {
      const kept = await keptLocalPackItem.getValue();
      if (!isKeptPack(kept)) throw new Error('there is no earlier local pack to put back');
      // It passed the checks when it was in force; today's checks decide whether it may be again.
      const checked = checkText(kept.text, todayIso());
      if (!checked.ok) throw new Error('the earlier pack no longer passes the checks');
      await localPackItem.setValue({
        text: kept.text,
        fileName: kept.fileName,
        importedAt: kept.importedAt,
      });
      await keptLocalPackItem.setValue(null);
    },

    async exportLocalPack() {
      const stored = await localPackItem.getValue();
      if (!isStoredPack(stored)) throw new Error('there is no local pack to export');
      download(stored.text, stored.fileName);
    },

    async savePreferences(preferences) {
      const current = readSettings(await settingsItem.getValue());
      await settingsItem.setValue({
        ...current,
        categories: { ...preferences.categories },
        highlightStyle: preferences.highlightStyle,
      });
    },

    async savePractice(value) {
      // Organisational settings only: an ICB id, a place code, service ids and a display
      // preference (#19).
      const current = readSettings(await settingsItem.getValue());
      const p = value.practice;
      await settingsItem.setValue({
        ...current,
        ...(p
          ? {
              practice: {
                icb: p.icb,
                services: [...p.services],
                ...(p.place !== undefined ? { place: p.place } : {}),
              },
            }
          : {}),
        commissionedFlags: value.commissionedFlags,
      });
    },

    // Not async, and nothing awaited first: the permission prompt must open inside the click.
    addSite: (input) => enableSite(input),
    removeSite: (pattern) => disableSite(pattern),

    rag: ragStore(),
  };
}
