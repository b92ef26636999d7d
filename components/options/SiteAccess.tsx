import { useState } from 'preact/hooks';
import type { SiteOutcomeView, SiteView } from './types';

export interface SiteAccessProps {
  /** Clinical systems the extension always runs on (from the manifest). */
  readonly builtInSites: readonly string[];
  readonly sites: readonly SiteView[];
  /**
   * Turns a site on. Called synchronously from the submit or click handler, because the browser
   * only shows its permission prompt during a user gesture.
   */
  readonly onAdd: (input: string) => Promise<SiteOutcomeView>;
  readonly onRemove: (pattern: string) => Promise<SiteOutcomeView>;
}

/** `https://records.example.nhs.uk/*` → `records.example.nhs.uk`, as people write sites. */
function siteLabel(pattern: string): string {
  return pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '');
}

/** Sites the extension runs on: the built-in clinical systems, and sites added at run time. */
export function SiteAccess({ builtInSites, sites, onAdd, onRemove }: SiteAccessProps) {
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [isBusy, setBusy] = useState(false);

  const run = (action: Promise<SiteOutcomeView>, clearInput: boolean) => {
    setBusy(true);
    action.then(
      (outcome) => {
        setBusy(false);
        if (outcome.ok) {
          setError(null);
          setMessage(outcome.message);
          if (clearInput) setInput('');
        } else {
          setMessage('');
          setError(outcome.message);
        }
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };

  return (
    <section class="plens-section" aria-labelledby="plens-sites-heading">
      <h2 id="plens-sites-heading">Sites</h2>
      <p>Prescribing Lens always runs on these clinical systems:</p>
      <ul class="plens-sites" data-testid="plens-built-in-sites">
        {builtInSites.map((s) => (
          <li key={s}>
            <code>{siteLabel(s)}</code>
          </li>
        ))}
      </ul>
      <h3>Other sites</h3>
      {sites.length === 0 ? (
        <p>No other sites yet.</p>
      ) : (
        <ul class="plens-sites" data-testid="plens-sites">
          {sites.map((site) => (
            <li key={site.pattern} class="plens-site">
              <code>{siteLabel(site.pattern)}</code>{' '}
              <span class={site.granted ? 'plens-tag plens-tag--on' : 'plens-tag plens-tag--off'}>
                {site.granted ? 'On' : 'Waiting for access'}
              </span>
              {site.byPolicy ? <span class="plens-hint"> set by your organisation</span> : null}
              {!site.granted ? (
                <button
                  type="button"
                  class="plens-button plens-button--secondary plens-button--small"
                  disabled={isBusy}
                  aria-label={`Allow access to ${siteLabel(site.pattern)}`}
                  onClick={() => run(onAdd(site.pattern), false)}
                >
                  Allow access
                </button>
              ) : null}
              {site.byUser && !site.byPolicy ? (
                <button
                  type="button"
                  class="plens-button plens-button--secondary plens-button--small"
                  disabled={isBusy}
                  aria-label={`Remove ${siteLabel(site.pattern)}`}
                  onClick={() => run(onRemove(site.pattern), false)}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <form
        class="plens-site-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          run(onAdd(input), true);
        }}
      >
        <label for="plens-site-input" class="plens-label">
          Add a site
        </label>
        <p id="plens-site-hint" class="plens-hint">
          Type the address of a clinical system that shows medicines, for example
          records.example.nhs.uk. Only https sites. Your browser will ask you to allow access.
        </p>
        {error ? (
          <p id="plens-site-error" class="plens-error-message" data-testid="plens-site-error">
            <span class="plens-visually-hidden">Error: </span>
            {error}
          </p>
        ) : null}
        <div class="plens-inline">
          <input
            id="plens-site-input"
            type="text"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            class={`plens-input${error ? ' plens-input--error' : ''}`}
            value={input}
            aria-describedby={error ? 'plens-site-hint plens-site-error' : 'plens-site-hint'}
            aria-invalid={error ? 'true' : undefined}
            onInput={(event) => setInput(event.currentTarget.value)}
          />
          <button type="submit" class="plens-button plens-button--primary" disabled={isBusy}>
            Add site
          </button>
        </div>
      </form>
      <p role="status" class="plens-hint" data-testid="plens-site-status">
        {message}
      </p>
    </section>
  );
}
