// The case list: filter open/closed/all, open a new case, close a case (after a confirmation that says
// when it will be deleted for good), lock the vault. Shows the custody alarm and retention notices.
import { useEffect, useRef, useState } from 'react';
import type { Case } from '../../src-shared/model.js';
import { Dashboard } from '../components/Dashboard.js';
import { QuickExitButton } from '../components/QuickExitButton.js';
import { Tabs, tabPanelProps } from '../components/Tabs.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { formatDate, formatDateTime, useLanguage, useT } from '../i18n/i18n.js';
import { useCases, type CaseFilter } from '../stores/cases.js';
import { useSession } from '../stores/session.js';
import { usePick } from '../stores/pick.js';

const FILTERS: CaseFilter[] = ['open', 'closed', 'all'];
const DAY_MS = 24 * 60 * 60 * 1000;

export function CaseList() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { cases, filter, load, notice, error, settings } = usePick(useCases, 'cases', 'filter', 'load', 'notice', 'error', 'settings');
  const { go, lock, custodyAlarm, purgedCount, failedUnlocks, openCase } = usePick(useSession, 'go', 'lock', 'custodyAlarm', 'purgedCount', 'failedUnlocks', 'openCase');
  const [closing, setClosing] = useState<Case | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <main className="panel">
      {custodyAlarm?.brokenAt ? (
        <section className="notice notice-alarm" role="alert">
          <h2>{t('custody.broken.title')}</h2>
          <p>
            {t('custody.broken.body', {
              seq: custodyAlarm.brokenAt.seq,
              action: custodyAlarm.brokenAt.action,
              recordedAt: formatDate(custodyAlarm.brokenAt.recordedAt, language),
            })}
          </p>
        </section>
      ) : null}
      {failedUnlocks ? (
        <section className="notice notice-alarm" role="alert" data-testid="failed-unlocks">
          <h2>{t('failedUnlocks.title', { count: failedUnlocks.count })}</h2>
          <p>
            {failedUnlocks.times.length > 0
              ? t('failedUnlocks.when', { first: formatDateTime(failedUnlocks.times[0]!, language), last: formatDateTime(failedUnlocks.times.at(-1)!, language) })
              : null}{' '}
            {t('failedUnlocks.advice')}
          </p>
        </section>
      ) : null}
      {purgedCount > 0 ? <p className="notice">{t('purged.notice', { count: purgedCount })}</p> : null}

      <div className="toolbar">
        <h1>{t('cases.title')}</h1>
        <div className="toolbar-actions">
          <button type="button" className="primary" onClick={() => go('new-case')}>
            {t('cases.new')}
          </button>
          <button type="button" onClick={() => go('settings')}>
            {t('cases.settings')}
          </button>
          <button type="button" onClick={() => go('verify')}>
            {t('cases.verify')}
          </button>
          <button type="button" onClick={() => void lock('user')}>
            {t('cases.lock')}
          </button>
        </div>
      </div>

      {notice ? (
        <p className="notice notice-success" role="status">
          {notice.kind === 'created'
            ? t('cases.created', { pseudonym: notice.item.pseudonym, id: notice.item.id })
            : t('cases.closedNotice', { pseudonym: notice.item.pseudonym, date: formatDate(notice.item.purgeAfter, language) })}
        </p>
      ) : null}
      <ErrorNotice error={error} />

      <Tabs id="cases" label={t('cases.title')} items={FILTERS} selected={filter} name={(value) => t(`cases.filter.${value}`)} onSelect={(value) => void load(value)} />

      <div {...tabPanelProps('cases', filter)}>
      {cases.length === 0 ? (
        <p className="empty">{t('cases.empty')}</p>
      ) : (
        <div className="table-frame">
        <table className="cases">
          <thead>
            <tr>
              <th scope="col">{t('cases.column.pseudonym')}</th>
              <th scope="col">{t('cases.column.outcome')}</th>
              <th scope="col">{t('cases.column.examined')}</th>
              <th scope="col">{t('cases.column.status')}</th>
              <th scope="col">{t('cases.column.created')}</th>
              <th scope="col">{t('cases.column.closed')}</th>
              <th scope="col">{t('cases.column.label')}</th>
              <th scope="col">{t('cases.column.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((item) => (
              <tr key={item.id} data-case-id={item.id}>
                <th scope="row">
                  {item.pseudonym}
                  <div className="help mono">{item.id}</div>
                </th>
                <td>
                  <span className={`outcome outcome-${item.outcome}`}>{t(`cases.outcome.${item.outcome}`)}</span>
                </td>
                <td>{item.lastExaminedAt ? formatDate(item.lastExaminedAt, language) : '—'}</td>
                <td>
                  <span className={`status status-${item.status}`}>{t(`cases.status.${item.status}`)}</span>
                </td>
                <td>{formatDate(item.createdAt, language)}</td>
                <td>
                  {formatDate(item.closedAt, language)}
                  {item.purgeAfter ? <div className="help">{t('cases.purgeOn', { date: formatDate(item.purgeAfter, language) })}</div> : null}
                </td>
                <td>{item.label}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => openCase(item.id)} aria-label={`${t('cases.open')} ${item.pseudonym}`}>
                    {t('cases.open')}
                  </button>
                  {item.status === 'open' ? (
                    <button type="button" onClick={() => setClosing(item)} aria-label={`${t('cases.close')} ${item.pseudonym}`}>
                      {t('cases.close')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      </div>
      {/* The network-wide view comes after her cases: what she came for is the list. */}
      <Dashboard />
      {closing ? <CloseCaseDialog item={closing} retentionDays={settings?.retentionDays ?? 90} onDone={() => setClosing(null)} /> : null}
    </main>
  );
}

function CloseCaseDialog({ item, retentionDays, onDone }: { item: Case; retentionDays: number; onDone: () => void }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const close = useCases((s) => s.close);
  const busy = useCases((s) => s.busy);
  const dialog = useRef<HTMLDialogElement>(null);
  const purgeDate = new Date(Date.now() + retentionDays * DAY_MS).toISOString();

  useEffect(() => {
    const opened = dialog.current;
    opened?.showModal();
    // Closed when it goes, so the focus returns to the button that opened it.
    return () => opened?.close();
  }, []);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="close-case-title" onCancel={onDone}>
      <div className="dialog-top">
        <h2 id="close-case-title">{t('closeCase.title', { pseudonym: item.pseudonym })}</h2>
        <QuickExitButton />
      </div>
      <p>{t('closeCase.body', { days: retentionDays, date: formatDate(purgeDate, language) })}</p>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onDone}>
          {t('closeCase.cancel')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={async () => {
            await close(item.id);
            onDone();
          }}
        >
          {t('closeCase.confirm')}
        </button>
      </div>
    </dialog>
  );
}
