// Settings: how long closed cases are kept and when the vault locks itself; the signatures in use (import
// a feed or a signed pack); custom rules (list, enable or disable, edit, delete, and the rule editor); forwarding to a Wazuh
// server (transport, server, CA, test, send now, outbox); and the audit trail and custody log.
import { useEffect, useState, type ReactNode } from 'react';
import type { OperationOutput } from '../../src-shared/api.js';
import type { SignatureInfo } from '../../src-shared/signature-info.js';
import type { ForwardStatus } from '../../src-shared/forwarding.js';
import type { AuditEntry, Case, CustodyEntry, Settings as SettingsValues } from '../../src-shared/model.js';
import type { CustomRule } from '../../src-shared/rules.js';
import { api } from '../api/context.js';
import { FilePicker } from '../components/FilePicker.js';
import { RekeyForm } from '../components/RekeyForm.js';
import { RuleEditor } from '../components/RuleEditor.js';
import { Tabs, tabPanelProps } from '../components/Tabs.js';
import { TechnicalText } from '../components/TechnicalText.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { useAction } from '../components/use-action.js';
import { en, type MessageKey } from '../i18n/en.js';
import { formatDate, formatDateTime, useLanguage, useT, type Translate } from '../i18n/i18n.js';
import { useSession } from '../stores/session.js';

type Tab = 'general' | 'signatures' | 'rules' | 'forwarding' | 'logs';
const TABS: Tab[] = ['general', 'signatures', 'rules', 'forwarding', 'logs'];

export function Settings() {
  const t = useT();
  const go = useSession((s) => s.go);
  const [tab, setTab] = useState<Tab>('general');
  const panels: Record<Tab, ReactNode> = { general: (
      <>
        <GeneralPanel />
        <RekeyForm />
      </>
    ), signatures: <SignaturesPanel />, rules: <RulesPanel />, forwarding: <ForwardingPanel />, logs: <LogsPanel /> };
  return (
    <main className="panel">
      <div className="toolbar">
        <h1>{t('settings.title')}</h1>
        <button type="button" onClick={() => go('cases')}>
          {t('case.back')}
        </button>
      </div>
      <Tabs id="settings" label={t('settings.title')} items={TABS} selected={tab} name={(item) => t(`settings.tab.${item}`)} onSelect={setTab} />
      <div {...tabPanelProps('settings', tab)}>
        {panels[tab]}
      </div>
    </main>
  );
}

function GeneralPanel() {
  const t = useT();
  const { error, busy, run } = useAction();
  const [values, setValues] = useState<SettingsValues | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void run(() => api().invoke('settings.get', {})).then((loaded) => loaded && setValues(loaded));
  }, []);
  if (!values) return <ErrorNotice error={error} />;
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const updated = await run(() => api().invoke('settings.update', values));
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

type SignatureFiles = { fileName: string; content: string; signature: string | null };
type SignaturePreview = OperationOutput<'signatures.verify'>;

/** A pack or feed and its detached signature (NAME.sig), chosen together, as the API takes them. */
async function signatureFiles(files: readonly File[]): Promise<SignatureFiles | null> {
  const pack = files.find((file) => !file.name.endsWith('.sig'));
  const signature = files.find((file) => file.name.endsWith('.sig'));
  if (!pack) return null;
  const bytes = new Uint8Array(await pack.arrayBuffer());
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return { fileName: pack.name, content: btoa(binary), signature: signature ? await signature.text() : null };
}

function SignaturesPanel() {
  const t = useT();
  const { error, busy, run } = useAction();
  const [info, setInfo] = useState<SignatureInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [allowUntrusted, setAllowUntrusted] = useState(false);
  const load = () => run(() => api().invoke('signatures.info', {})).then((loaded) => loaded && setInfo(loaded));
  useEffect(() => {
    void load();
  }, []);
  /** The chosen pack or feed, read and checked (not imported yet): what it holds, and who signed it. */
  const [chosen, setChosen] = useState<{ request: SignatureFiles; preview: SignaturePreview } | null>(null);
  const [keyFile, setKeyFile] = useState<{ name: string; text: string } | null>(null);
  async function choose(files: File[]) {
    setChosen(null);
    setNotice(null);
    const request = await signatureFiles(files);
    if (!request) return;
    const preview = await run(() => api().invoke('signatures.verify', request));
    if (preview) {
      setChosen({ request, preview });
      setAllowUntrusted(false);
    }
  }
  async function importChosen() {
    if (!chosen) return;
    const result = await run(() => api().invoke('signatures.import', { ...chosen.request, allowUntrusted }));
    if (result) {
      setChosen(null);
      setNotice(result.alreadyImported ? t('signatures.alreadyImported', { name: result.name, version: result.version }) : t('signatures.imported', { name: result.name, version: result.version, count: result.signatures }));
      await load();
    }
  }
  async function trustKey() {
    if (!keyFile) return;
    const trusted = await run(() => api().invoke('signatures.trustKey', { publicKeyFile: keyFile.text }));
    if (trusted) {
      setKeyFile(null);
      setNotice(t('signatures.keyTrusted', { label: trusted.label, fingerprint: trusted.fingerprint }));
      await load();
    }
  }
  return (
    <div>
      {info ? (
        <>
          <p>{t('signatures.database', { name: info.database.name, version: info.database.version, count: info.database.signatures })}</p>
          <p className="help">{t('signatures.total', { signatures: info.totalSignatures, indicators: info.totalIndicators })}</p>
          {info.community ? (
            <ul>
              {info.community.sets.map((set) => (
                <li key={set.name}>
                  {set.name} {set.version} — {set.signatures} {set.credit ? `(${set.credit})` : ''}
                  {set.source ? (
                    <span className="help">
                      {' '}
                      {t('signatures.source', { licence: set.source.licence, repository: set.source.repository, commit: set.source.commit.slice(0, 12), date: set.source.date.slice(0, 10) })}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          <h3>{t('signatures.importedTitle')}</h3>
          {info.imported.length === 0 ? <p className="empty">{t('signatures.noneImported')}</p> : null}
          <ul>
            {info.imported.map((set) => (
              <li key={set.id}>
                {set.name} {set.version} — {set.signatures} · {set.trusted ? t('signatures.trusted') : t('signatures.untrusted')}{' '}
                <button type="button" disabled={busy} aria-label={`${t('signatures.remove')} ${set.name}`} onClick={async () => (await run(() => api().invoke('signatures.remove', { setId: set.id }))) && (await load())}>
                  {t('signatures.remove')}
                </button>
              </li>
            ))}
          </ul>
          <h3>{t('signatures.keys')}</h3>
          <ul>
            {info.trustedKeys.map((key) => (
              <li key={key.publicKey}>
                {key.label} <span className="mono">{key.fingerprint}</span>{' '}
                {key.origin === 'vault' ? (
                  <button type="button" disabled={busy} aria-label={`${t('signatures.untrust')} ${key.label}`} onClick={async () => (await run(() => api().invoke('signatures.untrustKey', { publicKey: key.publicKey }))) && (await load())}>
                    {t('signatures.untrust')}
                  </button>
                ) : (
                  <span className="help">{t('signatures.shipped')}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('signatures.importTitle')}</h3>
      <FilePicker label={t('signatures.import')} multiple accept=".json,.yaml,.yml,.sig,.csv,.txt" disabled={busy} onPick={(files) => void choose(files)} />
      {chosen ? (
        <div className={`notice ${chosen.preview.trusted ? 'notice-success' : 'notice-warning'}`} role="status">
          <p>{t('signatures.preview', { name: chosen.preview.name, version: chosen.preview.version, count: chosen.preview.signatures })}</p>
          <p>{chosen.preview.trusted ? t('signatures.previewTrusted', { signer: chosen.preview.signer ?? '' }) : t(`signatures.problem.${chosen.preview.problem ?? 'unsigned'}`)}</p>
          {chosen.preview.trusted ? null : (
            <label className="checkbox">
              <input type="checkbox" checked={allowUntrusted} onChange={(event) => setAllowUntrusted(event.target.checked)} />
              <span>{t('signatures.allowUntrusted')}</span>
            </label>
          )}
          <div className="inline-form">
            <button type="button" className="primary" disabled={busy || (!chosen.preview.trusted && !allowUntrusted)} onClick={() => void importChosen()}>
              {t('signatures.importChosen')}
            </button>
            <button type="button" onClick={() => setChosen(null)}>
              {t('rules.cancelEdit')}
            </button>
          </div>
        </div>
      ) : null}
      <h3>{t('signatures.trustTitle')}</h3>
      <FilePicker label={t('signatures.keyFile')} help={t('signatures.keyFileHelp')} accept=".json,.pub" disabled={busy} onPick={async ([file]) => file && setKeyFile({ name: file.name, text: await file.text() })} />
      {keyFile ? (
        <div className="notice notice-warning" role="status">
          <p>{t('signatures.trustConfirm', { file: keyFile.name })}</p>
          <div className="inline-form">
            <button type="button" className="primary" disabled={busy} onClick={() => void trustKey()}>
              {t('signatures.trustYes')}
            </button>
            <button type="button" onClick={() => setKeyFile(null)}>
              {t('rules.cancelEdit')}
            </button>
          </div>
        </div>
      ) : null}
      {notice ? (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorNotice error={error} />
    </div>
  );
}

function RulesPanel() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { error, run } = useAction();
  const [rules, setRules] = useState<CustomRule[]>([]);
  /** The rule being edited (null: the form makes a new one); its key resets the form. */
  const [editing, setEditing] = useState<CustomRule | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [deleting, setDeleting] = useState<string | null>(null);
  const load = () => run(() => api().invoke('rules.list', {})).then((loaded) => loaded && setRules(loaded));
  useEffect(() => {
    void load();
  }, []);
  const openForm = (rule: CustomRule | null) => {
    setEditing(rule);
    setFormKey(formKey + 1);
  };
  /** Shown at once, then read back from the vault (which says whether it took). */
  async function setEnabled(rule: CustomRule, enabled: boolean) {
    setRules(rules.map((each) => (each.id === rule.id ? { ...each, definition: { ...each.definition, enabled } } : each)));
    await run(() => api().invoke('rules.setEnabled', { ruleId: rule.id, enabled }));
    await load();
  }
  async function remove(rule: CustomRule) {
    if (await run(() => api().invoke('rules.delete', { ruleId: rule.id }))) {
      setDeleting(null);
      if (editing?.id === rule.id) openForm(null);
      await load();
    }
  }
  return (
    <div>
      {rules.length === 0 ? <p className="empty">{t('rules.none')}</p> : null}
      <ul className="devices">
        {rules.map((rule) => (
          <li key={rule.id} className="device">
            <strong>{rule.definition.name}</strong> — {t(`severity.${rule.definition.severity}`)} — {rule.definition.message[language]}{' '}
            <span className="help">({t('rules.version', { version: rule.version })})</span>
            <div className="inline-form">
              <label className="checkbox">
                <input type="checkbox" checked={rule.definition.enabled} onChange={(event) => void setEnabled(rule, event.target.checked)} />
                <span>{t('rules.enabled')}</span>
              </label>
              <button type="button" aria-label={`${t('rules.editRule')} — ${rule.definition.name}`} onClick={() => openForm(rule)}>
                {t('rules.editRule')}
              </button>
              <button type="button" aria-label={`${t('rules.delete')} — ${rule.definition.name}`} onClick={() => setDeleting(rule.id)}>
                {t('rules.delete')}
              </button>
            </div>
            {deleting === rule.id ? (
              <div className="notice notice-warning" role="alert">
                <p>{t('rules.deleteConfirm', { name: rule.definition.name })}</p>
                <div className="inline-form">
                  <button type="button" className="danger" onClick={() => void remove(rule)}>
                    {t('rules.deleteYes')}
                  </button>
                  <button type="button" onClick={() => setDeleting(null)}>
                    {t('rules.cancelEdit')}
                  </button>
                </div>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorNotice error={error} />
      <RuleEditor
        key={formKey}
        editing={editing}
        onSaved={() => {
          openForm(null);
          void load();
        }}
        onCancel={() => openForm(null)}
      />
    </div>
  );
}

function ForwardingPanel() {
  const t = useT();
  const { error, busy, run } = useAction();
  const [status, setStatus] = useState<ForwardStatus | null>(null);
  const [enabled, setEnabled] = useState(false);
  const [transport, setTransport] = useState<'json-file' | 'wazuh-api'>('json-file');
  const [file, setFile] = useState('');
  const [url, setUrl] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [caPem, setCaPem] = useState('');
  /** The last test or delivery, in plain words, with what the server or the file system said. */
  const [message, setMessage] = useState<{ summary: string; technical: string | null } | null>(null);
  const load = async () => {
    const loaded = await run(() => api().invoke('forward.status', {}));
    if (!loaded) return;
    setStatus(loaded);
    setEnabled(loaded.settings.enabled);
    setTransport(loaded.settings.transport);
    setFile(loaded.settings.file ?? '');
    setUrl(loaded.settings.api?.url ?? '');
    setUser(loaded.settings.api?.user ?? '');
    setCaPem(loaded.settings.api?.caPem ?? '');
  };
  useEffect(() => {
    void load();
  }, []);
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
          <input id="forward-file" value={file} onChange={(event) => setFile(event.target.value)} />
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
          </div>
        </>
      )}
      <div className="inline-form">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={async () => {
            const saved = await run(() =>
              api().invoke('forward.configure', { enabled, transport, ...(file ? { file } : {}), ...(transport === 'wazuh-api' && url ? { api: { url, user, caPem, ...(password ? { password } : {}) } } : {}) }),
            );
            if (saved) {
              setMessage({ summary: t('settings.saved'), technical: null });
              await load();
            }
          }}
        >
          {t('settings.save')}
        </button>
        <button type="button" disabled={busy} onClick={async () => {
            const tested = await run(() => api().invoke('forward.test', {}));
            setMessage(tested ? { summary: t(tested.ok ? 'forwarding.testOk' : 'forwarding.testFailed'), technical: tested.message } : null);
          }}>
          {t('forwarding.test')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            const flushed = await run(() => api().invoke('forward.flush', {}));
            if (flushed) setMessage({ summary: t('forwarding.flushed', { delivered: flushed.delivered, pending: flushed.pending }), technical: flushed.error });
            await load();
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

/** A log entry's action in plain words (its code stays beside it, as recorded). */
function actionLabel(t: Translate, action: string): string {
  const key = `log.action.${action}`;
  return key in en ? t(key as MessageKey) : action;
}

function LogsPanel() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { error, run } = useAction();
  const [custody, setCustody] = useState<CustodyEntry[]>([]);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [chain, setChain] = useState<string | null>(null);
  const [cases, setCases] = useState<Case[]>([]);
  const [caseId, setCaseId] = useState('');
  useEffect(() => {
    void run(async () => {
      setAudit(await api().invoke('audit.list', { limit: 200 }));
      setCases(await api().invoke('cases.list', { status: 'all' }));
      const report = await api().invoke('custody.verify', {});
      setChain(report.intact ? t('logs.intact', { entries: report.entries }) : t('logs.broken', { seq: report.brokenAt?.seq ?? 0 }));
    });
  }, []);
  useEffect(() => {
    void run(async () => setCustody(await api().invoke('custody.list', { limit: 500, ...(caseId ? { caseId } : {}) })));
  }, [caseId]);
  return (
    <div>
      {chain ? (
        <p className="notice" role="status">
          {chain}
        </p>
      ) : null}
      <ErrorNotice error={error} />
      <h3>{t('logs.custody')}</h3>
      <div className="inline-form">
        <label htmlFor="logs-case">{t('logs.case')}</label>
        <select id="logs-case" value={caseId} onChange={(event) => setCaseId(event.target.value)}>
          <option value="">{t('logs.allCases')}</option>
          {cases.map((item) => (
            <option key={item.id} value={item.id}>
              {item.pseudonym} ({item.id})
            </option>
          ))}
        </select>
      </div>
      <div className="table-frame">
        <table className="cases">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('logs.when')}</th>
              <th scope="col">{t('logs.action')}</th>
              <th scope="col">{t('cases.column.id')}</th>
              <th scope="col">{t('logs.details')}</th>
            </tr>
          </thead>
          <tbody>
            {custody.map((entry) => (
              <tr key={entry.seq}>
                <td>{entry.seq}</td>
                <td>{formatDateTime(entry.recordedAt, language)}</td>
                <td>
                  {actionLabel(t, entry.action)} <span className="mono help">{entry.action}</span>
                </td>
                <td className="mono">{entry.caseId ?? ''}</td>
                <td>
                  {Object.keys(entry.details).length > 0 ? (
                    <details>
                      <summary>{t('logs.details')}</summary>
                      <pre>{JSON.stringify(entry.details, null, 1)}</pre>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('logs.audit')}</h3>
      <ul>
        {audit.map((entry) => (
          <li key={entry.id}>
            {formatDateTime(entry.at, language)} — {actionLabel(t, entry.action)} <span className="mono help">{entry.action}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
