import { CATEGORIES, type Category } from '@/rules/schema/rule-pack';
import { CATEGORY_LABELS } from '@/rules/schema/rule-pack';
import type { HighlightStyle, PolicyLocks, PreferencesValue } from './types';

export interface PreferencesProps {
  /** The user's own preferences (what is saved). */
  readonly value: PreferencesValue;
  /** What enterprise policy forces; those controls show the policy's value, disabled. */
  readonly locks: PolicyLocks;
  readonly onChange: (next: PreferencesValue) => void;
}

const STYLE_LABELS: Readonly<Record<HighlightStyle, { label: string; hint: string }>> = {
  tint: { label: 'Tint and underline', hint: 'a light background colour under each name' },
  underline: { label: 'Underline only', hint: 'quieter, for busy screens' },
};

const LOCK_NOTE_ID = 'plens-locked-note';

/** Which categories are flagged and how; controls locked by policy say so. */
export function Preferences({ value, locks, onChange }: PreferencesProps) {
  const lockedCategory = (c: Category) => locks.categories?.[c] !== undefined;
  const isStyleLocked = locks.highlightStyle !== undefined;
  const isAnyLocked = isStyleLocked || CATEGORIES.some(lockedCategory);
  const style = locks.highlightStyle ?? value.highlightStyle;

  return (
    <section class="plens-section" aria-labelledby="plens-prefs-heading">
      <h2 id="plens-prefs-heading">Preferences</h2>
      {isAnyLocked ? (
        <p id={LOCK_NOTE_ID} class="plens-callout plens-callout--info" data-testid="plens-locked">
          <strong>Some preferences are set by your organisation.</strong> Your IT or medicines
          optimisation team has fixed them through enterprise policy, so they cannot be changed
          here. Those controls are marked “Set by your organisation”.
        </p>
      ) : null}
      <fieldset class="plens-fieldset">
        <legend>Categories to flag</legend>
        {CATEGORIES.map((c) => {
          const isLocked = lockedCategory(c);
          const checked = locks.categories?.[c] ?? value.categories[c];
          const id = `plens-cat-${c}`;
          return (
            <div key={c} class="plens-choice">
              <input
                id={id}
                type="checkbox"
                checked={checked}
                disabled={isLocked}
                aria-describedby={isLocked ? LOCK_NOTE_ID : undefined}
                onChange={(event) =>
                  onChange({
                    ...value,
                    categories: { ...value.categories, [c]: event.currentTarget.checked },
                  })
                }
              />
              <label for={id}>
                <span class={`plens-swatch plens-swatch--${c}`} aria-hidden="true" />
                {CATEGORY_LABELS[c]}
                {isLocked ? <span class="plens-lock"> (set by your organisation)</span> : null}
              </label>
            </div>
          );
        })}
      </fieldset>
      <fieldset class="plens-fieldset">
        <legend>Highlight style</legend>
        {(['tint', 'underline'] as const).map((s) => {
          const id = `plens-style-${s}`;
          return (
            <div key={s} class="plens-choice">
              <input
                id={id}
                type="radio"
                name="plens-highlight-style"
                value={s}
                checked={style === s}
                disabled={isStyleLocked}
                aria-describedby={isStyleLocked ? LOCK_NOTE_ID : undefined}
                onChange={() => onChange({ ...value, highlightStyle: s })}
              />
              <label for={id}>
                {STYLE_LABELS[s].label}
                <span class="plens-hint"> — {STYLE_LABELS[s].hint}</span>
                {isStyleLocked && style === s ? (
                  <span class="plens-lock"> (set by your organisation)</span>
                ) : null}
              </label>
            </div>
          );
        })}
      </fieldset>
    </section>
  );
}
