import type { LetterView } from './types';

export interface LetterListProps {
  /** The medicine the letters are about, for the list's accessible name. */
  readonly drug: string;
  readonly letters: readonly LetterView[];
  readonly onCopy: (letter: LetterView) => void;
}

const AUDIENCE: Readonly<Record<LetterView['audience'], string>> = {
  specialist: 'To the specialist',
  commissioner: 'To the commissioner',
  patient: 'For the patient',
  practice: 'For the practice',
};

/**
 * Next-step letters for one medicine: each with a preview and "Copy letter" (plain text to the
 * clipboard; the page announces "Copied"). Letters are pack text filled as text, never HTML.
 */
export function LetterList({ drug, letters, onCopy }: LetterListProps) {
  if (letters.length === 0) return null;
  return (
    <>
      <p class="plens-hint" data-testid="plens-letter-blanks">
        Fill the [BLANKS] in your own system after pasting: the extension never reads the patient’s
        details from the page.
      </p>
      <ul class="plens-letters" aria-label={`Next-step letters for ${drug}`}>
        {letters.map((letter) => (
          <li key={letter.id} class="plens-letter" data-letter-id={letter.id}>
            <p class="plens-letter-title">
              {letter.title}
              <span class="plens-letter-audience"> {AUDIENCE[letter.audience]}</span>
            </p>
            <div class="plens-letter-actions">
              <button
                type="button"
                class="plens-button"
                aria-label={`Copy letter: ${letter.title}`}
                onClick={() => onCopy(letter)}
              >
                Copy letter
              </button>
              <details class="plens-letter-preview">
                <summary>Preview</summary>
                <pre class="plens-letter-text">{letter.text}</pre>
              </details>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
