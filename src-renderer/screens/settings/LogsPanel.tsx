// The custody log (all cases or one) with whether its chain is intact, and the audit trail.
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useAction } from '../../components/use-action.js';
import { en, type MessageKey } from '../../i18n/en.js';
import { formatDateTime, useLanguage, useT, type Translate } from '../../i18n/i18n.js';
import { useLogs } from '../../stores/logs.js';
import { usePick } from '../../stores/pick.js';

/** A log entry's action in plain words (its code stays beside it, as recorded). */
function actionLabel(t: Translate, action: string): string {
  const key = `log.action.${action}`;
  return key in en ? t(key as MessageKey) : action;
}

export function LogsPanel() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { error, run } = useAction();
  const { custody, audit, cases, chain: report, loadOverview, loadCustody } = usePick(useLogs, 'custody', 'audit', 'cases', 'chain', 'loadOverview', 'loadCustody');
  const [caseId, setCaseId] = useState('');
  useEffect(() => {
    void run(loadOverview);
  }, []);
  useEffect(() => {
    void run(() => loadCustody(caseId || null));
  }, [caseId]);
  const chain = report ? (report.intact ? t('logs.intact', { entries: report.entries }) : t('logs.broken', { seq: report.brokenAt?.seq ?? 0 })) : null;
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
