// How long closed cases are kept, after how long without activity the vault locks itself, whom a lawyer
// calls at the shelter, and the lawyer's reader page (its fingerprint, a copy to save).
import { useEffect, useState } from 'react';
import type { Settings as SettingsValues } from '../../../src-shared/model.js';
import { usePick } from '../../stores/pick.js';
import { useSealing } from '../../stores/sealing.js';
import { useSettings } from '../../stores/settings.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useAction } from '../../components/use-action.js';
import { useT } from '../../i18n/i18n.js';

export function GeneralPanel() {
  const t = useT();
  const { error, busy, run } = useAction();
  const [values, setValues] = useState<SettingsValues | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void run(() => useSettings.getState().load()).then((loaded) => loaded && setValues(loaded));
  }, []);
  if (!values) return <ErrorNotice error={error} />;
  return (
    <>
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const updated = await run(() => useSettings.getState().save(values));
        if (updated) setSaved(true);
      }}
    >
      <div className="field">
        <label htmlFor="retention">{t('settings.retention')}</label>
        <input id="retention" type="number" min={1} max={3650} value={values.retentionDays} onChange={(event) => setValues({ ...values, retentionDays: Number(event.target.value) })} aria-describedby="retention-help" />
        <p id="retention-help" className="help">
          {t('settings.retentionHelp')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="autolock">{t('settings.autoLock')}</label>
        <input id="autolock" type="number" min={1} max={240} value={values.autoLockMinutes} onChange={(event) => setValues({ ...values, autoLockMinutes: Number(event.target.value) })} />
      </div>
      <div className="field">
        <label htmlFor="handover-contact-setting">{t('sealed.contact')}</label>
        <input id="handover-contact-setting" value={values.handoverContact} maxLength={300} onChange={(event) => setValues({ ...values, handoverContact: event.target.value })} aria-describedby="handover-contact-setting-help" />
        <p id="handover-contact-setting-help" className="help">
          {t('settings.contactHelp')}
        </p>
      </div>
      <ErrorNotice error={error} />
      {saved ? (
        <p className="notice notice-success" role="status">
          {t('settings.saved')}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        {t('settings.save')}
      </button>
    </form>
    <ReaderPageSection />
    </>
  );
}

/** The lawyer's reader page: its fingerprint for an expert, and a copy saved on demand (a new USB key for a lawyer). */
function ReaderPageSection() {
  const t = useT();
  const { readerInfo, readerSaved, loadReaderInfo, saveReader, busy, error } = usePick(useSealing, 'readerInfo', 'readerSaved', 'loadReaderInfo', 'saveReader', 'busy', 'error');
  useEffect(() => {
    void loadReaderInfo();
  }, [loadReaderInfo]);
  return (
    <section className="section" aria-labelledby="reader-page-title">
      <h2 id="reader-page-title">{t('settings.readerTitle')}</h2>
      <p className="help">{t('settings.readerHelp')}</p>
      {readerInfo ? (
        <p>
          {t('settings.readerSha')} <span className="mono hash">{readerInfo.sha256}</span>
        </p>
      ) : null}
      <button type="button" disabled={busy || !readerInfo} onClick={() => void saveReader(t('sealed.saveReaderTitle'))}>
        {t('sealed.saveReader')}
      </button>
      {readerSaved ? (
        <p className="notice notice-success" role="status">
          {readerSaved.path ? t('settings.readerSavedAt', { path: readerSaved.path }) : t('settings.readerDownloaded')}
        </p>
      ) : null}
      <ErrorNotice error={error} />
    </section>
  );
}
