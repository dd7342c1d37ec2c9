// How long closed cases are kept, and after how long without activity the vault locks itself.
import { useEffect, useState } from 'react';
import type { Settings as SettingsValues } from '../../../src-shared/model.js';
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
  );
}
