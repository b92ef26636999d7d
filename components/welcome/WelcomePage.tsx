import type { ComponentChildren } from 'preact';
import { COLOUR_KEY, type KeyEntry } from './colour-key';
import type { Block, Span } from './instructions';

export interface WelcomePageProps {
  /** The extension's version (from the manifest). */
  readonly version: string;
  /** Where the extension runs without being asked (the manifest's clinical hosts). */
  readonly hosts: readonly string[];
  /** The instructions for use, read into blocks (instructions.ts). */
  readonly instructions: readonly Block[];
  /** Opens the options page (sites, practice profile). */
  readonly onOpenOptions: () => void;
}

/** What changed in this version, in the words a clinician would use. */
export const WHATS_NEW: readonly string[] = [
  'Every card opens with one line: what the position is, why it matters and the next step.',
  'The popup’s “More” shows the same position and advice as the card on the page.',
  'Letters have marked blanks ([PATIENT NAME], [NHS NUMBER], [SIGNATURE]…) to fill in your own system.',
  'Copy or print a summary of the medicines flagged on a page, from the popup.',
  'Counts say “current” and “past or mentioned only” separately.',
];

function Spans({ spans }: { readonly spans: readonly Span[] }) {
  return <>{spans.map((s, i) => (s.bold ? <strong key={i}>{s.text}</strong> : s.text))}</>;
}

function InstructionBlocks({ blocks }: { readonly blocks: readonly Block[] }) {
  return (
    <>
      {blocks.map((b, i): ComponentChildren => {
        // The page's own h1 is the product name; the document's headings sit one level down.
        if (b.kind === 'heading') return b.level === 1 ? null : <h3 key={i}>{b.text}</h3>;
        if (b.kind === 'paragraph')
          return (
            <p key={i}>
              <Spans spans={b.spans} />
            </p>
          );
        return (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>
                <Spans spans={item} />
              </li>
            ))}
          </ul>
        );
      })}
    </>
  );
}

function Swatch({ entry }: { readonly entry: KeyEntry }) {
  return (
    <span
      class="plens-swatch"
      style={{
        backgroundColor: entry.background ?? 'transparent',
        textDecoration: `underline ${entry.underline.style} 2px ${entry.underline.colour}`,
      }}
    >
      Medicine
    </span>
  );
}

/**
 * The page opened once, on install (never on update or browser start): what the marks and colours
 * mean, where it runs and how to add a site, where to set the practice profile, the keyboard, what
 * is new, and the instructions for use. Static text; nothing here reads a page.
 */
export function WelcomePage({ version, hosts, instructions, onOpenOptions }: WelcomePageProps) {
  return (
    <div class="plens-welcome">
      <header>
        <h1>Prescribing Lens</h1>
        <p class="plens-lead">
          Marks medicines with a contractual position for a GP practice on the clinical web pages
          you use, and explains it in one line with the detail and sources below.
        </p>
      </header>
      <main>
        <section aria-labelledby="plens-key-heading">
          <h2 id="plens-key-heading">What the marks mean</h2>
          <dl class="plens-key" data-testid="plens-colour-key">
            {COLOUR_KEY.map((entry) => (
              <div key={entry.highlight} class="plens-key-row" data-highlight={entry.highlight}>
                <dt>
                  <Swatch entry={entry} /> {entry.label}
                </dt>
                <dd>{entry.meaning}</dd>
              </div>
            ))}
          </dl>
          <p>
            Point at a mark, or click it, to see the card. A missing mark is not an all-clear: only
            medicines in the rule packs are marked.
          </p>
        </section>
        <section aria-labelledby="plens-where-heading">
          <h2 id="plens-where-heading">Where it runs</h2>
          <p>Without being asked, only on these clinical sites:</p>
          <ul>
            {hosts.map((h) => (
              <li key={h}>
                <code>{h}</code>
              </li>
            ))}
          </ul>
          <p>
            To add another site: open the Prescribing Lens popup on that site and choose “Check this
            page” (once), or add the site under “Sites” in the options.
          </p>
        </section>
        <section aria-labelledby="plens-practice-heading">
          <h2 id="plens-practice-heading">Your practice</h2>
          <p>
            Set the practice profile (your ICB and the services the practice provides) under “Your
            practice” in the options, so cards show your practice’s position and where to refer.
          </p>
          <button type="button" class="plens-button" onClick={onOpenOptions}>
            Open the options
          </button>
        </section>
        <section aria-labelledby="plens-keys-heading">
          <h2 id="plens-keys-heading">Keyboard</h2>
          <p>
            <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>L</kbd> opens the summary for the page you are on.
            For the other keys, see the instructions for use below.
          </p>
        </section>
        <section id="whats-new" aria-labelledby="plens-new-heading">
          <h2 id="plens-new-heading">What’s new in {version}</h2>
          <ul>
            {WHATS_NEW.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
        <section id="instructions" aria-labelledby="plens-ifu-heading">
          <h2 id="plens-ifu-heading">Instructions for use</h2>
          <InstructionBlocks blocks={instructions} />
        </section>
      </main>
      <footer class="plens-welcome-footer">
        <p>Prescribing Lens version {version}</p>
      </footer>
    </div>
  );
}
