// The overview above the case list: open cases, findings by severity (critical red, high orange, medium
// yellow, low blue), charts by category and by week (each with its figures as text for screen readers),
// the latest findings, how old the signatures are, and the forwarding outbox.
import { useEffect } from 'react';
import { Severity } from '../../src-shared/model.js';
import { ageInWords } from '../../src-shared/signature-info.js';
import { categoryLabel, formatDate, useLanguage, useT } from '../i18n/i18n.js';
import { useDashboard } from '../stores/dashboard.js';
import { useSession } from '../stores/session.js';
import { ErrorNotice } from './ErrorNotice.js';
import { TechnicalText } from './TechnicalText.js';

const ORDER = Severity.options;
const COLORS: Record<Severity, string> = { critical: 'var(--severity-critical)', high: 'var(--severity-high)', medium: 'var(--severity-medium)', low: 'var(--severity-low)' };

export function Dashboard() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const openCase = useSession((s) => s.openCase);
  const summary = useDashboard((s) => s.summary);
  const error = useDashboard((s) => s.error);
  useEffect(() => {
    void useDashboard.getState().load();
    // The outbox moves on its own (deliveries, retries): its tile follows.
    return useDashboard.getState().follow();
  }, []);
  if (error) return <ErrorNotice error={error} />;
  if (!summary) return null;
  const weekName = (week: string) => {
    const [year, number] = week.split('-W');
    return t('dashboard.week', { week: Number(number), year: year ?? '' });
  };
  const total = ORDER.reduce((sum, severity) => sum + summary.bySeverity[severity], 0);
  // The signatures are as old as their oldest list: the one to update first.
  const oldest = summary.signatures.lists[0];
  const maxCategory = Math.max(1, ...summary.byCategory.map((item) => item.count));
  const maxWeek = Math.max(1, ...summary.byWeek.map((week) => ORDER.reduce((sum, severity) => sum + week[severity], 0)));
  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">{t('dashboard.title')}</h2>
      <div className="tiles">
        <div className="tile">
          <span className="tile-figure">{summary.openCases}</span> {t('dashboard.openCases')}
        </div>
        {ORDER.map((severity) => (
          <div key={severity} className="tile" style={{ borderTopColor: COLORS[severity] }}>
            <span className="tile-figure">{summary.bySeverity[severity]}</span> {t(`severity.${severity}`)}
          </div>
        ))}
        <div className="tile">
          {oldest && oldest.ageDays !== null ? (
            <>
              {t('dashboard.oldestList', { name: oldest.name, age: ageInWords(oldest.ageDays, language) })}
              <div className="help">{t('dashboard.lists', { count: summary.signatures.lists.length })}</div>
            </>
          ) : (
            <>
              {t('dashboard.signatures', { version: summary.signatures.version })}
              <div className="help">{summary.signatures.ageDays === null ? '' : t('dashboard.age', { days: summary.signatures.ageDays })}</div>
            </>
          )}
        </div>
        <div className="tile">
          {summary.outbox.enabled ? t('dashboard.outbox', { pending: summary.outbox.pending }) : t('dashboard.outboxOff')}
          {summary.outbox.lastError ? <TechnicalText className="problem" summary={t('forwarding.lastError')} technical={summary.outbox.lastError} /> : null}
        </div>
      </div>
      {total > 0 ? (
        <div className="charts">
          <figure>
            <figcaption>{t('dashboard.byCategory')}</figcaption>
            <ul className="bars">
              {summary.byCategory.map((item) => (
                <li key={item.category}>
                  <span className="bar-label">{categoryLabel(t, item.category)}</span>
                  <span className="bar" style={{ width: `${(item.count / maxCategory) * 100}%` }} aria-hidden="true" />
                  <span className="bar-value">{item.count}</span>
                </li>
              ))}
            </ul>
          </figure>
          <figure>
            <figcaption>{t('dashboard.byWeek')}</figcaption>
            <svg className="week-chart" viewBox={`0 0 ${summary.byWeek.length * 24} 100`} role="img" aria-label={summary.byWeek.map((week) => `${weekName(week.week)}: ${ORDER.map((severity) => `${week[severity]} ${t(`severity.${severity}`)}`).join(', ')}`).join('; ')}>
              {summary.byWeek.map((week, i) => {
                let y = 100;
                return ORDER.slice()
                  .reverse()
                  .map((severity) => {
                    const height = (week[severity] / maxWeek) * 96;
                    y -= height;
                    return height > 0 ? (
                      <rect key={severity} x={i * 24 + 4} y={y} width={16} height={height} fill={COLORS[severity]}>
                        <title>{`${weekName(week.week)} — ${t(`severity.${severity}`)}: ${week[severity]}`}</title>
                      </rect>
                    ) : null;
                  });
              })}
            </svg>
            <div className="help">
              {weekName(summary.byWeek[0]?.week ?? '')} → {weekName(summary.byWeek.at(-1)?.week ?? '')}
            </div>
            <ul className="legend" aria-hidden="true">
              {ORDER.map((severity) => (
                <li key={severity}>
                  <span className="swatch" style={{ background: COLORS[severity] }} /> {t(`severity.${severity}`)}
                </li>
              ))}
            </ul>
          </figure>
        </div>
      ) : null}
      {summary.recent.length > 0 ? (
        <>
          <h3>{t('dashboard.recent')}</h3>
          <ul className="recent">
            {summary.recent.map((item) => (
              <li key={item.findingId}>
                <span className={`severity severity-${item.severity}`}>{t(`severity.${item.severity}`)}</span> <bdi>{item.title[language]}</bdi> —{' '}
                <button type="button" className="link" onClick={() => openCase(item.caseId)}>
                  {item.pseudonym}
                </button>{' '}
                <span className="help">{formatDate(item.createdAt, language)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
