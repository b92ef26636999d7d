import { formatDate } from '@/rules/views/dates';
import type { PracticePosition, ReferralLine, ServiceLine } from '@/rules/views/practice-position';

export interface PracticeSectionProps {
  readonly practice: PracticePosition;
  /** The card's national advice: the safe fallback where no local service is recorded. */
  readonly fallbackAdvice: string;
  /** Unique per card, for the section headings' ids. */
  readonly idPrefix: string;
  /** Opens the options page at "Your practice"; absent: the text says where to set it. */
  readonly onSetProfile?: () => void;
}

/** Only https links are links; the resolver has already dropped others, this is a second guard. */
function isHttps(url: string | undefined): url is string {
  return url !== undefined && url.startsWith('https://');
}

function ServiceText({ line }: { readonly line: ServiceLine }) {
  return (
    <p class="plens-text" data-testid="plens-practice-service" data-service-id={line.id}>
      {line.provided ? (
        <>
          <strong>Your practice provides the {line.name}</strong> (commissioned by{' '}
          {line.commissioner}
          {isHttps(line.specification) ? (
            <>
              ,{' '}
              <a href={line.specification} target="_blank" rel="noopener noreferrer">
                specification
              </a>
            </>
          ) : null}
          ): {line.text}
        </>
      ) : (
        <>
          <strong>Your practice does not provide the {line.name}:</strong> {line.text}
        </>
      )}
    </p>
  );
}

function Referral({ entry }: { readonly entry: ReferralLine }) {
  return (
    <li class="plens-referral" data-testid="plens-referral" data-directory-id={entry.id}>
      <strong>{entry.name}</strong>
      <span class="plens-source-meta">
        {' '}
        — {entry.provider}; {entry.area}
      </span>
      <p class="plens-text">For: {entry.forWhom}</p>
      {entry.notFor ? <p class="plens-text">Not for: {entry.notFor}</p> : null}
      {entry.eligibility ? <p class="plens-text">Eligibility: {entry.eligibility}</p> : null}
      <p class="plens-text">
        How to refer: {entry.phone ? <span>phone {entry.phone}. </span> : null}
        {isHttps(entry.url) ? (
          <>
            <a href={entry.url} target="_blank" rel="noopener noreferrer">
              {entry.name} (referral page)
            </a>
            .{' '}
          </>
        ) : null}
        {entry.ers ? <span>e-RS: {entry.ers}. </span> : null}
        {entry.note ? <span>{entry.note}</span> : null}
      </p>
      {entry.hours ? <p class="plens-text">Hours: {entry.hours}</p> : null}
      {entry.caution ? (
        <p class="plens-text plens-warning" role="note">
          {entry.caution}
        </p>
      ) : null}
      <p class="plens-source-meta">
        Checked {formatDate(entry.lastReviewed)} · source:{' '}
        {isHttps(entry.sourceUrl) ? (
          <a href={entry.sourceUrl} target="_blank" rel="noopener noreferrer">
            {entry.sourceTitle}
          </a>
        ) : (
          entry.sourceTitle
        )}
        , {entry.sourcePublisher}
        {entry.sourceDate ? `, ${entry.sourceDate}` : ''}
        {entry.reviewOverdue ? (
          <strong class="plens-warning"> Review date passed: check before referring.</strong>
        ) : null}
      </p>
    </li>
  );
}

/**
 * "Your practice" and "Where to refer" (#19): what the practice's services mean for this medicine,
 * and the referral services recorded for it in the practice's area. Text only.
 */
export function PracticeSection({
  practice,
  fallbackAdvice,
  idPrefix,
  onSetProfile,
}: PracticeSectionProps) {
  const practiceId = `${idPrefix}-practice`;
  const referId = `${idPrefix}-refer`;
  const showPractice = practice.status !== 'no-service';
  return (
    <>
      {showPractice ? (
        <section aria-labelledby={practiceId} data-testid="plens-practice">
          <h3 class="plens-label" id={practiceId}>
            Your practice
          </h3>
          {practice.status === 'profile-not-set' ? (
            <p class="plens-text" data-testid="plens-profile-not-set">
              Your practice profile is not set, so this shows the national position.{' '}
              {onSetProfile ? (
                <button type="button" class="plens-link-button" onClick={onSetProfile}>
                  Set your practice profile
                </button>
              ) : (
                'An admin can set it in the extension’s options, under “Your practice”.'
              )}
            </p>
          ) : (
            practice.services.map((line) => <ServiceText key={line.id} line={line} />)
          )}
        </section>
      ) : null}
      {practice.showReferrals ? (
        <section aria-labelledby={referId} data-testid="plens-where-to-refer">
          <h3 class="plens-label" id={referId}>
            Where to refer
          </h3>
          {practice.noLocalService ? (
            <>
              <p class="plens-text" data-testid="plens-no-local-service">
                No local service recorded for this
                {practice.icbName ? ` in ${practice.icbName}` : ''}. {fallbackAdvice}
              </p>
              <p class="plens-source-meta">
                Admins: add your area’s services to a local pack’s directory (see the options page).
              </p>
            </>
          ) : null}
          {practice.referrals.length > 0 ? (
            <ul class="plens-referrals" aria-label="Referral services">
              {practice.referrals.map((entry) => (
                <Referral key={entry.id} entry={entry} />
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
