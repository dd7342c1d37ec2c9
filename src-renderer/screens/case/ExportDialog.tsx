// Sealing an evidence bundle: who can open it (recipients' keys, their fingerprints to compare aloud, or a
// passphrase), what it leaves out, and where it is written.
import { useEffect, useRef, useState } from 'react';
import { verifyCommand, type ArtifactClass } from '../../../src-shared/bundle.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { QuickExitButton } from '../../components/QuickExitButton.js';
import { useLoaded } from '../../components/use-action.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { useCaseView } from '../../stores/case-view.js';
import { useBundles } from '../../stores/bundles.js';
import { usePick } from '../../stores/pick.js';

const CLASSES: ArtifactClass[] = ['apps', 'browsing-history', 'backup-files', 'listings', 'files'];

export function ExportDialog({ onDone }: { onDone: () => void }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { exportBundle, resetExport, exported, busy, error, theCase, exportProgress } = usePick(useCaseView, 'exportBundle', 'resetExport', 'exported', 'busy', 'error', 'theCase', 'exportProgress');
  const dialog = useRef<HTMLDialogElement>(null);
  const [out, setOut] = useState('');
  const [recipients, setRecipients] = useState('');
  const [usePassphrase, setUsePassphrase] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [redact, setRedact] = useState(false);
  const [exclude, setExclude] = useState<ArtifactClass[]>([]);
  useEffect(() => {
    // A fresh dialog each time: the last export's result or error is not this one's.
    resetExport();
    const opened = dialog.current;
    opened?.showModal();
    return () => opened?.close();
  }, [resetExport]);
  const keys = recipients.split('\n').map((line) => line.trim()).filter(Boolean);
  const described = useRecipientFingerprints(keys);
  const ready = out.trim() !== '' && (keys.length > 0 || (usePassphrase && passphrase.length >= 12));
  return (
    <dialog
      ref={dialog}
      className="dialog wide"
      aria-labelledby="export-title"
      onCancel={(event) => {
        // Esc while sealing would hide the progress of an export that goes on: it waits for the end.
        event.preventDefault();
        if (!busy) onDone();
      }}
    >
      <div className="dialog-top">
        <h2 id="export-title">{t('export.title', { pseudonym: theCase?.pseudonym ?? '' })}</h2>
        <QuickExitButton />
      </div>
      <p className="help">{t('export.help')}</p>
      {exported ? (
        <div className="notice notice-success" role="status">
          <p>{t('export.done', { path: exported.path, size: exported.size })}</p>
          <p>
            {t('export.hash')} <span className="mono hash">{exported.sha256}</span>
          </p>
          <p>{t('export.installation', { fingerprint: exported.installationFingerprint })}</p>
          <p>{t(exported.recipients.length > 0 ? 'export.lawyer' : 'export.lawyerPassphrase')}</p>
          <pre className="mono command">{verifyCommand(exported, t('export.identityFile'))}</pre>
          <div className="dialog-actions">
            <button type="button" className="primary" autoFocus onClick={onDone}>
              {t('export.close')}
            </button>
          </div>
        </div>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void exportBundle({ out: out.trim(), recipients: keys, ...(usePassphrase ? { passphrase } : {}), exclude, redact, language });
          }}
        >
          <div className="field">
            <label htmlFor="export-recipients">{t('export.recipients')}</label>
            <textarea id="export-recipients" rows={3} value={recipients} onChange={(event) => setRecipients(event.target.value)} aria-describedby="export-recipients-help" />
            <p id="export-recipients-help" className="help">
              {t('export.recipientsHelp')}
            </p>
            {described.length > 0 ? (
              <ul className="recipients" aria-live="polite">
                {described.map((key) => (
                  <li key={key.line} className={key.fingerprint ? undefined : 'problem'}>
                    {key.fingerprint ? t('export.recipientKey', { label: key.label || t('export.noLabel'), fingerprint: key.fingerprint }) : t('export.notAKey', { start: key.line.slice(0, 24) })}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={usePassphrase} onChange={(event) => setUsePassphrase(event.target.checked)} />
            <span>{t('export.usePassphrase')}</span>
          </label>
          {usePassphrase ? (
            <div className="field">
              <label htmlFor="export-passphrase">{t('export.passphrase')}</label>
              <input id="export-passphrase" type="password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} autoComplete="new-password" />
            </div>
          ) : null}
          <label className="checkbox">
            <input type="checkbox" checked={redact} onChange={(event) => setRedact(event.target.checked)} />
            <span>{t('export.redact')}</span>
          </label>
          <fieldset>
            <legend>{t('export.include')}</legend>
            {CLASSES.map((name) => (
              <label key={name} className="checkbox">
                <input type="checkbox" checked={!exclude.includes(name)} onChange={(event) => setExclude(event.target.checked ? exclude.filter((item) => item !== name) : [...exclude, name])} />
                <span>{t(`export.class.${name}`)}</span>
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="export-out">{t('export.out')}</label>
            <input id="export-out" value={out} onChange={(event) => setOut(event.target.value)} placeholder="/media/usb/case.sntl" />
          </div>
          {exportProgress !== null ? <progress max={1} value={exportProgress} aria-label={t('export.working')} aria-valuetext={`${Math.round(exportProgress * 100)}%`} /> : null}
          <ErrorNotice error={error} />
          <div className="dialog-actions">
            <button type="submit" className="primary" disabled={!ready || busy || described.some((key) => !key.fingerprint)}>
              {busy ? t('export.working') : t('export.seal')}
            </button>
            <button type="button" onClick={onDone} disabled={busy}>
              {t('export.cancel')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

interface DescribedKey {
  line: string;
  label: string;
  /** Null when the line is not a recipient key. */
  fingerprint: string | null;
}

/** Each pasted key line with its owner's label and fingerprint, to compare aloud with them before sealing. */
function useRecipientFingerprints(lines: readonly string[]): DescribedKey[] {
  const describe = (line: string): Promise<DescribedKey> =>
    useBundles
      .getState()
      .describeKey(line.slice(0, 1000))
      .then(
        (key) => ({ line, label: key.label, fingerprint: key.fingerprint }),
        () => ({ line, label: '', fingerprint: null }),
      );
  return useLoaded(() => Promise.all(lines.map(describe)), lines.join('\n')).value ?? [];
}
