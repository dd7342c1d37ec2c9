// Forwarding to the shelters' network: where findings go (a JSON file or a Wazuh server, its CA), testing,
// saving, sending now, and the outbox.
import { useEffect, useState } from 'react';
import type { ForwardStatus } from '../../../src-shared/forwarding.js';
import { FilePicker } from '../../components/FilePicker.js';
import { TechnicalText } from '../../components/TechnicalText.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useAction } from '../../components/use-action.js';
import { useT } from '../../i18n/i18n.js';
import { useForwarding } from '../../stores/forwarding.js';
import { useFiles } from '../../stores/files.js';
import { usePick } from '../../stores/pick.js';

export function ForwardingPanel() {
  const t = useT();
  const { error, busy, run } = useAction();
  const status = useForwarding((s) => s.status);
  const { load, configure, test, flush } = usePick(useForwarding, 'load', 'configure', 'test', 'flush');
  const [enabled, setEnabled] = useState(false);
  const [transport, setTransport] = useState<'json-file' | 'wazuh-api'>('json-file');
  const [file, setFile] = useState('');
  const [url, setUrl] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [caPem, setCaPem] = useState('');
  const desktop = useFiles((s) => s.desktop)();
  /** The last test or delivery, in plain words, with what the server or the file system said. */
  const [message, setMessage] = useState<{ summary: string; technical: string | null } | null>(null);
  /** The form shows the settings as stored. */
  const fill = (loaded: ForwardStatus | null) => {
    if (!loaded) return;
    setEnabled(loaded.settings.enabled);
    setTransport(loaded.settings.transport);
    setFile(loaded.settings.file ?? '');
    setUrl(loaded.settings.api?.url ?? '');
    setUser(loaded.settings.api?.user ?? '');
    setCaPem(loaded.settings.api?.caPem ?? '');
  };
  /** The form is shown once the settings as stored are in it: what she types before would be overwritten. */
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void run(load).then((loaded) => {
      fill(loaded);
      setReady(true);
    });
  }, []);
  if (!ready) return <p role="status">{t('loading.part')}</p>;
  return (
    <div>
      <p className="help">{t('forwarding.help')}</p>
      <label className="checkbox">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
        <span>{t('forwarding.enabled')}</span>
      </label>
      <div className="field">
        <label htmlFor="forward-transport">{t('forwarding.transport')}</label>
        <select id="forward-transport" value={transport} onChange={(event) => setTransport(event.target.value as 'json-file' | 'wazuh-api')}>
          <option value="json-file">{t('forwarding.jsonFile')}</option>
          <option value="wazuh-api">{t('forwarding.api')}</option>
        </select>
      </div>
      {transport === 'json-file' ? (
        <div className="field">
          <label htmlFor="forward-file">{t('forwarding.file')}</label>
          <div className="inline-form">
            <input id="forward-file" value={file} onChange={(event) => setFile(event.target.value)} aria-describedby="forward-file-help" />
            {desktop ? (
              <button
                type="button"
                onClick={async () => {
                  const chosen = await useFiles.getState().saveTarget({ title: t('forwarding.fileTitle'), suggestedName: 'sentinelle-events.json', kind: 'events' });
                  if (chosen && 'out' in chosen) setFile(chosen.out);
                }}
              >
                {t('forwarding.chooseFile')}
              </button>
            ) : null}
          </div>
          <p id="forward-file-help" className="help">
            {t('forwarding.fileHelp')}
          </p>
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor="forward-url">{t('forwarding.url')}</label>
            <input id="forward-url" value={url} placeholder="https://wazuh.example.org:55000" onChange={(event) => setUrl(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="forward-user">{t('forwarding.user')}</label>
            <input id="forward-user" value={user} onChange={(event) => setUser(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="forward-password">{t('forwarding.password')}</label>
            <input id="forward-password" type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="off" />
            {status?.hasPassword ? <p className="help">{t('forwarding.passwordKept')}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="forward-ca">{t('forwarding.ca')}</label>
            <textarea id="forward-ca" rows={4} value={caPem} onChange={(event) => setCaPem(event.target.value)} />
            <FilePicker label={t('forwarding.caFile')} accept=".pem,.crt,.cer" onPick={async ([chosen]) => chosen && chosen.size < 256 * 1024 && setCaPem(await chosen.text())} />
          </div>
        </>
      )}
      <div className="inline-form">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={async () => {
            const saved = await run(async () => {
              await configure({ enabled, transport, ...(file ? { file } : {}), ...(transport === 'wazuh-api' && url ? { api: { url, user, caPem, ...(password ? { password } : {}) } } : {}) });
              return useForwarding.getState().status;
            });
            if (saved) {
              setMessage({ summary: t('settings.saved'), technical: null });
              fill(saved);
            }
          }}
        >
          {t('settings.save')}
        </button>
        <button type="button" disabled={busy} onClick={async () => {
            const tested = await run(test);
            setMessage(tested ? { summary: t(tested.ok ? 'forwarding.testOk' : 'forwarding.testFailed'), technical: tested.message } : null);
          }}>
          {t('forwarding.test')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            const flushed = await run(flush);
            if (flushed) setMessage({ summary: t('forwarding.flushed', { delivered: flushed.delivered, pending: flushed.pending }), technical: flushed.error });
          }}
        >
          {t('forwarding.flush')}
        </button>
      </div>
      {message ? (
        <div className="notice" role="status">
          <TechnicalText summary={message.summary} technical={message.technical} />
        </div>
      ) : null}
      {status ? <p>{t('forwarding.outbox', { pending: status.outbox.pending, delivered: status.outbox.delivered })}</p> : null}
      {status?.outbox.lastError ? <TechnicalText className="problem" summary={t('forwarding.lastError')} technical={status.outbox.lastError} /> : null}
      <ErrorNotice error={error} />
    </div>
  );
}
