// The iPhone tab: its backups on this computer (or one chosen), an iPhone connected now, and turning on
// backup encryption when a live scan needs it — with a password, a confirmation and a warning.
import { useEffect, useState } from 'react';
import { FileChooser } from '../../components/FileChooser.js';
import { TechnicalText } from '../../components/TechnicalText.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { useCaseView } from '../../stores/case-view.js';
import { useFiles } from '../../stores/files.js';
import { usePick } from '../../stores/pick.js';

/**
 * Offered when a live scan stopped because the iPhone does not encrypt its backups: the advocate chooses a
 * password, confirms that this changes a setting on the phone, and the password is then used for the scan.
 */
function EnableEncryptionForm({ udid, onDone }: { udid: string; onDone: (password: string) => void }) {
  const t = useT();
  const { enableIosEncryption, busy } = usePick(useCaseView, 'enableIosEncryption', 'busy');
  const [password, setPassword] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [done, setDone] = useState(false);
  const acceptable = /^[\x20-\x7e]{4,255}$/.test(password);
  if (done) return <p className="notice" data-testid="encryption-enabled">{t('iphone.encryptionEnabled')}</p>;
  return (
    <form
      className="encryption-offer"
      data-testid="enable-encryption"
      onSubmit={(event) => {
        event.preventDefault();
        void enableIosEncryption(udid, password).then((ok) => {
          if (!ok) return;
          setDone(true);
          onDone(password);
        });
      }}
    >
      <p className="help">{t('iphone.encryptionOffer')}</p>
      <label htmlFor={`encryption-password-${udid}`}>{t('iphone.encryptionPassword')}</label>
      <input id={`encryption-password-${udid}`} type="password" autoComplete="off" value={password} onChange={(event) => setPassword(event.target.value)} />
      {password && !acceptable ? <p className="problem">{t('iphone.encryptionPasswordRule')}</p> : null}
      <label>
        <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} /> {t('iphone.encryptionConfirm')}
      </label>
      <button type="submit" className="primary" disabled={busy || !acceptable || !confirmed}>
        {t('iphone.encryptionEnable')}
      </button>
    </form>
  );
}

export function IphonePanel() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { backups, iosDevices, listBackups, listIosDevices, scanBackup, scanIos, busy, scan, error, sending, sentBackup, sendBackupFolder, scanSentBackup } = usePick(
    useCaseView,
    'backups',
    'iosDevices',
    'listBackups',
    'listIosDevices',
    'scanBackup',
    'scanIos',
    'busy',
    'scan',
    'error',
    'sending',
    'sentBackup',
    'sendBackupFolder',
    'scanSentBackup',
  );
  const desktop = useFiles((s) => s.desktop)();
  const [passwords, setPasswords] = useState<Record<string, string>>({});
  useEffect(() => {
    void listBackups();
    void listIosDevices();
  }, [listBackups, listIosDevices]);
  return (
    <div>
      <h3>{t('iphone.backups')}</h3>
      <p className="help">{t('iphone.backupsHelp')}</p>
      <div className="inline-form">
        <FileChooser
          label={t('iphone.chooseFolder')}
          folder
          disabled={busy || scan !== null}
          onChoose={(chosen) => (typeof chosen === 'string' ? void listBackups(chosen) : void sendBackupFolder(chosen))}
        />
      </div>
      {desktop ? null : <p className="help">{t('iphone.browserFolders')}</p>}
      {sending !== null ? (
        <p role="status">
          {t('offline.sending')} <progress max={1} value={sending} aria-label={t('offline.sending')} aria-valuetext={`${Math.round(sending * 100)}%`} />
        </p>
      ) : null}
      {sentBackup && scan === null ? (
        <div className="device" data-testid="sent-backup">
          <strong>{sentBackup.name}</strong>
          <div className="inline-form">
            <label htmlFor="sent-backup-password">{t('iphone.password')}</label>
            <input id="sent-backup-password" type="password" autoComplete="off" value={passwords['sent'] ?? ''} onChange={(event) => setPasswords({ ...passwords, sent: event.target.value })} />
            <button type="button" className="primary" disabled={busy} onClick={() => void scanSentBackup(passwords['sent'] || undefined)}>
              {t('iphone.scanBackup')}
            </button>
          </div>
        </div>
      ) : null}
      {backups.length === 0 ? <p className="empty">{t('iphone.noBackup')}</p> : null}
      <ul className="devices">
        {backups.map((backup) => (
          <li key={backup.path} className="device">
            <strong>{backup.deviceName ?? 'iPhone'}</strong> {[backup.productType, backup.iosVersion ? `iOS ${backup.iosVersion}` : null].filter(Boolean).join(', ')}
            <p className="help mono">{backup.path}</p>
            {backup.problem ? (
              <TechnicalText className="problem" summary={t('iphone.backupUnusable')} technical={backup.problem} />
            ) : (
              <div className="inline-form">
                {backup.encrypted ? (
                  <>
                    <label htmlFor={`password-${backup.path}`}>{t('iphone.password')}</label>
                    <input id={`password-${backup.path}`} type="password" value={passwords[backup.path] ?? ''} onChange={(event) => setPasswords({ ...passwords, [backup.path]: event.target.value })} />
                  </>
                ) : null}
                <button type="button" className="primary" disabled={busy || scan !== null} onClick={() => void scanBackup(backup.path, passwords[backup.path] || undefined)}>
                  {t('iphone.scanBackup')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <h3>{t('iphone.live')}</h3>
      {iosDevices && iosDevices.devices.length > 0 ? (
        <ul className="devices">
          {iosDevices.devices.map((device) => (
            <li key={device.udid} className="device">
              <strong>{device.name ?? 'iPhone'}</strong> <span className="mono">{device.udid}</span>
              <p className="help">{device.guidance[language]}</p>
              {device.state === 'paired' ? (
                <div className="inline-form">
                  <label htmlFor={`live-password-${device.udid}`}>{t('iphone.livePassword')}</label>
                  <input id={`live-password-${device.udid}`} type="password" autoComplete="off" value={passwords[device.udid] ?? ''} onChange={(event) => setPasswords({ ...passwords, [device.udid]: event.target.value })} />
                  <button type="button" className="primary" disabled={busy || scan !== null} onClick={() => void scanIos(device.udid, passwords[device.udid] || undefined)}>
                    {t('iphone.scanLive')}
                  </button>
                </div>
              ) : null}
              {device.state === 'paired' && error?.code === 'ios.backup-not-encrypted' ? (
                <EnableEncryptionForm udid={device.udid} onDone={(password) => setPasswords({ ...passwords, [device.udid]: password })} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="notice notice-warning">{iosDevices?.guidance?.[language] ?? t('iphone.noDevice')}</p>
      )}
      <button type="button" disabled={busy} onClick={() => void listIosDevices()}>
        {t('connect.refresh')}
      </button>
    </div>
  );
}
