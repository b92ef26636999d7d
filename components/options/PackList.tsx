import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate, formatDateTime } from '@/rules/views/dates';
import { LAYER_LABELS, plural } from './format';
import type { LayerProblemView, PackSummary, UndoView, UrlPackStatusView } from './types';

export interface PackListProps {
  readonly packs: readonly PackSummary[];
  readonly problems: readonly LayerProblemView[];
  readonly policyProblems: readonly string[];
  readonly urlPackStatus: UrlPackStatusView | null;
  /** The stored local pack file, in force or not (a pack that stopped validating can still be exported). */
  readonly localFile: { readonly fileName: string; readonly importedAt: string } | null;
  readonly isBusy?: boolean;
  /** The local pack last removed or replaced, which can be put back. */
  readonly undo?: UndoView | null;
  readonly onExport: () => void;
  /** Called only once the admin has confirmed the removal. */
  readonly onRemove: () => void;
  readonly onUndo?: () => void;
}

function Detail({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="plens-detail">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function PackCard({ pack }: { pack: PackSummary }) {
  return (
    <>
      <p class="plens-pack-name">{pack.name}</p>
      <dl class="plens-details">
        <Detail term="Publisher">{pack.publisher}</Detail>
        <Detail term="Version">{pack.packVersion}</Detail>
        <Detail term="Published">{formatDate(pack.publishedAt)}</Detail>
        <Detail term="Review by">{formatDate(pack.reviewBy)}</Detail>
        <Detail term="Rules">{pack.ruleCount.toLocaleString('en-GB')}</Detail>
        <Detail term="Names">{pack.nameCount.toLocaleString('en-GB')}</Detail>
        {pack.disableCount > 0 ? (
          <Detail term="Switches off">{plural(pack.disableCount, 'earlier rule')}</Detail>
        ) : null}
        {pack.fileName ? <Detail term="File">{pack.fileName}</Detail> : null}
        {pack.importedAt ? (
          <Detail term="Imported">{formatDateTime(pack.importedAt)}</Detail>
        ) : null}
      </dl>
      {pack.reviewOverdue ? (
        <p class="plens-callout plens-callout--warning" data-testid="plens-review-overdue">
          <strong>Review date passed.</strong> This pack was due for review by{' '}
          {formatDate(pack.reviewBy)}. It still works, but its content may be out of date: ask{' '}
          {pack.publisher} for a newer version.
        </p>
      ) : null}
    </>
  );
}

/**
 * Removing the local pack changes every open clinical page at once, so it asks first (issue #20);
 * the question takes focus so a keyboard user answers it without hunting for it.
 */
function RemoveConfirm({
  fileName,
  isBusy,
  onConfirm,
  onKeep,
}: {
  fileName: string;
  isBusy: boolean;
  onConfirm: () => void;
  onKeep: () => void;
}) {
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div
      class="plens-callout plens-callout--warning"
      role="group"
      aria-labelledby="plens-remove-question"
      data-testid="plens-remove-confirm"
    >
      <p id="plens-remove-question" tabIndex={-1} ref={heading}>
        <strong>Remove the local pack “{fileName}”?</strong> The national pack will be in force on
        every open clinical page straight away. The pack is kept, so you can undo this.
      </p>
      <div class="plens-actions">
        <button
          type="button"
          class="plens-button plens-button--warning"
          onClick={onConfirm}
          disabled={isBusy}
        >
          Yes, remove it
        </button>
        <button type="button" class="plens-button plens-button--secondary" onClick={onKeep}>
          No, keep it
        </button>
      </div>
    </div>
  );
}

const UNDO_TEXT: Record<UndoView['action'], string> = {
  removed: 'was removed',
  replaced: 'was replaced by a new local pack',
};

/** The pack last removed or replaced, and the one button that puts it back. */
function UndoNotice({
  undo,
  isBusy,
  onUndo,
}: {
  undo: UndoView;
  isBusy: boolean;
  onUndo: () => void;
}) {
  return (
    <div class="plens-callout" data-testid="plens-undo">
      <p>
        The local pack “{undo.packName}” (“{undo.fileName}”) {UNDO_TEXT[undo.action]} on{' '}
        {formatDateTime(undo.at)}. It is kept until the next change.
      </p>
      <button
        type="button"
        class="plens-button plens-button--secondary"
        onClick={onUndo}
        disabled={isBusy}
      >
        Undo: put “{undo.packName}” back
      </button>
    </div>
  );
}

/** The packs in force, layer by layer, and anything that stopped a pack from loading. */
export function PackList({
  packs,
  problems,
  policyProblems,
  urlPackStatus,
  localFile,
  isBusy = false,
  undo = null,
  onExport,
  onRemove,
  onUndo,
}: PackListProps) {
  const [isConfirming, setConfirming] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  // Once the pack is gone there is nothing left to confirm.
  useEffect(() => {
    if (!localFile) setConfirming(false);
  }, [localFile]);
  const local = packs.find((p) => p.layer === 'local');
  const allProblems = [
    ...problems.map((p) => p.message),
    ...policyProblems,
    ...(urlPackStatus && !urlPackStatus.ok
      ? [
          `The policy pack${urlPackStatus.url ? ` at ${urlPackStatus.url}` : ''} could not be updated (checked ${formatDateTime(urlPackStatus.checkedAt)}): ${urlPackStatus.message}`,
        ]
      : []),
  ];
  const localActions = localFile ? (
    <div class="plens-actions">
      <button type="button" class="plens-button plens-button--secondary" onClick={onExport}>
        Export local pack
      </button>
      <button
        type="button"
        class="plens-button plens-button--warning"
        ref={removeButton}
        onClick={() => setConfirming(true)}
        disabled={isBusy || isConfirming}
        aria-describedby="plens-remove-hint"
      >
        Remove local pack
      </button>
      <p id="plens-remove-hint" class="plens-hint">
        Removing it puts the national pack back in force straight away; you are asked first, and can
        undo it.
      </p>
      {isConfirming ? (
        <RemoveConfirm
          fileName={localFile.fileName}
          isBusy={isBusy}
          onConfirm={() => {
            setConfirming(false);
            onRemove();
          }}
          onKeep={() => {
            setConfirming(false);
            // Back to where the admin was, not to the top of the page.
            setTimeout(() => removeButton.current?.focus(), 0);
          }}
        />
      ) : null}
    </div>
  ) : null;

  return (
    <section class="plens-section" aria-labelledby="plens-packs-heading">
      <h2 id="plens-packs-heading">Rule packs in force</h2>
      {allProblems.length > 0 ? (
        <div
          class="plens-callout plens-callout--error"
          role="group"
          aria-labelledby="plens-problems-heading"
        >
          <h3 id="plens-problems-heading">
            {allProblems.length === 1 ? 'A problem needs attention' : 'Problems need attention'}
          </h3>
          <ul data-testid="plens-problems">
            {allProblems.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {undo && onUndo ? <UndoNotice undo={undo} isBusy={isBusy} onUndo={onUndo} /> : null}
      <p>
        Later packs win: a local pack overrides or switches off national rules, and a managed pack
        set by your organisation overrides both.
      </p>
      <ul class="plens-packs">
        {packs.map((pack) => (
          <li key={pack.layer} class="plens-pack" data-layer={pack.layer}>
            <h3 id={`plens-pack-${pack.layer}`}>{LAYER_LABELS[pack.layer]}</h3>
            <PackCard pack={pack} />
            {pack.layer === 'local' ? localActions : null}
          </li>
        ))}
        {!local && localFile ? (
          <li class="plens-pack" data-layer="local">
            <h3 id="plens-pack-stored">Local pack (not in use)</h3>
            <p>
              “{localFile.fileName}”, imported {formatDateTime(localFile.importedAt)}, no longer
              passes the checks, so the national pack is used in its place. Export it to correct it,
              or remove it.
            </p>
            {localActions}
          </li>
        ) : null}
      </ul>
      {urlPackStatus?.ok ? (
        <p class="plens-hint">
          Policy pack{urlPackStatus.url ? ` ${urlPackStatus.url}` : ''}: {urlPackStatus.message}{' '}
          (checked {formatDateTime(urlPackStatus.checkedAt)}).
        </p>
      ) : null}
    </section>
  );
}
