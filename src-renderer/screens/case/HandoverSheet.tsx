// The one-page hand-over sheet an advocate prints for the lawyer (in her language): what the bundle is, how
// to open it with the reader page, the installation's fingerprint to compare, the bundle's SHA-256, the
// reader's, and whom to call at the shelter. Never the passphrase: that is told by phone.
import type { ExportResult } from '../../../src-shared/bundle.js';
import { formatDateTime, useLanguage, useT } from '../../i18n/i18n.js';

export function HandoverSheet({ exported, bundleName, contact }: { exported: ExportResult; bundleName: string; contact: string }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  return (
    <article className="handover-sheet">
      <h1>{t('handover.title')}</h1>
      <p>{t('handover.what', { pseudonym: exported.pseudonym, date: formatDateTime(exported.createdAt, language) })}</p>
      <h2>{t('handover.howTitle')}</h2>
      <ol>
        <li>{t('handover.how1')}</li>
        <li>{t('handover.how2', { name: bundleName })}</li>
        <li>{exported.passphrase ? t('handover.how3Passphrase') : t('handover.how3Key')}</li>
        <li>{t('handover.how4')}</li>
      </ol>
      <h2>{t('handover.checkTitle')}</h2>
      <dl>
        <dt>{t('handover.fingerprint')}</dt>
        <dd className="mono big">{exported.installationFingerprint}</dd>
        <dt>{t('handover.bundleSha')}</dt>
        <dd className="mono">{exported.sha256}</dd>
        {exported.reader ? (
          <>
            <dt>{t('handover.readerSha')}</dt>
            <dd className="mono">{exported.reader.sha256}</dd>
          </>
        ) : null}
      </dl>
      <p>{t('handover.checkText')}</p>
      <h2>{t('handover.contactTitle')}</h2>
      <p>{contact || t('handover.noContact')}</p>
      <p className="small">{t('handover.never')}</p>
    </article>
  );
}
