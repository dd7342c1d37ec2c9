// Where and when each app of the case's Android phones came from: the apps installed in the weeks before
// the phone was first examined, newest first, with who installed each (in plain words), what asked for the
// install, and the profile it is in — the same timeline as the report's. Shown only when there is one.
import { installRequesters } from '../../src-shared/acquisition.js';
import { installSourceWords } from '../../src-shared/install-origins.js';
import { useLanguage, useT } from '../i18n/i18n.js';
import { useCaseView } from '../stores/case-view.js';
import { useFindings } from '../stores/findings.js';
import { ErrorNotice } from './ErrorNotice.js';
import { useLoaded } from './use-action.js';

export function InstallTimelinePanel() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const caseId = useCaseView((s) => s.theCase?.id ?? null);
  // Loaded again when a scan adds to the case.
  const active = useFindings((s) => s.overview?.active ?? 0);
  const version = `${active}:${useCaseView((s) => s.lastScan?.observations ?? '')}`;
  const installTimeline = useCaseView((s) => s.installTimeline);
  const { value: timelines, error } = useLoaded(() => installTimeline(), `${caseId}:${version}`);
  if (error) return <ErrorNotice error={error} />;
  const shown = (timelines ?? []).filter((timeline) => timeline.entries.length > 0);
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((timeline) => (
        <section key={timeline.deviceId} className="section" aria-labelledby={`timeline-${timeline.deviceId}`}>
          <h2 id={`timeline-${timeline.deviceId}`}>{t('timeline.title', { device: timeline.label })}</h2>
          <p className="help">{t('timeline.help', { from: timeline.from, to: timeline.to })}</p>
          <table className="timeline">
            <thead>
              <tr>
                <th scope="col">{t('timeline.when')}</th>
                <th scope="col">{t('timeline.app')}</th>
                <th scope="col">{t('timeline.installedBy')}</th>
                <th scope="col">{t('timeline.askedBy')}</th>
                <th scope="col">{t('timeline.profile')}</th>
              </tr>
            </thead>
            <tbody>
              {timeline.entries.map((entry) => {
                const asked = installRequesters(entry);
                return (
                  <tr key={`${entry.packageName}:${entry.profile?.id ?? 0}:${entry.event}:${entry.at}`}>
                    <td>
                      {entry.at} ({t(`timeline.${entry.event}`)})
                    </td>
                    <td>
                      {entry.label ?? entry.packageName}
                      {entry.label ? <span className="mono"> {entry.packageName}</span> : null}
                    </td>
                    <td>{installSourceWords(entry.installer)[language]}</td>
                    <td>{asked.map((name) => installSourceWords(name)[language]).join(' / ') || '—'}</td>
                    <td>{entry.profile ? entry.profile.name : t('timeline.owner')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
