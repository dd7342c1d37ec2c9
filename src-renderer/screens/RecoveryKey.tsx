// Shown once, right after the vault is created: the recovery key — to print with the system's print dialog
// or copy by hand — and a check that it was copied right (two of its groups typed back) before going on.
import { Fragment, useMemo, useState } from 'react';
import { PrintArea, printNow } from '../components/PrintArea.js';
import { useT } from '../i18n/i18n.js';
import { useSession } from '../stores/session.js';
import { usePick } from '../stores/pick.js';

/** A group of the key as typed back: case, spaces and dashes do not matter. */
const normal = (text: string) => text.replace(/[\s-]/g, '').toUpperCase();

export function RecoveryKey() {
  const t = useT();
  const { recoveryKey, acknowledgeRecoveryKey } = usePick(useSession, 'recoveryKey', 'acknowledgeRecoveryKey');
  const groups = useMemo(() => (recoveryKey ?? '').split('-').filter(Boolean), [recoveryKey]);
  // Two groups to type back, chosen at random, one in each half of the key.
  const asked = useMemo(() => {
    const half = Math.max(1, Math.floor(groups.length / 2));
    const first = Math.floor(Math.random() * half);
    const second = half + Math.floor(Math.random() * Math.max(1, groups.length - half));
    return [first, Math.min(second, groups.length - 1)];
  }, [groups]);
  const [typed, setTyped] = useState<Record<number, string>>({});
  const checked = groups.length > 0 && asked.every((index) => normal(typed[index] ?? '') === normal(groups[index] ?? ''));
  return (
    <main className="panel narrow">
      <h1>{t('recovery.title')}</h1>
      <p>{t('recovery.intro')}</p>
      <p className="notice notice-warning">{t('recovery.advice')}</p>
      <figure className="recovery-key">
        <figcaption>{t('recovery.keyLabel')}</figcaption>
        {/* Each group numbered under it, so that "group 5" is found at a glance (the numbers are not part of the key). */}
        <code data-testid="recovery-key" translate="no">
          {groups.map((group, index) => (
            <Fragment key={index}>
              {index > 0 ? '-' : null}
              <span className="key-group" data-number={index + 1}>
                {group}
              </span>
            </Fragment>
          ))}
        </code>
      </figure>
      <div className="form-actions">
        <button type="button" onClick={printNow}>
          {t('recovery.print')}
        </button>
      </div>
      <fieldset className="recovery-check">
        <legend>{t('recovery.check')}</legend>
        {asked.map((index) => (
          <div key={index} className="field">
            <label htmlFor={`recovery-group-${index}`}>{t('recovery.group', { number: index + 1 })}</label>
            <input
              id={`recovery-group-${index}`}
              data-group={index}
              autoComplete="off"
              spellCheck={false}
              value={typed[index] ?? ''}
              aria-invalid={(typed[index] ?? '') !== '' && normal(typed[index]!) !== normal(groups[index] ?? '') ? true : undefined}
              onChange={(event) => setTyped({ ...typed, [index]: event.target.value })}
            />
          </div>
        ))}
        {checked ? (
          <p className="notice notice-success" role="status">
            {t('recovery.checked')}
          </p>
        ) : null}
      </fieldset>
      <button type="button" className="primary" disabled={!checked} onClick={acknowledgeRecoveryKey}>
        {t('recovery.continue')}
      </button>
      <PrintArea label={t('recovery.keyLabel')}>
        <article className="handover-sheet">
          <h1>{t('recovery.printTitle')}</h1>
          <p>{t('recovery.intro')}</p>
          <p className="mono big">{recoveryKey}</p>
          <p>{t('recovery.advice')}</p>
        </article>
      </PrintArea>
    </main>
  );
}
