/**
 * The options page's adapter over rules/store and rules/loader: everything the page reads or writes
 * goes through here. Imports are checked with the validator CLI's own code (`parsePackText` +
 * `validatePack`), previewed against the rules in force with every layer (a managed pack stays on
 * top), and written to `localPackItem` only on confirmation, after checking the text once more:
 * the storage layer never sees an invalid pack, and a failed import never touches what is stored.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type {
  OptionsSnapshot,
  OptionsStore,
  PackCheck,
  PackSummary,
  RagConversionView,
  RagImportRequest,
  RagMappingOption,
  RagPackDetailsInput,
  UndoView,
  ValidPackCheck,
} from '@/components/options/types';
import { CLINICAL_HOST_MATCHES } from '@/rules/hosts';
import { diffRuleSets } from '@/rules/loader/diff';
import type { PackIssue } from '@/rules/loader/issues';
import { mergePacks, type LayeredPack, type Layer, packInfoOf } from '@/rules/loader/merge';
import { parsePackText } from '@/rules/loader/parse';
import { formatPack } from '@/rules/packs/format-pack';
import { validatePack } from '@/rules/loader/validate';
import { convertRagCsv, type ConvertOptions } from '@/rules/rag/convert';
import { parseRagMappingText, validateRagMapping, type RagMapping } from '@/rules/rag/mapping';
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
import { bundledPack, type StoredPack } from '@/rules/store/layers';
import { readSettings } from '@/rules/store/settings';
import { describeSites, disableSite, enableSite } from '@/rules/store/sites';
import { loadRuleState } from '@/rules/store/state';

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
export const keptLocalPackItem = storage.defineItem<KeptPack | null>('local:keptLocalPack', {
  fallback: null,
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

function isStoredPack(value: unknown): value is StoredPack {
  if (typeof value !== 'object' || value === null) return false;
  const o = value as Record<string, unknown>;
  return (
    typeof o.text === 'string' && typeof o.fileName === 'string' && typeof o.importedAt === 'string'
  );
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
  const validated = validatePack(parsed.value, { today });
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
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The example mappings shipped in rules/rag/mappings/ (docs/rule-pack.md §8.3), in the select's order. */
const SHIPPED_MAPPINGS: readonly (RagMappingOption & { readonly json: unknown })[] = [
  {
    id: 'netformulary',
    label: 'netFormulary-style list (Red, Amber, Green SI…)',
    json: netformularyMapping,
  },
  { id: 'llr', label: 'Leicester, Leicestershire and Rutland (LLR)', json: llrMapping },
  { id: 'pan-mersey', label: 'Pan Mersey APC', json: panMerseyMapping },
];

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
function packFileName(csvFileName: string): string {
  const base = csvFileName.replace(/\.(csv|tsv|txt)$/i, '') || 'traffic-lights';
  return `${base}.pack.json`;
}

function convertRag(request: RagImportRequest): RagConversionView {
  const { csvFileName } = request;
  let mapping: RagMapping;
  if (request.mapping.kind === 'shipped') {
    const { id } = request.mapping;
    const shipped = SHIPPED_MAPPINGS.find((m) => m.id === id);
    const result = shipped ? validateRagMapping(shipped.json) : null;
    if (!result?.ok) {
      const message = `The example mapping “${id}” could not be read`;
      return {
        csvFileName,
        mappingIssues: result?.issues ?? [{ path: '(file)', message, severity: 'error' }],
        report: null,
        pack: null,
      };
    }
    mapping = result.value;
  } else {
    const result = parseRagMappingText(request.mapping.text);
    if (!result.ok) return { csvFileName, mappingIssues: result.issues, report: null, pack: null };
    mapping = result.value;
  }
  const { pack, report } = convertRagCsv(
    request.csv,
    mapping,
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

    // Not async, and nothing awaited first: the permission prompt must open inside the click.
    addSite: (input) => enableSite(input),
    removeSite: (pattern) => disableSite(pattern),

    ragMappings: SHIPPED_MAPPINGS.map(({ id, label }) => ({ id, label })),
    // Pure and synchronous; a promise so the page treats it like every other store call.
    convertRag: (request) => Promise.resolve().then(() => convertRag(request)),
  };
}
