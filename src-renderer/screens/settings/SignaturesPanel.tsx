// The signatures in use (database, community lists, imported sets, trusted keys); importing a feed or a
// signed pack after seeing what it holds and who signed it; trusting a signer's key.
import { useEffect, useState } from 'react';
import { FilePicker } from '../../components/FilePicker.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useAction } from '../../components/use-action.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { ageInWords, signatureListAges } from '../../../src-shared/signature-info.js';
import { usePick } from '../../stores/pick.js';
import { useSignatures, type SignatureFiles, type SignaturePreview } from '../../stores/signatures.js';

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

export function SignaturesPanel() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { error, busy, run } = useAction();
  const info = useSignatures((s) => s.info);
  const { load, check, importSet, remove, trustKey: trust, untrustKey } = usePick(useSignatures, 'load', 'check', 'importSet', 'remove', 'trustKey', 'untrustKey');
  const [notice, setNotice] = useState<string | null>(null);
  const [allowUntrusted, setAllowUntrusted] = useState(false);
  useEffect(() => {
    void run(load);
  }, []);
  /** The chosen pack or feed, read and checked (not imported yet): what it holds, and who signed it. */
  const [chosen, setChosen] = useState<{ request: SignatureFiles; preview: SignaturePreview } | null>(null);
  const [keyFile, setKeyFile] = useState<{ name: string; text: string } | null>(null);
  async function choose(files: File[]) {
    setChosen(null);
    setNotice(null);
    const request = await signatureFiles(files);
    if (!request) return;
    const preview = await run(() => check(request));
    if (preview) {
      setChosen({ request, preview });
      setAllowUntrusted(false);
    }
  }
  async function importChosen() {
    if (!chosen) return;
    const result = await run(() => importSet(chosen.request, allowUntrusted));
    if (result) {
      setChosen(null);
      setNotice(
        result.alreadyShipped
          ? t('signatures.alreadyShipped', { name: result.name, version: result.version })
          : result.alreadyImported
            ? t('signatures.alreadyImported', { name: result.name, version: result.version })
            : t('signatures.imported', { name: result.name, version: result.version, count: result.signatures }),
      );
    }
  }
  async function trustKey() {
    if (!keyFile) return;
    const trusted = await run(() => trust(keyFile.text));
    if (trusted) {
      setKeyFile(null);
      setNotice(t('signatures.keyTrusted', { label: trusted.label, fingerprint: trusted.fingerprint }));
    }
  }
  return (
    <div>
      {info ? (
        <>
          <h3>{t('signatures.agesTitle')}</h3>
          <table className="signature-ages">
            <thead>
              <tr>
                <th scope="col">{t('signatures.list')}</th>
                <th scope="col">{t('signatures.age')}</th>
              </tr>
            </thead>
            <tbody>
              {signatureListAges(info, new Date()).map((list) => (
                <tr key={`${list.kind}:${list.name}`}>
                  <th scope="row">{list.name}</th>
                  <td>{list.ageDays === null ? t('signatures.ageUnknown') : ageInWords(list.ageDays, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="help">{t('signatures.howToUpdate')}</p>
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
                <button type="button" disabled={busy} aria-label={`${t('signatures.remove')} ${set.name}`} onClick={() => void run(() => remove(set.id))}>
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
                  <button type="button" disabled={busy} aria-label={`${t('signatures.untrust')} ${key.label}`} onClick={() => void run(() => untrustKey(key.publicKey))}>
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
