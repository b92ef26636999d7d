import Fuse from 'fuse.js/basic';
import { useMemo, useState } from 'preact/hooks';
import type { EffectiveRuleSet, Layer } from '@/rules/loader/merge';
import type { Category } from '@/rules/schema/rule-pack';
import { CATEGORY_LABELS } from '@/rules/schema/rule-pack';
import { LAYER_SHORT, plural } from './format';
import type { DisabledRuleView } from './types';

export interface RuleTableProps {
  readonly effective: EffectiveRuleSet;
  readonly disabled: readonly DisabledRuleView[];
}

interface Row {
  readonly id: string;
  readonly drug: string;
  readonly names: readonly string[];
  readonly categories: readonly Category[];
  readonly categoryLabels: readonly string[];
  readonly layer: Layer;
  readonly overrides?: Layer;
  readonly packName: string;
}

const NAMES_SHOWN = 5;

/**
 * Typo tolerant but not loose: "zopiclon" finds Zopiclone and "Zimovane" finds it by brand, while a
 * short query does not match half the table. `ignoreLocation` because a name may sit anywhere in a
 * long brand string.
 */
const FUSE_OPTIONS = {
  keys: [
    { name: 'drug', weight: 3 },
    { name: 'names', weight: 2 },
    { name: 'categoryLabels', weight: 1 },
    { name: 'id', weight: 1 },
  ],
  threshold: 0.3,
  ignoreLocation: true,
  minMatchCharLength: 2,
};

function rowsOf(effective: EffectiveRuleSet): Row[] {
  return [...effective.rules.values()]
    .map(({ rule, pack, overrides }) => ({
      id: rule.id,
      drug: rule.drug,
      names: rule.names,
      categories: rule.categories,
      categoryLabels: rule.categories.map((c) => CATEGORY_LABELS[c]),
      layer: pack.layer,
      packName: pack.name,
      ...(overrides ? { overrides } : {}),
    }))
    .sort(
      (a, b) =>
        a.drug.localeCompare(b.drug, 'en-GB', { sensitivity: 'base' }) || a.id.localeCompare(b.id),
    );
}

/** The effective rules, searchable, with where each came from; then the rules switched off. */
export function RuleTable({ effective, disabled }: RuleTableProps) {
  const [query, setQuery] = useState('');
  const rows = useMemo(() => rowsOf(effective), [effective]);
  const fuse = useMemo(() => new Fuse(rows, FUSE_OPTIONS), [rows]);
  const trimmed = query.trim();
  const shown = trimmed === '' ? rows : fuse.search(trimmed).map((r) => r.item);

  return (
    <section class="plens-section" aria-labelledby="plens-rules-heading">
      <h2 id="plens-rules-heading">Rules in force</h2>
      <div class="plens-field">
        <label for="plens-rule-search" class="plens-label">
          Search by medicine, brand or category
        </label>
        <input
          id="plens-rule-search"
          type="search"
          class="plens-input"
          value={query}
          autoComplete="off"
          spellcheck={false}
          aria-describedby="plens-rule-count"
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
      </div>
      <p id="plens-rule-count" class="plens-hint" role="status" data-testid="plens-rule-count">
        {trimmed === ''
          ? `${plural(rows.length, 'rule')} in force.`
          : `${plural(shown.length, 'rule')} of ${rows.length.toLocaleString('en-GB')} match “${trimmed}”.`}
      </p>
      {/* Focusable so keyboard users can scroll the table sideways on a narrow window. */}
      <div
        class="plens-table-wrap"
        tabIndex={0}
        role="region"
        aria-labelledby="plens-rules-caption"
      >
        <table class="plens-table" data-testid="plens-rule-table">
          <caption id="plens-rules-caption" class="plens-visually-hidden">
            Rules in force, by medicine
          </caption>
          <thead>
            <tr>
              <th scope="col">Medicine</th>
              <th scope="col">Names it is flagged by</th>
              <th scope="col">Categories</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.id} data-rule-id={row.id}>
                <th scope="row">{row.drug}</th>
                <td>
                  {row.names.slice(0, NAMES_SHOWN).join(', ')}
                  {row.names.length > NAMES_SHOWN ? (
                    <span class="plens-hint"> and {row.names.length - NAMES_SHOWN} more</span>
                  ) : null}
                </td>
                <td>
                  <ul class="plens-badges">
                    {row.categories.map((c) => (
                      <li key={c} class={`plens-badge plens-badge--${c}`}>
                        {CATEGORY_LABELS[c]}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  {LAYER_SHORT[row.layer]}
                  {row.overrides ? (
                    <span class="plens-override">
                      {' '}
                      — replaces the {LAYER_SHORT[row.overrides].toLowerCase()} rule
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>Rules switched off</h3>
      {disabled.length === 0 ? (
        <p>No rules are switched off.</p>
      ) : (
        <ul class="plens-disabled" data-testid="plens-disabled">
          {disabled.map((d) => (
            <li key={d.ruleId}>
              <strong>{d.drug ?? d.ruleId}</strong> — switched off by {d.byPackName} (
              {LAYER_SHORT[d.byLayer].toLowerCase()} pack): {d.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
