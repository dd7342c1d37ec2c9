// Opening and checking an evidence bundle received (from another shelter, or sent back by a lawyer): with
// a recipient's secret key or the passphrase, and who should have signed it; the verdict says exactly what
// holds and what does not.
import { useState } from 'react';
import type { VerifyVerdict } from '../../src-shared/bundle.js';
import { useBundles } from '../stores/bundles.js';
import { TechnicalText } from '../components/TechnicalText.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { useAction } from '../components/use-action.js';
import { useT } from '../i18n/i18n.js';
import { useSession } from '../stores/session.js';

export function VerifyBundle() {
  const t = useT();
  const go = useSession((s) => s.go);
  const [file, setFile] = useState('');
  const [identity, setIdentity] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [signer, setSigner] = useState('');
  const { busy, error, run } = useAction();
  const [verdict, setVerdict] = useState<VerifyVerdict | null>(null);
  const ready = file.trim() !== '' && (identity.trim() !== '' || passphrase !== '');
  return (
    <main className="panel">
      <div className="toolbar">
        <h1>{t('verify.title')}</h1>
        <button type="button" onClick={() => go('cases')}>
          {t('case.back')}
        </button>
      </div>
      <p className="help">{t('verify.help')}</p>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setVerdict(null);
          setVerdict(
            await run(() =>
              useBundles.getState().verify({
                path: file.trim(),
                ...(identity.trim() ? { identity: identity.trim() } : { passphrase }),
                signers: signer.trim() ? [signer.trim()] : [],
              }),
            ),
          );
        }}
      >
        <div className="field">
          <label htmlFor="verify-file">{t('verify.file')}</label>
          <input id="verify-file" value={file} onChange={(event) => setFile(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="verify-identity">{t('verify.identity')}</label>
          <textarea id="verify-identity" rows={3} value={identity} onChange={(event) => setIdentity(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="verify-passphrase">{t('verify.passphrase')}</label>
          <input id="verify-passphrase" type="password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="verify-signer">{t('verify.signer')}</label>
          <input id="verify-signer" value={signer} onChange={(event) => setSigner(event.target.value)} aria-describedby="verify-signer-help" />
          <p id="verify-signer-help" className="help">
            {t('verify.signerHelp')}
          </p>
        </div>
        <ErrorNotice error={error} />
        <button type="submit" className="primary" disabled={!ready || busy}>
          {busy ? t('verify.working') : t('verify.submit')}
        </button>
      </form>
      {verdict ? (
        <section className={`notice ${verdict.ok ? 'notice-success' : 'notice-error'} section`} role="status" aria-live="polite">
          <h2>{verdict.ok ? t('verify.ok') : t('verify.notOk')}</h2>
          {verdict.problems.length > 0 ? (
            <ul>
              {verdict.problems.map((problem, i) => (
                <li key={i}>
                  <TechnicalText summary={t(`verify.problem.${problem.code}`)} technical={problem.message} />
                </li>
              ))}
            </ul>
          ) : null}
          {verdict.case ? <p>{t('verify.case', { id: verdict.case.id, pseudonym: verdict.case.pseudonym })}</p> : null}
          {verdict.signer ? <p>{t('verify.signedBy', { fingerprint: verdict.signer.fingerprint })}</p> : null}
          {verdict.sealedFor ? <p>{t('verify.sealedFor', { recipients: [...verdict.sealedFor.recipients, ...(verdict.sealedFor.passphrase ? [t('verify.passphraseRecipient')] : [])].join(', ') })}</p> : null}
          <p>{t('verify.files', { verified: verdict.files.verified, expected: verdict.files.expected, excluded: verdict.files.excluded })}</p>
        </section>
      ) : null}
    </main>
  );
}
