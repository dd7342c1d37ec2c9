// Opening and checking an evidence bundle received (from another shelter, or sent back by a lawyer): the
// bundle chosen with the system's Open dialog (or the browser's picker), opened with the passphrase or a
// secret key file chosen as a file (its content never shown), and who should have made it. The verdict says
// exactly what holds and what does not, names the recipients by their label when known, and a verified
// bundle's report opens here.
import { useEffect, useState } from 'react';
import { fingerprintOfDigest } from '../../src-shared/fingerprint.js';
import { readSecretKeyFile } from '../../src-shared/recipient-key-file.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { FileChooser } from '../components/FileChooser.js';
import { FilePicker } from '../components/FilePicker.js';
import { PrintArea, printNow } from '../components/PrintArea.js';
import { ReportView } from '../components/ReportView.js';
import { TechnicalText } from '../components/TechnicalText.js';
import { useT } from '../i18n/i18n.js';
import { useVerifying } from '../stores/bundles.js';
import { usePick } from '../stores/pick.js';
import { useSession } from '../stores/session.js';

interface ChosenKey {
  text: string;
  label: string;
  fingerprint: string | null;
}

export function VerifyBundle() {
  const t = useT();
  const go = useSession((s) => s.go);
  const { verify, verdict, busy, error, forget } = usePick(useVerifying, 'verify', 'verdict', 'busy', 'error', 'forget');
  const [bundle, setBundle] = useState<File | null>(null);
  const [key, setKey] = useState<ChosenKey | null>(null);
  const [keyProblem, setKeyProblem] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [signer, setSigner] = useState('');
  const [reading, setReading] = useState(false);
  useEffect(() => forget, [forget]);
  const ready = bundle !== null && (key !== null || passphrase !== '');
  const nameOf = (fingerprint: string) => (key?.fingerprint && key.fingerprint === fingerprint.toUpperCase() ? t('verify.yourKey', { label: key.label || t('export.noLabel'), fingerprint }) : fingerprint);
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
          if (!bundle || !ready) return;
          setReading(false);
          await verify({ bundle, ...(key ? { identity: key.text } : { passphrase }), ...(signer.trim() ? { signer: signer.trim() } : {}) });
        }}
      >
        <div className="field" role="group" aria-labelledby="verify-file-label">
          <span id="verify-file-label" className="label">
            {t('verify.file')}
          </span>
          <div className="inline-form">
            <FileChooser label={t('verify.chooseBundle')} accept=".sntl,application/octet-stream" disabled={busy} onChoose={(chosen) => typeof chosen !== 'string' && setBundle(chosen[0] ?? null)} />
            <span className="help" data-testid="chosen-bundle">
              {bundle ? bundle.name : t('file.none')}
            </span>
          </div>
        </div>
        <div className="field">
          <label htmlFor="verify-passphrase">{t('verify.passphrase')}</label>
          <input id="verify-passphrase" type="password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} autoComplete="off" disabled={key !== null} />
        </div>
        <FilePicker
          label={t('verify.identity')}
          help={t('verify.identityHelp')}
          accept=".key,.json"
          disabled={busy}
          onPick={async ([file]) => {
            if (!file) return;
            const text = file.size <= 64 * 1024 ? await file.text() : '';
            const read = readSecretKeyFile(text);
            setKeyProblem(!read.ok);
            setKey(read.ok ? { text, label: read.label, fingerprint: await fingerprintOf(read.publicKey) } : null);
            if (read.ok) read.secretKey.fill(0);
          }}
        />
        {key ? <p className="help">{t('verify.keyChosen', { label: key.label || t('export.noLabel'), fingerprint: key.fingerprint ?? '' })}</p> : null}
        {keyProblem ? <p className="problem">{t('verify.notAKeyFile')}</p> : null}
        <div className="field">
          <label htmlFor="verify-signer">{t('verify.signer')}</label>
          <input id="verify-signer" value={signer} onChange={(event) => setSigner(event.target.value)} aria-describedby="verify-signer-help" autoComplete="off" spellCheck={false} />
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
        <section className={`notice ${verdict.ok ? 'notice-success' : 'notice-error'} section`} role="status" aria-live="polite" data-verdict={verdict.ok ? 'verified' : verdict.problems[0]?.code}>
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
          {verdict.sealedFor ? <p>{t('verify.sealedFor', { recipients: [...verdict.sealedFor.recipients.map(nameOf), ...(verdict.sealedFor.passphrase ? [t('verify.passphraseRecipient')] : [])].join(', ') })}</p> : null}
          <p>{t('verify.files', { verified: verdict.files.verified, expected: verdict.files.expected, excluded: verdict.files.excluded })}</p>
          {verdict.ok && verdict.reportHtml ? (
            <div className="dialog-actions">
              <button type="button" className="primary" onClick={() => setReading(!reading)} aria-expanded={reading}>
                {reading ? t('verify.hideReport') : t('verify.openReport')}
              </button>
              {reading ? (
                <button type="button" onClick={printNow}>
                  {t('preview.print')}
                </button>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}
      {reading && verdict?.reportHtml ? (
        <>
          <ReportView html={verdict.reportHtml} label={t('verify.reportLabel')} />
          <PrintArea label={t('verify.reportLabel')}>
            <ReportView html={verdict.reportHtml} label={t('verify.reportLabel')} />
          </PrintArea>
        </>
      ) : null}
    </main>
  );
}

/** A public key's fingerprint as read aloud (the page's own SHA-256: the key never leaves the page for this). */
async function fingerprintOf(publicKey: Uint8Array): Promise<string | null> {
  try {
    return fingerprintOfDigest(new Uint8Array(await crypto.subtle.digest('SHA-256', publicKey as BufferSource)));
  } catch {
    return null;
  }
}
