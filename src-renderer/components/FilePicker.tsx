// Choosing a file whose content the page itself reads (a key file, a signature pack, a CA certificate), in
// the advocate's language: a labelled button (the system's Open dialog on the desktop, the browser's
// picker otherwise) and the names chosen, in place of the browser's own control (whose words follow the
// system's language, not the app's). The same file can be chosen again after a refusal.
import { useId, useState } from 'react';
import { useT } from '../i18n/i18n.js';
import { FileChooser } from './FileChooser.js';

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
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <div className="field file-picker">
      <label htmlFor={id}>{label}</label>
      <div className="inline-form">
        <FileChooser
          inputId={id}
          label={t(multiple ? 'file.chooseMany' : 'file.choose')}
          accept={accept}
          multiple={multiple}
          disabled={disabled}
          describedBy={`${id}-chosen${help ? ` ${id}-help` : ''}`}
          onChoose={(files) => {
            if (typeof files === 'string') return;
            setChosen(files.map((file) => file.name));
            onPick(files);
          }}
        />
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
