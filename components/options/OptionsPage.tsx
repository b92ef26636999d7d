import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { PackDiffPreview } from './PackDiffPreview';
import { PackList } from './PackList';
import { RagImport } from './RagImport';
import { Preferences } from './Preferences';
import { RulePackUpload } from './RulePackUpload';
import { RuleTable } from './RuleTable';
import { SiteAccess } from './SiteAccess';
import { ValidationIssues } from './ValidationIssues';
import type {
  InvalidPackCheck,
  OptionsSnapshot,
  OptionsStore,
  PreferencesValue,
  RagConversionView,
  RagImportRequest,
  ValidPackCheck,
} from './types';

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

  const onRagConvert = (request: RagImportRequest) => {
    const { convertRag } = store;
    if (!convertRag) return;
    const { csvFileName } = request;
    setFlow({ step: 'idle' });
    setRagConversion(null);
    setConverting(true);
    setStatus(`Converting “${csvFileName}”…`);
    convertRag(request).then(
      (view) => {
        setConverting(false);
        setRagConversion(view);
        if (view.pack) {
          onFile(view.pack.text, view.pack.fileName, 'rag');
        } else {
          const errors = view.mappingIssues.length + (view.report?.errors.length ?? 0);
          setStatus(
            `“${csvFileName}” was not converted: ${errors === 1 ? '1 problem' : `${errors} problems`}. Nothing has changed.`,
          );
        }
      },
      (error: unknown) => {
        setConverting(false);
        setRagConversion({
          csvFileName,
          mappingIssues: [],
          report: null,
          pack: null,
        });
        setStatus(
          `“${csvFileName}” could not be converted: ${messageOf(error)}. Nothing has changed.`,
        );
      },
    );
  };

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
            {store.convertRag ? (
              <RagImport
                mappings={store.ragMappings ?? []}
                conversion={ragConversion}
                isBusy={flowIsBusy || isConverting}
                onConvert={onRagConvert}
              >
                {origin === 'rag' ? flowResult : null}
              </RagImport>
            ) : null}
            <RuleTable effective={snapshot.effective} disabled={snapshot.disabled} />
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
    </div>
  );
}
