// Choosing a file from this computer, in the advocate's language: a button and the names chosen, in place of
// the browser's own control (whose words follow the system's language, not the app's). The same file can
// be chosen again after a refusal.
import { useId, useRef, useState } from 'react';
import { useT } from '../i18n/i18n.js';

interface FilePickerProps {
  label: string;
  help?: string;
  multiple?: boolean;
  accept?: string;
  disabled?: boolean;
  onPick(files: File[]): void;
}

export function FilePicker({ label, help, multiple, accept, disabled, onPick }: FilePickerProps) {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <div className="field file-picker">
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        multiple={multiple}
        accept={accept}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          setChosen(files.map((file) => file.name));
          if (files.length > 0) onPick(files);
        }}
      />
      <div className="inline-form">
        <button type="button" disabled={disabled} aria-describedby={`${id}-chosen${help ? ` ${id}-help` : ''}`} onClick={() => input.current?.click()}>
          {t(multiple ? 'file.chooseMany' : 'file.choose')}
        </button>
        <span id={`${id}-chosen`} className="help">
          {chosen.length > 0 ? chosen.join(', ') : t('file.none')}
        </span>
      </div>
      {help ? (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
    </div>
  );
}
