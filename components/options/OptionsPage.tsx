import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { AboutFooterFor } from '../welcome/AboutFooter';
import { PackDiffPreview } from './PackDiffPreview';
import { PackList } from './PackList';
import { RagImport } from './RagImport';
import { PracticeProfile } from './PracticeProfile';
import { Preferences } from './Preferences';
import { RulePackUpload } from './RulePackUpload';
import { RuleTable } from './RuleTable';
import { SiteAccess } from './SiteAccess';
import { ValidationIssues } from './ValidationIssues';
import type {
  InvalidPackCheck,
  OptionsSnapshot,
  OptionsStore,
  PracticeValue,
  PreferencesValue,
  RagConversionView,
  RagListView,
  RagPackDetailsInput,
  RagPreset,
  ValidPackCheck,
} from './types';
import type { RagMapping } from '@/rules/rag/mapping';
import { COMMISSIONER_LABELS } from '@/rules/schema/rule-pack';

export interface OptionsPageProps {
  readonly store: OptionsStore;
}

/** Where the import is: the page shows at most one result (errors or a preview) at a time. */
type ImportFlow =
  | { readonly step: 'idle' }
  | { readonly step: 'checking'; readonly fileName: string }
  | { readonly step: 'invalid'; readonly check: InvalidPackCheck }
  | { readonly step: 'preview'; readonly check: ValidPackCheck; readonly isApplying: boolean };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The options page: what is in force, importing a local pack (check → preview → confirm), the
 * rules, preferences and sites. Reads and writes only through `store`.
 */
export function OptionsPage({ store }: OptionsPageProps) {
  const [snapshot, setSnapshot] = useState<OptionsSnapshot | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [flow, setFlow] = useState<ImportFlow>({ step: 'idle' });
  const [status, setStatus] = useState('');
  const [isBusy, setBusy] = useState(false);
  // Which section started the import flow: a pack file, or a converted traffic-light list.
  const [origin, setOrigin] = useState<'pack' | 'rag'>('pack');
  const [ragConversion, setRagConversion] = useState<RagConversionView | null>(null);
  const [isConverting, setConverting] = useState(false);
  const [ragList, setRagList] = useState<RagListView | null>(null);
  const [ragListErrors, setRagListErrors] = useState<{
    fileName: string;
    errors: readonly string[];
  } | null>(null);
  const [ragSheets, setRagSheets] = useState<readonly string[]>([]);
  const [savedMapping, setSavedMapping] = useState<RagMapping | null>(null);
  // Drops a stale preview that finishes after a newer one started.
  const previews = useRef(0);
  const { rag } = store;
  // Drops a stale load that finishes after a newer one started.
  const loads = useRef(0);

  const refresh = useCallback(() => {
    const n = ++loads.current;
    store.load().then(
      (next) => {
        if (n !== loads.current) return;
        setSnapshot(next);
        setLoadError(null);
      },
      (error: unknown) => {
        if (n === loads.current) setLoadError(messageOf(error));
      },
    );
  }, [store]);

  useEffect(() => {
    refresh();
    return store.watch(refresh);
  }, [store, refresh]);

  useEffect(() => {
    rag?.loadSavedMapping().then(setSavedMapping, () => setSavedMapping(null));
  }, [rag]);

  const onFile = (text: string, fileName: string, from: 'pack' | 'rag' = 'pack') => {
    setOrigin(from);
    if (from === 'pack') setRagConversion(null);
    setFlow({ step: 'checking', fileName });
    setStatus(`Checking “${fileName}”…`);
    store.checkPack(text, fileName).then(
      (check) => {
        if (check.ok) {
          setFlow({ step: 'preview', check, isApplying: false });
          setStatus(`“${fileName}” passed the checks. Review the changes, then apply or cancel.`);
        } else {
          setFlow({ step: 'invalid', check });
          const errors = check.issues.filter((i) => i.severity === 'error').length;
          setStatus(
            `“${fileName}” was not imported: ${errors === 1 ? '1 problem' : `${errors} problems`}. Nothing has changed.`,
          );
        }
      },
      (error: unknown) => {
        setFlow({
          step: 'invalid',
          check: {
            ok: false,
            fileName,
            issues: [{ path: '(file)', message: messageOf(error), severity: 'error' }],
          },
        });
        setStatus(`“${fileName}” could not be checked. Nothing has changed.`);
      },
    );
  };

  const onReadError = (message: string, fileName: string) => {
    setOrigin('pack');
    setRagConversion(null);
    setFlow({
      step: 'invalid',
      check: { ok: false, fileName, issues: [{ path: '(file)', message, severity: 'error' }] },
    });
    setStatus(`“${fileName}” was not imported. Nothing has changed.`);
  };

  const onConfirm = () => {
    if (flow.step !== 'preview') return;
    const { check } = flow;
    setFlow({ step: 'preview', check, isApplying: true });
    store.applyPack(check).then(
      () => {
        setFlow({ step: 'idle' });
        setStatus(
          `The local pack “${check.pack.name}” version ${check.pack.packVersion} is now in force. Open clinical pages update by themselves.${check.replaces ? ' Use “Undo” to put the previous pack back.' : ''}`,
        );
        refresh();
      },
      (error: unknown) => {
        setFlow({ step: 'preview', check, isApplying: false });
        setStatus(`The pack was not applied: ${messageOf(error)}. Nothing has changed.`);
      },
    );
  };

  const onCancel = () => {
    setFlow({ step: 'idle' });
    setStatus('Import cancelled. Nothing has changed.');
  };

  const onChooseList = (bytes: Uint8Array, fileName: string, sheet?: string) => {
    if (!rag) return;
    setConverting(true);
    setRagConversion(null);
    if (origin === 'rag') setFlow({ step: 'idle' });
    setStatus(`Reading “${fileName}”…`);
    rag.readList(bytes, fileName, sheet).then(
      (result) => {
        setConverting(false);
        if (result.ok) {
          setRagList(result.list);
          setRagListErrors(null);
          setRagSheets(result.list.sheets);
          const { rows, sheet: name } = result.list;
          setStatus(
            `“${fileName}”${name ? `, sheet “${name}”,` : ''} read: ${Math.max(0, rows.length - 1)} rows. Map its columns and statuses below.`,
          );
        } else {
          setRagList(null);
          setRagListErrors({ fileName, errors: result.errors });
          setRagSheets(result.sheets ?? []);
          setStatus(`“${fileName}” could not be read. Nothing has changed.`);
        }
      },
      (error: unknown) => {
        setConverting(false);
        setRagList(null);
        setRagListErrors({ fileName, errors: [messageOf(error)] });
        setStatus(`“${fileName}” could not be read. Nothing has changed.`);
      },
    );
  };

  const onRagPreview = (mapping: RagMapping, details: RagPackDetailsInput) => {
    if (!rag || !ragList) return;
    const n = ++previews.current;
    rag.convert({ list: ragList, mapping, details }).then(
      (view) => {
        if (n === previews.current) setRagConversion(view);
      },
      (error: unknown) => {
        if (n !== previews.current) return;
        setRagConversion({
          csvFileName: ragList.fileName,
          mappingIssues: [],
          report: null,
          pack: null,
        });
        setStatus(`The preview could not be made: ${messageOf(error)}`);
      },
    );
  };

  const onRagCheck = () => {
    const pack = ragConversion?.pack;
    if (pack) onFile(pack.text, pack.fileName, 'rag');
  };

  const onSaveMapping = (mapping: RagMapping) => {
    if (!rag) return;
    rag.saveMapping(mapping).then(
      () => {
        setSavedMapping(mapping);
        setStatus('Mapping saved. It is offered first the next time you import a list.');
      },
      (error: unknown) => setStatus(`The mapping was not saved: ${messageOf(error)}`),
    );
  };

  const onExportMapping = (mapping: RagMapping) => {
    if (!rag) return;
    const name = ragList?.fileName ?? 'traffic-lights';
    // Up to the last dot, without a regex: file names are untrusted input.
    const dot = name.lastIndexOf('.');
    const base = dot > 0 ? name.slice(0, dot) : name;
    rag.exportMapping(mapping, `${base}.mapping.json`).then(
      () => setStatus(`The mapping was exported to your downloads as “${base}.mapping.json”.`),
      (error: unknown) => setStatus(`The mapping was not exported: ${messageOf(error)}`),
    );
  };

  const ragPresets: readonly RagPreset[] = rag
    ? [
        ...(savedMapping
          ? [{ id: 'saved', label: 'My saved mapping', mapping: savedMapping }]
          : []),
        ...rag.presets,
      ]
    : [];

  const runAction = (action: () => Promise<void>, done: string, failed: string) => {
    setBusy(true);
    action().then(
      () => {
        setBusy(false);
        setStatus(done);
        refresh();
      },
      (error: unknown) => {
        setBusy(false);
        setStatus(`${failed}: ${messageOf(error)}`);
      },
    );
  };

  const onRemove = () =>
    runAction(
      () => store.removeLocalPack(),
      'The local pack was removed. The national pack is in force again. Use “Undo” to put it back.',
      'The local pack could not be removed',
    );

  const onUndo = () => {
    const name = snapshot?.undo?.packName ?? 'the previous local pack';
    runAction(
      () => store.undoLocalPack(),
      `The local pack “${name}” is back in force. Open clinical pages update by themselves.`,
      'The local pack could not be put back',
    );
  };

  const onExport = () =>
    runAction(
      () => store.exportLocalPack(),
      'The local pack was exported to your downloads.',
      'The local pack could not be exported',
    );

  const onPreferences = (next: PreferencesValue) => {
    // Show the change at once; the watch() refresh confirms it from storage.
    setSnapshot((s) => (s ? { ...s, preferences: next } : s));
    store.savePreferences(next).then(
      () => setStatus('Preferences saved. Open clinical pages update by themselves.'),
      (error: unknown) => {
        setStatus(`Preferences were not saved: ${messageOf(error)}`);
        refresh();
      },
    );
  };

  const onPractice = (next: PracticeValue) => {
    if (!store.savePractice) return;
    setSnapshot((s) => (s ? { ...s, practice: next } : s));
    store.savePractice(next).then(
      () => setStatus('Practice profile saved. Open clinical pages update by themselves.'),
      (error: unknown) => {
        setStatus(`The practice profile was not saved: ${messageOf(error)}`);
        refresh();
      },
    );
  };

  const withRefresh =
    <A,>(action: (arg: A) => ReturnType<OptionsStore['addSite']>) =>
    (arg: A) => {
      const result = action(arg);
      void result.then(refresh, refresh);
      return result;
    };

  const isChecking = flow.step === 'checking';
  const flowIsBusy = isChecking || (flow.step === 'preview' && flow.isApplying);
  const flowResult =
    flow.step === 'invalid' ? (
      <ValidationIssues fileName={flow.check.fileName} issues={flow.check.issues} />
    ) : flow.step === 'preview' ? (
      <PackDiffPreview
        check={flow.check}
        isBusy={flow.isApplying}
        onConfirm={onConfirm}
        onCancel={onCancel}
      />
    ) : null;

  return (
    <div class="plens-options">
      <header class="plens-header">
        <div class="plens-header-inner">
          <h1>Prescribing Lens</h1>
          <p>Rule packs, preferences and the sites it runs on</p>
          <p>
            <a class="plens-header-link" href="workload.html">
              Practice workload: count your flagged work from a clinical-system export
            </a>
          </p>
        </div>
      </header>
      <main class="plens-main">
        <p role="status" class="plens-status" data-testid="plens-status">
          {status}
        </p>
        {loadError ? (
          <p class="plens-callout plens-callout--error">
            The settings could not be read: {loadError}. Close and reopen this page.
          </p>
        ) : null}
        {!snapshot ? (
          <p>Loading…</p>
        ) : (
          <>
            <PackList
              packs={snapshot.packs}
              problems={snapshot.problems}
              policyProblems={snapshot.policyProblems}
              urlPackStatus={snapshot.urlPackStatus}
              localFile={snapshot.localFile}
              isBusy={isBusy}
              undo={snapshot.undo}
              onExport={onExport}
              onRemove={onRemove}
              onUndo={onUndo}
            />
            <section class="plens-section" aria-labelledby="plens-import-heading">
              <h2 id="plens-import-heading">Import a local pack</h2>
              <p>
                A local pack from your ICB, PCN or practice adds to, overrides or switches off
                national rules.
                {snapshot.localFile ? ' Importing a new one replaces the current local pack.' : ''}
              </p>
              <RulePackUpload
                onFile={onFile}
                onReadError={onReadError}
                isBusy={flowIsBusy || isConverting}
              />
              {origin === 'pack' ? flowResult : null}
            </section>
            {rag ? (
              <RagImport
                presets={ragPresets}
                list={ragList}
                listErrors={ragListErrors}
                sheets={ragSheets}
                conversion={ragConversion}
                isBusy={flowIsBusy || isConverting}
                onChooseList={onChooseList}
                onPreview={onRagPreview}
                onSave={onSaveMapping}
                onExport={onExportMapping}
                onLoadMapping={(text) => rag.parseMapping(text)}
                onCheck={onRagCheck}
                services={[...snapshot.effective.services.values()].map(({ item }) => ({
                  id: item.id,
                  name: item.name,
                }))}
              >
                {origin === 'rag' ? flowResult : null}
              </RagImport>
            ) : null}
            <RuleTable effective={snapshot.effective} disabled={snapshot.disabled} />
            {store.savePractice ? (
              <PracticeProfile
                value={snapshot.practice ?? { commissionedFlags: 'quiet' }}
                locks={snapshot.locks}
                services={[...snapshot.effective.services.values()].map(({ item }) => ({
                  id: item.id,
                  name: item.name,
                  commissioner: COMMISSIONER_LABELS[item.commissioner],
                  ...(item.area ? { area: item.area } : {}),
                }))}
                onChange={onPractice}
              />
            ) : null}
            <Preferences
              value={snapshot.preferences}
              locks={snapshot.locks}
              onChange={onPreferences}
            />
            <SiteAccess
              builtInSites={snapshot.builtInSites}
              sites={snapshot.sites}
              onAdd={withRefresh((input: string) => store.addSite(input))}
              onRemove={withRefresh((pattern: string) => store.removeSite(pattern))}
            />
          </>
        )}
      </main>
      {store.about ? <AboutFooterFor about={store.about} /> : null}
    </div>
  );
}
