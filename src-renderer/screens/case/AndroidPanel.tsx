// The Android tab: the phones adb sees, what to do when there is none or one is not allowed yet, scanning
// one, reaching a phone in wireless debugging by the address its screen shows, and the demo phone for training.
import { printable } from '../../../src-shared/printable.js';
import { PhoneAddress } from '../../../src-shared/acquisition.js';
import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { GuidanceText } from '../../components/GuidanceText.js';
import { TechnicalText } from '../../components/TechnicalText.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { useCaseView } from '../../stores/case-view.js';
import { usePick } from '../../stores/pick.js';


/** A serial as shown: the phone chose it, so as text, and clipped (it is kept whole to connect). */
function shownSerial(serial: string): string {
  const shown = printable(serial);
  return shown.length > 48 ? `${shown.slice(0, 47)}…` : shown;
}

export function ConnectDevice() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { devices, devicesError, demoProfiles, startDemo, scanAndroid, refreshDevices, connectWireless, busy, scan } = usePick(useCaseView, 'devices', 'devicesError', 'demoProfiles', 'startDemo', 'scanAndroid', 'refreshDevices', 'connectWireless', 'busy', 'scan');
  const [profile, setProfile] = useState('stalkerware');
  const [address, setAddress] = useState('');
  const addressOk = PhoneAddress.safeParse(address).success;
  return (
    <div>
      <h3>{t('connect.title')}</h3>
      <p className="help">{t('connect.android')}</p>
      {devices && devices.devices.length > 0 ? (
        <ul className="devices">
          {devices.devices.map((device) => (
            <li key={device.serial} className="device">
              <strong className="device-name">
                <bdi>{device.model ?? t('connect.unknownModel')}</bdi>
              </strong>{' '}
              <span className="help">— {t(`connect.connection.${device.connection}`)}</span>{' '}
              <span className={`status status-${device.state === 'device' ? 'open' : 'closed'}`}>{t(`connect.state.${device.state}`)}</span>
              <p className="help device-serial">
                {t('connect.serial')} <bdi className="mono">{shownSerial(device.serial)}</bdi>
              </p>
              <GuidanceText className="help" text={device.guidance[language]} />
              {device.state === 'unauthorized' && device.keyFingerprint ? (
                <p className="key-fingerprint">
                  {t('connect.fingerprint')}: <span className="mono">{device.keyFingerprint}</span>
                </p>
              ) : null}
              {device.state === 'device' ? (
                <button type="button" className="primary" disabled={busy || scan !== null} onClick={() => void scanAndroid(device.serial)} aria-label={`${t('connect.scan')} — ${device.model ?? shownSerial(device.serial)}`}>
                  {t('connect.scan')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : devicesError ? (
        <ErrorNotice error={devicesError} />
      ) : (
        <div className="notice notice-warning">
          <GuidanceText text={devices?.guidance?.[language] ?? t('connect.none')} />
          {devices?.technical ? <TechnicalText summary="" technical={devices.technical} /> : null}
        </div>
      )}
      <div className="inline-form">
        <button type="button" onClick={() => void refreshDevices()} disabled={busy}>
          {t('connect.refresh')}
        </button>
      </div>
      <details className="wireless">
        <summary>{t('connect.wireless.title')}</summary>
        <p className="help">{t('connect.wireless.help')}</p>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (addressOk) void connectWireless(address.trim());
          }}
        >
          <label htmlFor="wireless-address">{t('connect.wireless.address')}</label>
          <input id="wireless-address" className="mono" inputMode="url" autoComplete="off" spellCheck={false} placeholder="192.168.1.23:37099" value={address} aria-invalid={address !== '' && !addressOk} onChange={(event) => setAddress(event.target.value)} />
          <button type="submit" disabled={busy || !addressOk}>
            {t('connect.wireless.connect')}
          </button>
        </form>
        {address !== '' && !addressOk ? <p className="help">{t('connect.wireless.invalid')}</p> : null}
      </details>
      <fieldset className="demo">
        <legend>{t('connect.demo.title')}</legend>
        <p className="help">{t('connect.demo.help')}</p>
        <div className="inline-form">
          <label htmlFor="demo-profile">{t('connect.demo.profile')}</label>
          <select id="demo-profile" value={profile} onChange={(event) => setProfile(event.target.value)}>
            {demoProfiles.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name[language]}
              </option>
            ))}
          </select>
          <button type="button" disabled={busy} onClick={() => void startDemo(profile)}>
            {t('connect.demo.start')}
          </button>
        </div>
      </fieldset>
    </div>
  );
}
