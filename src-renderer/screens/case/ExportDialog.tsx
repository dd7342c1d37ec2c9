// Sealing the evidence for a lawyer, in the order an advocate alone with the survivor needs it: who will
// open it — first, a passphrase Sentinelle makes of common words of her language, to read over the phone
// (or the lawyer's key file, chosen as a file) — what it leaves out (only the kinds of evidence the case
// holds, each with what leaving it out changes; which parts of the consultation she shares), then "Seal and save…", which opens the
// system's Save dialog (or, in a browser, downloads the bundle) with the reader page beside it. Then, in
// plain words, what to give the lawyer, and the hand-over sheet to print. A case where nothing was found
// is sealed the same way: the report says what was examined.
import { useEffect, useRef, useState } from 'react';
import type { ArtifactClass } from '../../../src-shared/bundle.js';
import { CONSULTATION_PARTS, DEFAULT_SHARED_PARTS, PART_WORDS, type ConsultationPart } from '../../../src-shared/consultation.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { FilePicker } from '../../components/FilePicker.js';
import { QuickExitButton } from '../../components/QuickExitButton.js';
import { useLoaded } from '../../components/use-action.js';
import { formatSize, useLanguage, useT } from '../../i18n/i18n.js';
import { useVerifying } from '../../stores/bundles.js';
import { useCaseView } from '../../stores/case-view.js';
import { useConsultation } from '../../stores/consultation.js';
import { usePick } from '../../stores/pick.js';
import { useSealing } from '../../stores/sealing.js';
import { SealedNotice } from './SealedNotice.js';

type Opening = 'passphrase' | 'key';

export function ExportDialog({ onDone }: { onDone: () => void }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const theCase = useCaseView((s) => s.theCase);
  const { passphrase, newPassphrase, seal, exported, busy, error, progress, forget } = usePick(useSealing, 'passphrase', 'newPassphrase', 'seal', 'exported', 'busy', 'error', 'progress', 'forget');
  const dialog = useRef<HTMLDialogElement>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const [opening, setOpening] = useState<Opening>('passphrase');
  const [keys, setKeys] = useState<{ name: string; text: string }[]>([]);
  const [redact, setRedact] = useState(false);
  const [exclude, setExclude] = useState<ArtifactClass[]>([]);
  const consulted = useConsultation((s) => s.recorded);
  const [shared, setShared] = useState<ConsultationPart[]>([...DEFAULT_SHARED_PARTS]);
  useEffect(() => {
    // A fresh dialog each time: nothing of the last seal.
    forget();
    const opened = dialog.current;
    opened?.showModal();
    // Focus on the first choice, not on Quick exit (Enter there would lock the vault).
    firstField.current?.focus();
    return () => {
      opened?.close();
      forget();
    };
  }, [forget]);
  useEffect(() => {
    // Words of her language: new ones when she switches language before sealing.
    if (!useSealing.getState().exported) void newPassphrase(language);
  }, [newPassphrase, language]);
  const described = useRecipientFingerprints(keys.map((key) => key.text));
  const contents = useLoaded(() => (theCase ? useSealing.getState().contents(theCase.id) : Promise.resolve([])), theCase?.id ?? '').value;
  const ready = opening === 'passphrase' ? passphrase !== null : keys.length > 0 && described.length === keys.length && described.every((key) => key.fingerprint);
  if (!theCase) return null;
  return (
    <dialog
      ref={dialog}
      className="dialog wide seal-dialog"
      aria-labelledby="export-title"
      onCancel={(event) => {
        // Esc while sealing would hide the progress of an export that goes on: it waits for the end.
        event.preventDefault();
        if (!busy) onDone();
      }}
    >
      <div className="dialog-top">
        <h2 id="export-title">{t('export.title', { pseudonym: theCase.pseudonym })}</h2>
        <QuickExitButton />
      </div>
      {exported ? (
        <SealedNotice exported={exported} passphrase={opening === 'passphrase' ? passphrase : null} onDone={onDone} />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!ready || busy) return;
            void seal({
              caseId: theCase.id,
              pseudonym: theCase.pseudonym,
              recipients: opening === 'key' ? keys.map((key) => key.text) : [],
              ...(opening === 'passphrase' && passphrase ? { passphrase } : {}),
              exclude,
              ...(consulted ? { consultation: shared } : {}),
              redact,
              language,
              saveTitle: t('export.saveTitle'),
            });
          }}
        >
          <p className="help">{t('export.help')}</p>
          <fieldset className="openings">
            <legend>{t('export.who')}</legend>
            <label className="checkbox">
              <input ref={firstField} type="radio" name="opening" value="passphrase" checked={opening === 'passphrase'} onChange={() => setOpening('passphrase')} />
              <span>{t('export.byPassphrase')}</span>
            </label>
            {opening === 'passphrase' ? (
              <div className="spoken">
                <p className="spoken-words" aria-live="polite" data-testid="spoken-passphrase">
                  {passphrase ?? t('loading.part')}
                </p>
                <div className="inline-form">
                  <button type="button" onClick={() => void newPassphrase(language)} disabled={busy}>
                    {t('export.otherWords')}
                  </button>
                </div>
                <p className="help">{t('export.passphraseAdvice')}</p>
              </div>
            ) : null}
            <label className="checkbox">
              <input type="radio" name="opening" value="key" checked={opening === 'key'} onChange={() => setOpening('key')} />
              <span>{t('export.byKey')}</span>
            </label>
            {opening === 'key' ? (
              <div className="spoken">
                <FilePicker
                  label={t('export.keyFiles')}
                  help={t('export.keyFilesHelp')}
                  accept=".pub,text/plain"
                  multiple
                  disabled={busy}
                  onPick={async (files) => setKeys(await Promise.all(files.filter((file) => file.size < 64 * 1024).map(async (file) => ({ name: file.name, text: await file.text() }))))}
                />
                {described.length > 0 ? (
                  <ul className="recipients" aria-live="polite">
                    {described.map((key, i) => (
                      <li key={keys[i]?.name ?? i} className={key.fingerprint ? undefined : 'problem'}>
                        {key.fingerprint ? t('export.recipientKey', { label: key.label || t('export.noLabel'), fingerprint: key.fingerprint }) : t('export.notAKey', { start: keys[i]?.name ?? '' })}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
          </fieldset>
          {consulted ? (
            <fieldset className="consultation-parts">
              <legend>{t('export.consultation')}</legend>
              <p className="help">{t('export.consultationHelp')}</p>
              {CONSULTATION_PARTS.map((part) => (
                <label key={part} className="checkbox">
                  <input type="checkbox" checked={shared.includes(part)} onChange={(event) => setShared(CONSULTATION_PARTS.filter((item) => (item === part ? event.target.checked : shared.includes(item))))} />
                  <span>{PART_WORDS[part][language]}</span>
                </label>
              ))}
            </fieldset>
          ) : null}
          <details className="include">
            <summary>{t('export.include')}</summary>
            <p className="help">{t('export.includeHelp')}</p>
            {/* Only the kinds this case holds, each with what leaving it out changes. */}
            {(contents ?? []).map((content) => (
              <label key={content.class} className="checkbox">
                <input
                  type="checkbox"
                  checked={!exclude.includes(content.class)}
                  onChange={(event) => setExclude(event.target.checked ? exclude.filter((item) => item !== content.class) : [...exclude, content.class])}
                />
                <span>
                  {t(`export.class.${content.class}`)} — {t('export.classSize', { files: content.files, size: formatSize(content.bytes, language) })}
                  <span className="help block">
                    {content.findings > 0 ? t('export.leaveOutFindings', { count: content.findings }) : t('export.leaveOutNothing')}
                  </span>
                </span>
              </label>
            ))}
            <label className="checkbox">
              <input type="checkbox" checked={redact} onChange={(event) => setRedact(event.target.checked)} />
              <span>{t('export.redact')}</span>
            </label>
          </details>
          {progress !== null ? <progress max={1} value={progress} aria-label={t('export.working')} aria-valuetext={`${Math.round(progress * 100)}%`} /> : null}
          <ErrorNotice error={error} />
          <div className="dialog-actions">
            <button type="submit" className="primary" disabled={!ready || busy}>
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
  label: string;
  /** Null when the file is not a recipient key. */
  fingerprint: string | null;
}

/** Each chosen key file with its owner's label and fingerprint, to compare aloud with them before sealing. */
function useRecipientFingerprints(texts: readonly string[]): DescribedKey[] {
  const describe = (text: string): Promise<DescribedKey> =>
    useVerifying
      .getState()
      .describeKey(text.slice(0, 1000))
      .then(
        (key) => ({ label: key.label, fingerprint: key.fingerprint }),
        () => ({ label: '', fingerprint: null }),
      );
  return useLoaded(() => Promise.all(texts.map(describe)), texts.join('\n')).value ?? [];
}
