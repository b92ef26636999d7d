import { useState } from 'preact/hooks';
import { MAX_PACK_BYTES } from '@/rules/schema/rule-pack';

export interface RulePackUploadProps {
  /** Called with the chosen file's text; the page validates it (nothing is stored here). */
  readonly onFile: (text: string, fileName: string) => void;
  /** Called when a file cannot be read at all (too big, unreadable). */
  readonly onReadError: (message: string, fileName: string) => void;
  readonly isBusy?: boolean;
}

/**
 * Choose a rule pack by the file picker or by dropping it on the box. The file is read as text and
 * handed on; checks and storage are the page's job.
 */
export function RulePackUpload({ onFile, onReadError, isBusy = false }: RulePackUploadProps) {
  const [isDragOver, setDragOver] = useState(false);

  const read = (file: File | undefined) => {
    if (!file) return;
    // Refuse before reading: a multi-gigabyte file dropped by mistake must not freeze the page.
    if (file.size > MAX_PACK_BYTES) {
      onReadError(
        `The file is larger than ${MAX_PACK_BYTES / 1024 / 1024} MB; a rule pack is never that big`,
        file.name,
      );
      return;
    }
    file.text().then(
      (text) => onFile(text, file.name),
      () => onReadError('The file could not be read. Save it again and retry.', file.name),
    );
  };

  return (
    <div
      class={`plens-drop${isDragOver ? ' plens-drop--over' : ''}`}
      data-testid="plens-drop-zone"
      onDragOver={(event) => {
        // Without preventDefault the browser would open the dropped file instead.
        event.preventDefault();
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
        setDragOver(true);
      }}
      onDragLeave={() => setDragOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragOver(false);
        if (!isBusy) read(event.dataTransfer?.files[0]);
      }}
    >
      <label for="plens-pack-file" class="plens-label">
        Rule pack file (JSON)
      </label>
      <p id="plens-pack-file-hint" class="plens-hint">
        Choose the file, or drag it into this box. It is checked first: nothing changes until you
        have seen what it does and confirmed.
      </p>
      <input
        id="plens-pack-file"
        type="file"
        accept=".json,application/json"
        aria-describedby="plens-pack-file-hint"
        disabled={isBusy}
        onChange={(event) => {
          const input = event.currentTarget;
          read(input.files?.[0]);
          // Choosing the same file again (after fixing it) must fire another change.
          input.value = '';
        }}
      />
    </div>
  );
}
