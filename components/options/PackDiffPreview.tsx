import { useEffect, useRef } from 'preact/hooks';
import { RULE_FIELD_LABELS, isEmptyDiff } from '@/rules/views/diff';
import { CATEGORY_LABELS } from '@/rules/schema/rule-pack';
import { formatDate } from '@/rules/views/dates';
import { LAYER_SHORT, plural } from './format';
import type { ItemDiff } from '@/rules/views/diff';
import type { ValidPackCheck } from './types';

export interface PackDiffPreviewProps {
  readonly check: ValidPackCheck;
  readonly isBusy?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  /** Move focus to the heading when shown, so keyboard and screen-reader users land on it. */
  readonly shouldFocus?: boolean;
}

/** Long lists (a first import can add hundreds of rules) are cut here, with a count of the rest. */
const SHOWN = 50;

function More({ total }: { total: number }) {
  return total > SHOWN ? (
    <li class="plens-more">and {(total - SHOWN).toLocaleString('en-GB')} more</li>
  ) : null;
}

function namesText(names: readonly string[], limit = 4): string {
  const shown = names.slice(0, limit).join(', ');
  return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
}

/**
 * What a valid pack would change, before anything is stored: the pack, its warnings, and rules
 * added, changed and removed, and names that would be flagged in another colour. Applied only on
 * confirmation.
 */
export function PackDiffPreview({
  check,
  isBusy = false,
  onConfirm,
  onCancel,
  shouldFocus = true,
}: PackDiffPreviewProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (shouldFocus) heading.current?.focus();
  }, [shouldFocus]);
  const { pack, diff, warnings, replaces } = check;
  const empty = isEmptyDiff(diff);

  return (
    <section
      class="plens-preview"
      aria-labelledby="plens-preview-heading"
      data-testid="plens-preview"
    >
      <h3 id="plens-preview-heading" tabIndex={-1} ref={heading}>
        Check before applying: “{pack.name}”
      </h3>
      <p>
        From “{check.fileName}”: version {pack.packVersion} by {pack.publisher}, published{' '}
        {formatDate(pack.publishedAt)}, review by {formatDate(pack.reviewBy)}.{' '}
        {plural(pack.ruleCount, 'rule')}, {plural(pack.nameCount, 'name')}
        {pack.disableCount > 0 ? `, switches off ${plural(pack.disableCount, 'rule')}` : ''}.
      </p>
      {replaces ? (
        <p>
          It replaces the local pack “{replaces.name}” version {replaces.packVersion}
          {replaces.fileName ? ` (from “${replaces.fileName}”)` : ''}. The replaced pack is kept, so
          you can undo this.
        </p>
      ) : null}
      <p>The pack passed every check. Nothing has changed yet.</p>

      {warnings.length > 0 ? (
        <div
          class="plens-callout plens-callout--warning"
          role="group"
          aria-labelledby="plens-preview-warnings"
        >
          <h4 id="plens-preview-warnings">Warnings ({warnings.length})</h4>
          <ul data-testid="plens-preview-warnings">
            {warnings.map((w, i) => (
              <li key={`${w.path}-${i}`}>
                {w.where ? (
                  <>
                    <strong class="plens-issue-path">{w.where}</strong>:{' '}
                  </>
                ) : null}
                {w.message}
                {!w.where && w.path !== '(pack)' && w.path !== '(file)' ? (
                  <>
                    {' '}
                    <code class="plens-issue-path">{w.path}</code>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <h4>What changes</h4>
      {empty ? (
        <p data-testid="plens-no-change">
          This pack changes nothing in the rules in force: no medicine would be flagged differently.
        </p>
      ) : (
        <ul class="plens-summary" data-testid="plens-diff-summary">
          <li>{plural(diff.added.length, 'rule')} added</li>
          <li>{plural(diff.changed.length, 'rule')} changed</li>
          <li>{plural(diff.removed.length, 'rule')} removed</li>
          <li>{plural(diff.movedNames.length, 'name')} flagged in another category</li>
          <ItemChanges label="Services" diff={diff.services} />
          <ItemChanges label="Referral directory" diff={diff.directory} />
        </ul>
      )}

      {diff.added.length > 0 ? (
        <>
          <h5>Added</h5>
          <ul class="plens-diff-list" data-testid="plens-added">
            {diff.added.slice(0, SHOWN).map(({ rule, pack: from }) => (
              <li key={rule.id}>
                <strong>{rule.drug}</strong> —{' '}
                {rule.categories.map((c) => CATEGORY_LABELS[c]).join(', ')}
                {from.layer !== 'local'
                  ? ` (the ${LAYER_SHORT[from.layer].toLowerCase()} pack’s rule)`
                  : ''}
                . Names: {namesText(rule.names)}.
              </li>
            ))}
            <More total={diff.added.length} />
          </ul>
        </>
      ) : null}

      {diff.changed.length > 0 ? (
        <>
          <h5>Changed</h5>
          <ul class="plens-diff-list" data-testid="plens-changed">
            {diff.changed.slice(0, SHOWN).map((c) => (
              <li key={c.id}>
                <strong>{c.after.rule.drug}</strong> —{' '}
                {c.fields.map((f) => RULE_FIELD_LABELS[f]).join(', ')}
                {c.fields.includes('layer')
                  ? ` (now from the ${LAYER_SHORT[c.after.pack.layer].toLowerCase()} pack)`
                  : ''}
                .{c.namesAdded.length > 0 ? ` New names: ${namesText(c.namesAdded)}.` : ''}
                {c.namesRemoved.length > 0 ? ` Names dropped: ${namesText(c.namesRemoved)}.` : ''}
              </li>
            ))}
            <More total={diff.changed.length} />
          </ul>
        </>
      ) : null}

      {diff.removed.length > 0 ? (
        <>
          <h5>Removed</h5>
          <ul class="plens-diff-list" data-testid="plens-removed">
            {diff.removed.slice(0, SHOWN).map((r) => (
              <li key={r.id}>
                <strong>{r.before.rule.drug}</strong> —{' '}
                {r.disabledBy
                  ? `switched off: ${r.disabledBy.reason}`
                  : `no longer in any pack (it came from the ${LAYER_SHORT[r.before.pack.layer].toLowerCase()} pack)`}
              </li>
            ))}
            <More total={diff.removed.length} />
          </ul>
        </>
      ) : null}

      {diff.movedNames.length > 0 ? (
        <>
          <h5>Names flagged in another category</h5>
          <ul class="plens-diff-list" data-testid="plens-moved">
            {diff.movedNames.slice(0, SHOWN).map((m) => (
              <li key={m.name}>
                <strong>{m.name}</strong>: {CATEGORY_LABELS[m.from]} → {CATEGORY_LABELS[m.to]}
              </li>
            ))}
            <More total={diff.movedNames.length} />
          </ul>
        </>
      ) : null}

      <div class="plens-actions">
        <button
          type="button"
          class="plens-button plens-button--primary"
          onClick={onConfirm}
          disabled={isBusy}
        >
          Apply this pack
        </button>
        <button
          type="button"
          class="plens-button plens-button--secondary"
          onClick={onCancel}
          disabled={isBusy}
        >
          Cancel
        </button>
      </div>
    </section>
  );
}

/** One line for the services or directory entries a pack changes (#19); nothing when none. */
function ItemChanges({ label, diff }: { readonly label: string; readonly diff?: ItemDiff }) {
  if (!diff) return null;
  const parts = [
    diff.added.length > 0 ? `added ${diff.added.join(', ')}` : '',
    diff.changed.length > 0 ? `changed ${diff.changed.join(', ')}` : '',
    diff.removed.length > 0 ? `removed ${diff.removed.join(', ')}` : '',
  ].filter((x) => x !== '');
  if (parts.length === 0) return null;
  return (
    <li data-testid="plens-diff-services">
      {label}: {parts.join('; ')}
    </li>
  );
}
