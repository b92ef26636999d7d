import type { ComponentChildren } from 'preact';
import { formatDate, formatDateTime } from '@/rules/views/dates';
import { LAYER_LABELS, plural } from './format';
import type { LayerProblemView, PackSummary, UrlPackStatusView } from './types';

export interface PackListProps {
  readonly packs: readonly PackSummary[];
  readonly problems: readonly LayerProblemView[];
  readonly policyProblems: readonly string[];
  readonly urlPackStatus: UrlPackStatusView | null;
  /** The stored local pack file, in force or not (a pack that stopped validating can still be exported). */
  readonly localFile: { readonly fileName: string; readonly importedAt: string } | null;
  readonly isBusy?: boolean;
  readonly onExport: () => void;
  readonly onRemove: () => void;
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

/** The packs in force, layer by layer, and anything that stopped a pack from loading. */
export function PackList({
  packs,
  problems,
  policyProblems,
  urlPackStatus,
  localFile,
  isBusy = false,
  onExport,
  onRemove,
}: PackListProps) {
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
        onClick={onRemove}
        disabled={isBusy}
        aria-describedby="plens-remove-hint"
      >
        Remove local pack
      </button>
      <p id="plens-remove-hint" class="plens-hint">
        Removing it puts the national pack back in force straight away.
      </p>
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
