// After sealing: what to give the lawyer, in plain words — the bundle file, the reader page saved beside it,
// and the passphrase told by phone (never in the same message as the file) — the fingerprint the lawyer
// compares, and the hand-over sheet to print (it never carries the passphrase).
import { useEffect, useRef, useState } from 'react';
import type { ExportResult } from '../../../src-shared/bundle.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PrintArea, printNow } from '../../components/PrintArea.js';
import { useT } from '../../i18n/i18n.js';
import { usePick } from '../../stores/pick.js';
import { useSealing } from '../../stores/sealing.js';
import { useSettings } from '../../stores/settings.js';
import { HandoverSheet } from './HandoverSheet.js';

export function SealedNotice({ exported, passphrase, onDone }: { exported: ExportResult; passphrase: string | null; onDone: () => void }) {
  const t = useT();
  const { saveReader, busy, error } = usePick(useSealing, 'saveReader', 'busy', 'error');
  const heading = useRef<HTMLHeadingElement>(null);
  const [contact, setContact] = useState(useSettings.getState().values?.handoverContact ?? '');
  useEffect(() => {
    heading.current?.focus();
    void useSettings
      .getState()
      .load()
      .then((values) => setContact((typed) => typed || values.handoverContact))
      .catch(() => undefined);
  }, []);
  const bundleName = exported.download?.name ?? (exported.path ? baseName(exported.path) : exported.suggestedName);
  const readerName = exported.reader?.download?.name ?? (exported.reader?.path ? baseName(exported.reader.path) : 'sentinelle-reader.html');
  const where = exported.download ? t('sealed.inDownloads') : t('sealed.inFolder', { folder: exported.path ? folderOf(exported.path) : '' });
  return (
    <div className="sealed" role="status">
      <h3 ref={heading} tabIndex={-1}>
        {t('sealed.title')}
      </h3>
      <ol className="handover-steps">
        <li>
          {t('sealed.giveBundle', { name: bundleName })} <span className="help">{where}</span>
        </li>
        <li>
          {exported.reader && !exported.reader.problem ? t('sealed.giveReader', { name: readerName }) : t('sealed.readerMissing')}
          {exported.reader?.problem ? (
            <>
              {' '}
              <button type="button" onClick={() => void saveReader(t('sealed.saveReaderTitle'))} disabled={busy}>
                {t('sealed.saveReader')}
              </button>
            </>
          ) : null}
        </li>
        {passphrase ? (
          <li>
            {t('sealed.tellPassphrase')}
            <p className="spoken-words" data-testid="sealed-passphrase">
              {passphrase}
            </p>
            <span className="help">{t('sealed.passphraseOnce')}</span>
          </li>
        ) : (
          <li>{t('sealed.keyOnly')}</li>
        )}
      </ol>
      <p>
        {t('sealed.fingerprint')} <strong className="mono">{exported.installationFingerprint}</strong>
      </p>
      <div className="field">
        <label htmlFor="handover-contact">{t('sealed.contact')}</label>
        <input id="handover-contact" value={contact} maxLength={300} onChange={(event) => setContact(event.target.value)} aria-describedby="handover-contact-help" />
        <p id="handover-contact-help" className="help">
          {t('sealed.contactHelp')}
        </p>
      </div>
      <details>
        <summary>{t('sealed.technical')}</summary>
        <pre>{[`SHA-256 ${exported.sha256}`, `${exported.size} bytes`, exported.path ?? exported.suggestedName, exported.reader ? `reader SHA-256 ${exported.reader.sha256}` : ''].filter(Boolean).join('\n')}</pre>
      </details>
      <ErrorNotice error={error} />
      <div className="dialog-actions">
        <button
          type="button"
          className="primary"
          onClick={() => {
            // The contact is remembered for the next sheet (it is the shelter's, not the case's).
            const values = useSettings.getState().values;
            if (values && values.handoverContact !== contact.trim()) void useSettings.getState().save({ ...values, handoverContact: contact.trim() }).catch(() => undefined);
            printNow();
          }}
        >
          {t('sealed.print')}
        </button>
        <button type="button" onClick={onDone}>
          {t('export.close')}
        </button>
      </div>
      <PrintArea label={t('handover.title')}>
        <HandoverSheet exported={exported} bundleName={bundleName} contact={contact.trim()} />
      </PrintArea>
    </div>
  );
}

function baseName(file: string): string {
  return file.split(/[\\/]/).at(-1) ?? file;
}

function folderOf(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.slice(0, -1).join(file.includes('\\') ? '\\' : '/') || file;
}
