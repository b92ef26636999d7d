import { ICB_ODS_CODES, ICBS, placesOf, type IcbId } from '@/rules/schema/icbs';
import type { CommissionedFlags, PracticeProfile as Profile } from '@/rules/schema/settings';
import type { PolicyLocks, PracticeValue, ServiceChoice } from './types';

export interface PracticeProfileProps {
  /** The user's own value (what is saved). */
  readonly value: PracticeValue;
  /** What enterprise policy forces; those controls show the policy's value, disabled. */
  readonly locks: PolicyLocks;
  /** Services the packs in force define. */
  readonly services: readonly ServiceChoice[];
  readonly onChange: (next: PracticeValue) => void;
}

const NOTE_ID = 'plens-practice-locked-note';
const EMPTY: Profile = { icb: null, services: [] };

/** The profile with no place chosen. */
function withoutPlace(profile: Profile): Profile {
  return { icb: profile.icb, services: profile.services };
}

const FLAG_LABELS: Readonly<Record<CommissionedFlags, { label: string; hint: string }>> = {
  quiet: { label: 'Show quietly', hint: 'underline only, no warning colour' },
  hidden: { label: 'Do not flag', hint: 'the card is still there in the toolbar look-up' },
};

/**
 * "Your practice" (#19): the practice's ICB and the commissioned services it provides. Popovers
 * then say what this practice's contract means for each medicine. Organisational settings only.
 */
export function PracticeProfile({ value, locks, services, onChange }: PracticeProfileProps) {
  const isProfileLocked = locks.practice !== undefined;
  const isFlagsLocked = locks.commissionedFlags !== undefined;
  const profile = locks.practice ?? value.practice;
  const flags = locks.commissionedFlags ?? value.commissionedFlags;
  const current = profile ?? EMPTY;
  const set = (next: Profile) => onChange({ ...value, practice: next });
  const known = new Set(services.map((s) => s.id));
  // Ids a pack no longer defines stay in the profile (a pack update must not rewrite it) but are
  // listed, so the admin can see and clear them.
  const unknown = current.services.filter((id) => !known.has(id));
  const places = placesOf(current.icb);

  return (
    <section class="plens-section" aria-labelledby="plens-practice-heading">
      <h2 id="plens-practice-heading">Your practice</h2>
      <p class="plens-hint">
        Which ICB the practice is in and which commissioned services it has signed up to. Cards then
        say what that means for each medicine, and where to refer. This is about the practice, never
        about a patient.
      </p>
      {isProfileLocked || isFlagsLocked ? (
        <p
          id={NOTE_ID}
          class="plens-callout plens-callout--info"
          data-testid="plens-practice-locked"
        >
          <strong>Your practice profile is set by your organisation</strong> through enterprise
          policy, so it cannot be changed here.
        </p>
      ) : null}
      {profile === undefined ? (
        <p class="plens-callout plens-callout--info" data-testid="plens-practice-not-set">
          Not set yet: cards show the national position only. Choose your ICB and services below.
        </p>
      ) : null}
      <div class="plens-field">
        <label for="plens-practice-icb">Integrated care board (ICB)</label>
        <select
          id="plens-practice-icb"
          value={current.icb ?? ''}
          disabled={isProfileLocked}
          aria-describedby={isProfileLocked ? NOTE_ID : undefined}
          onChange={(event) => {
            const icb = event.currentTarget.value;
            // A place belongs to one ICB: changing the ICB clears it.
            set(withoutPlace({ ...current, icb: icb === '' ? null : (icb as IcbId) }));
          }}
        >
          <option value="">Not chosen</option>
          {ICBS.map(([id, name]) => (
            <option key={id} value={id}>
              {name} ({ICB_ODS_CODES[id]})
            </option>
          ))}
        </select>
      </div>
      {places.length > 0 ? (
        <div class="plens-field">
          <label for="plens-practice-place">Place (sub-ICB location)</label>
          <select
            id="plens-practice-place"
            value={current.place ?? ''}
            disabled={isProfileLocked}
            aria-describedby={
              isProfileLocked ? `${NOTE_ID} plens-practice-place-hint` : 'plens-practice-place-hint'
            }
            onChange={(event) => {
              const place = event.currentTarget.value;
              set(place === '' ? withoutPlace(current) : { ...current, place });
            }}
          >
            <option value="">Not chosen</option>
            {places.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
          <p id="plens-practice-place-hint" class="plens-hint">
            Your ICB has several sub-ICB locations (the areas of the former CCGs), named by their
            ODS code. Local services can differ between them.
          </p>
        </div>
      ) : null}
      <fieldset class="plens-fieldset">
        <legend>Services the practice provides</legend>
        {services.length === 0 ? <p>The packs in force define no services.</p> : null}
        {services.map((s) => {
          const id = `plens-service-${s.id}`;
          return (
            <div key={s.id} class="plens-choice">
              <input
                id={id}
                type="checkbox"
                checked={current.services.includes(s.id)}
                disabled={isProfileLocked}
                aria-describedby={isProfileLocked ? NOTE_ID : undefined}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  set({
                    ...current,
                    services: on
                      ? [...current.services, s.id]
                      : current.services.filter((x) => x !== s.id),
                  });
                }}
              />
              <label for={id}>
                {s.name}
                <span class="plens-hint"> — commissioned by {s.commissioner}</span>
                {isProfileLocked ? (
                  <span class="plens-lock"> (set by your organisation)</span>
                ) : null}
              </label>
            </div>
          );
        })}
        {unknown.length > 0 ? (
          <p class="plens-callout plens-callout--warning" data-testid="plens-practice-unknown">
            No pack in force defines: {unknown.join(', ')}. They have no effect.
          </p>
        ) : null}
      </fieldset>
      <fieldset class="plens-fieldset">
        <legend>Medicines the practice is commissioned to prescribe</legend>
        {(['quiet', 'hidden'] as const).map((f) => {
          const id = `plens-commissioned-${f}`;
          return (
            <div key={f} class="plens-choice">
              <input
                id={id}
                type="radio"
                name="plens-commissioned-flags"
                checked={flags === f}
                disabled={isFlagsLocked}
                aria-describedby={isFlagsLocked ? NOTE_ID : undefined}
                onChange={() => onChange({ ...value, commissionedFlags: f })}
              />
              <label for={id}>
                {FLAG_LABELS[f].label}
                <span class="plens-hint"> — {FLAG_LABELS[f].hint}</span>
              </label>
            </div>
          );
        })}
      </fieldset>
    </section>
  );
}
