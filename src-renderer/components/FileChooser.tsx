// Choosing a file (or a folder) that the back end reads where it is — an acquisition to import, a bundle to
// check — like every program does: the system's Open dialog in the desktop app, the browser's picker in the
// headless app (the file is then sent to Sentinelle on this computer, and kept encrypted). Never a typed
// path. FilePicker puts a label and the names chosen around it, for files whose content the page reads
// itself (keys, signature packs).
import { useId, useRef } from 'react';
import { useT } from '../i18n/i18n.js';
import { useFiles } from '../stores/files.js';

interface FileChooserProps {
  /** What the button says ("Choose the zip file…"). */
  label: string;
  accept?: string;
  /** A folder: the desktop's folder dialog gives its path; a browser sends the folder's files. */
  folder?: boolean;
  /** Several files at once. */
  multiple?: boolean;
  /** What describes the button (the names chosen, a help text). */
  describedBy?: string;
  /** The file input's id, for a label that names it (FilePicker's). */
  inputId?: string;
  disabled?: boolean;
  /** Files chosen in the page, or (a folder on the desktop) the folder's path. */
  onChoose(chosen: File[] | string): void;
}

export function FileChooser({ label, accept, folder, multiple, describedBy, inputId, disabled, onChoose }: FileChooserProps) {
  const t = useT();
  const ownId = useId();
  const id = inputId ?? ownId;
  const input = useRef<HTMLInputElement>(null);
  const folderProps = folder ? ({ webkitdirectory: '', directory: '' } as Record<string, string>) : {};
  return (
    <>
      <input
        ref={input}
        id={id}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden={inputId ? undefined : true}
        accept={accept}
        multiple={folder || multiple}
        {...folderProps}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) onChoose(files);
        }}
      />
      <button
        type="button"
        disabled={disabled}
        aria-describedby={describedBy}
        onClick={async () => {
          if (folder && useFiles.getState().desktop()) {
            const chosen = await useFiles.getState().chooseFolder(t('file.chooseFolderTitle'));
            if (chosen) onChoose(chosen);
          } else input.current?.click();
        }}
      >
        {label}
      </button>
    </>
  );
}
