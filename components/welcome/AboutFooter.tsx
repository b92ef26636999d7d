import { useEffect, useState } from 'preact/hooks';

export interface AboutFooterProps {
  readonly version: string;
  /** The bundled instructions for use (welcome.html#instructions). */
  readonly helpUrl: string;
  /**
   * After an update, until opened once: the link to what is new (welcome.html#whats-new). A quiet
   * line, never a tab opened by itself.
   */
  readonly whatsNewUrl?: string;
  readonly onWhatsNewOpened?: () => void;
}

/** Version and help link for the popup and options footers; "What's new" after an update. */
export function AboutFooter({ version, helpUrl, whatsNewUrl, onWhatsNewOpened }: AboutFooterProps) {
  return (
    <footer class="plens-about" data-testid="plens-about">
      {whatsNewUrl ? (
        <p class="plens-whats-new" data-testid="plens-whats-new">
          <a href={whatsNewUrl} target="_blank" rel="noopener" onClick={onWhatsNewOpened}>
            What’s new in {version}
          </a>
        </p>
      ) : null}
      <p>
        Version {version} ·{' '}
        <a href={helpUrl} target="_blank" rel="noopener">
          Instructions for use
        </a>
      </p>
    </footer>
  );
}

/** What the popup and options pages know about the extension, for their footers. */
export interface AboutInfo {
  readonly version: string;
  readonly helpUrl: string;
  readonly whatsNewUrl: string;
  /** True after an update until "What's new" (or the welcome page) has been opened once. */
  readonly loadIsNew: () => Promise<boolean>;
  readonly markSeen: () => Promise<void>;
}

/** The footer for a page that knows `about`: the "What's new" line shows until it is opened. */
export function AboutFooterFor({ about }: { readonly about: AboutInfo }) {
  const [isNew, setNew] = useState(false);
  useEffect(() => {
    let live = true;
    about.loadIsNew().then(
      (value) => {
        if (live) setNew(value);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [about]);
  return (
    <AboutFooter
      version={about.version}
      helpUrl={about.helpUrl}
      {...(isNew
        ? {
            whatsNewUrl: about.whatsNewUrl,
            onWhatsNewOpened: () => {
              setNew(false);
              void about.markSeen();
            },
          }
        : {})}
    />
  );
}
