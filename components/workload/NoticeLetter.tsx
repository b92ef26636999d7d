/**
 * The commissioner-notice letter, filled from the totals: shown as text to read and copy. The
 * blanks only the practice can fill (the notice date) stay in square brackets.
 */
import { useState } from 'preact/hooks';

interface Props {
  readonly text: string;
  readonly onCopy: (text: string) => Promise<void>;
}

export function NoticeLetter({ text, onCopy }: Props) {
  const [status, setStatus] = useState('');
  return (
    <section class="plens-panel plens-letter" aria-labelledby="plens-letter-title">
      <h2 id="plens-letter-title">Notice to the commissioner</h2>
      <p class="plens-no-print">
        Filled from the totals above, never from a patient row. Check it, fill the square-bracketed
        blanks, and put it on practice letterhead.
      </p>
      <pre data-testid="plens-letter-text" tabIndex={0} aria-label="Letter text">
        {text}
      </pre>
      <div class="plens-actions plens-no-print">
        <button
          type="button"
          onClick={() => {
            onCopy(text).then(
              () => setStatus('Letter copied'),
              () => setStatus('Could not copy: select the text and copy it instead'),
            );
          }}
        >
          Copy letter
        </button>
        <span role="status">{status}</span>
      </div>
    </section>
  );
}
