// One case: connect a phone (or the demo phone, for training), scan it with visible progress, read the
// findings in plain language — most severe first, what to do and what to be careful about, the technical
// evidence one click away — review them, and seal an evidence bundle for a lawyer.
import { useCallback, useEffect, useRef, useState } from 'react';
import { verifyCommand, type ArtifactClass } from '../../src-shared/bundle.js';
import type { FindingFilter } from '../../src-shared/findings-page.js';
import { Severity, type Finding, type Platform } from '../../src-shared/model.js';
import { api } from '../api/context.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { CaseSummaryPanel } from '../components/CaseSummaryPanel.js';
import { FindingReasons } from '../components/FindingReasons.js';
import { InstallTimelinePanel } from '../components/InstallTimelinePanel.js';
import { QuickExitButton } from '../components/QuickExitButton.js';
import { Tabs, tabPanelProps } from '../components/Tabs.js';
import { TechnicalText } from '../components/TechnicalText.js';
import { VirtualList } from '../components/VirtualList.js';
import { useLoaded } from '../components/use-action.js';
import { categoryLabel, formatDateTime, useLanguage, useT } from '../i18n/i18n.js';
import { useCaseView } from '../stores/case-view.js';
import { findingAt, useFindings } from '../stores/findings.js';
import { useSession } from '../stores/session.js';

const ORDER = Severity.options;
const CLASSES: ArtifactClass[] = ['apps', 'browsing-history', 'backup-files', 'listings', 'files'];

export function CaseView() {
  const t = useT();
  const { theCase, error } = useCaseView();
  const active = useFindings((s) => s.overview?.active ?? 0);
  const go = useSession((s) => s.go);
  const [exporting, setExporting] = useState(false);
  if (!theCase) {
    // Still loading, or the case could not be opened: then say why, with the way back.
    return (
      <main className="panel">
        {error ? (
          <>
            <h1>{t('case.cannotOpen')}</h1>
            <ErrorNotice error={error} />
            <button type="button" onClick={() => go('cases')}>
              {t('case.back')}
            </button>
          </>
        ) : (
          t('loading')
        )}
      </main>
    );
  }
  return (
    <main className="panel">
      <div className="toolbar">
        <h1>{t('case.title', { pseudonym: theCase.pseudonym })}</h1>
        <div className="toolbar-actions">
          <button type="button" onClick={() => setExporting(true)} disabled={active === 0}>
            {t('case.export')}
          </button>
          <button type="button" onClick={() => go('cases')}>
            {t('case.back')}
          </button>
        </div>
      </div>
      <p className="help">
        {t('case.id')} <span className="mono">{theCase.id}</span>
      </p>
      {theCase.status === 'closed' ? <ClosedCase /> : <Sources />}
      {/* Below the sources, next to the button that was pressed: what went wrong and what to do. */}
      <ErrorNotice error={error} />
      <ScanPanel />
      <CaseSummaryPanel />
      <FindingsSection />
      <InstallTimelinePanel />
      {exporting ? <ExportDialog onDone={() => setExporting(false)} /> : null}
    </main>
  );
}

/** A closed case takes no new evidence until it is reopened (it counts down to its purge). */
function ClosedCase() {
  const t = useT();
  const { reopen, busy } = useCaseView();
  return (
    <section className="section notice notice-warning">
      <p>{t('case.closedNotice')}</p>
      <button type="button" disabled={busy} onClick={() => void reopen()}>
        {t('case.reopen')}
      </button>
    </section>
  );
}

type Source = 'android' | 'iphone' | 'computer' | 'offline';
const SOURCES: Source[] = ['android', 'iphone', 'computer', 'offline'];

/** What to examine: an Android phone, an iPhone (backup or live), this computer, or an offline acquisition. */
function Sources() {
  const t = useT();
  const [source, setSource] = useState<Source>('android');
  return (
    <section aria-labelledby="sources-title" className="section">
      <h2 id="sources-title">{t('sources.title')}</h2>
      <Tabs id="source" label={t('sources.title')} items={SOURCES} selected={source} name={(item) => t(`sources.${item}`)} onSelect={setSource} />
      <div {...tabPanelProps('source', source)}>
        {source === 'android' ? <ConnectDevice /> : source === 'iphone' ? <IphonePanel /> : source === 'computer' ? <ComputerPanel /> : <OfflinePanel />}
      </div>
    </section>
  );
}

/**
 * Offered when a live scan stopped because the iPhone does not encrypt its backups: the advocate chooses a
 * password, confirms that this changes a setting on the phone, and the password is then used for the scan.
 */
function EnableEncryptionForm({ udid, onDone }: { udid: string; onDone: (password: string) => void }) {
  const t = useT();
  const { enableIosEncryption, busy } = useCaseView();
  const [password, setPassword] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [done, setDone] = useState(false);
  const acceptable = /^[\x20-\x7e]{4,255}$/.test(password);
  if (done) return <p className="notice" data-testid="encryption-enabled">{t('iphone.encryptionEnabled')}</p>;
  return (
    <form
      className="encryption-offer"
      data-testid="enable-encryption"
      onSubmit={(event) => {
        event.preventDefault();
        void enableIosEncryption(udid, password).then((ok) => {
          if (!ok) return;
          setDone(true);
          onDone(password);
        });
      }}
    >
      <p className="help">{t('iphone.encryptionOffer')}</p>
      <label htmlFor={`encryption-password-${udid}`}>{t('iphone.encryptionPassword')}</label>
      <input id={`encryption-password-${udid}`} type="password" autoComplete="off" value={password} onChange={(event) => setPassword(event.target.value)} />
      {password && !acceptable ? <p className="problem">{t('iphone.encryptionPasswordRule')}</p> : null}
      <label>
        <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} /> {t('iphone.encryptionConfirm')}
      </label>
      <button type="submit" className="primary" disabled={busy || !acceptable || !confirmed}>
        {t('iphone.encryptionEnable')}
      </button>
    </form>
  );
}

function IphonePanel() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { backups, iosDevices, listBackups, listIosDevices, scanBackup, scanIos, busy, scan, error } = useCaseView();
  const [folder, setFolder] = useState('');
  const [passwords, setPasswords] = useState<Record<string, string>>({});
  useEffect(() => {
    void listBackups();
    void listIosDevices();
  }, [listBackups, listIosDevices]);
  return (
    <div>
      <h3>{t('iphone.backups')}</h3>
      <p className="help">{t('iphone.backupsHelp')}</p>
      <div className="inline-form">
        <label htmlFor="backup-folder">{t('iphone.folder')}</label>
        <input id="backup-folder" value={folder} onChange={(event) => setFolder(event.target.value)} />
        <button type="button" disabled={busy} onClick={() => void listBackups(folder.trim() || undefined)}>
          {t('iphone.look')}
        </button>
      </div>
      {backups.length === 0 ? <p className="empty">{t('iphone.noBackup')}</p> : null}
      <ul className="devices">
        {backups.map((backup) => (
          <li key={backup.path} className="device">
            <strong>{backup.deviceName ?? 'iPhone'}</strong> {[backup.productType, backup.iosVersion ? `iOS ${backup.iosVersion}` : null].filter(Boolean).join(', ')}
            <p className="help mono">{backup.path}</p>
            {backup.problem ? (
              <TechnicalText className="problem" summary={t('iphone.backupUnusable')} technical={backup.problem} />
            ) : (
              <div className="inline-form">
                {backup.encrypted ? (
                  <>
                    <label htmlFor={`password-${backup.path}`}>{t('iphone.password')}</label>
                    <input id={`password-${backup.path}`} type="password" value={passwords[backup.path] ?? ''} onChange={(event) => setPasswords({ ...passwords, [backup.path]: event.target.value })} />
                  </>
                ) : null}
                <button type="button" className="primary" disabled={busy || scan !== null} onClick={() => void scanBackup(backup.path, passwords[backup.path] || undefined)}>
                  {t('iphone.scanBackup')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <h3>{t('iphone.live')}</h3>
      {iosDevices && iosDevices.devices.length > 0 ? (
        <ul className="devices">
          {iosDevices.devices.map((device) => (
            <li key={device.udid} className="device">
              <strong>{device.name ?? 'iPhone'}</strong> <span className="mono">{device.udid}</span>
              <p className="help">{device.guidance[language]}</p>
              {device.state === 'paired' ? (
                <div className="inline-form">
                  <label htmlFor={`live-password-${device.udid}`}>{t('iphone.livePassword')}</label>
                  <input id={`live-password-${device.udid}`} type="password" autoComplete="off" value={passwords[device.udid] ?? ''} onChange={(event) => setPasswords({ ...passwords, [device.udid]: event.target.value })} />
                  <button type="button" className="primary" disabled={busy || scan !== null} onClick={() => void scanIos(device.udid, passwords[device.udid] || undefined)}>
                    {t('iphone.scanLive')}
                  </button>
                </div>
              ) : null}
              {device.state === 'paired' && error?.code === 'ios.backup-not-encrypted' ? (
                <EnableEncryptionForm udid={device.udid} onDone={(password) => setPasswords({ ...passwords, [device.udid]: password })} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="notice notice-warning">{iosDevices?.guidance?.[language] ?? t('iphone.noDevice')}</p>
      )}
      <button type="button" disabled={busy} onClick={() => void listIosDevices()}>
        {t('connect.refresh')}
      </button>
    </div>
  );
}

function ComputerPanel() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { host, loadHostInfo, scanHost, busy, scan } = useCaseView();
  useEffect(() => {
    void loadHostInfo();
  }, [loadHostInfo]);
  return (
    <div>
      <p>{host ? host.guidance[language] : t('loading')}</p>
      {host?.platform ? (
        <button type="button" className="primary" disabled={busy || scan !== null} onClick={() => void scanHost()}>
          {t('computer.scan', { name: host.name })}
        </button>
      ) : null}
    </div>
  );
}

function OfflinePanel() {
  const t = useT();
  const { importAcquisition, busy, scan } = useCaseView();
  const [path, setPath] = useState('');
  return (
    <div>
      <p className="help">{t('offline.help')}</p>
      <div className="field">
        <label htmlFor="offline-path">{t('offline.path')}</label>
        <input id="offline-path" value={path} onChange={(event) => setPath(event.target.value)} />
      </div>
      <button type="button" className="primary" disabled={busy || scan !== null || path.trim() === ''} onClick={() => void importAcquisition(path.trim())}>
        {t('offline.import')}
      </button>
    </div>
  );
}

function ConnectDevice() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { devices, devicesError, demoProfiles, startDemo, scanAndroid, refreshDevices, busy, scan } = useCaseView();
  const [profile, setProfile] = useState('stalkerware');
  return (
    <div>
      <h3>{t('connect.title')}</h3>
      <p className="help">{t('connect.android')}</p>
      {devices && devices.devices.length > 0 ? (
        <ul className="devices">
          {devices.devices.map((device) => (
            <li key={device.serial} className="device">
              <span className="mono">{device.serial}</span> <span className="help">({t(`connect.transport.${device.transport}`)})</span>{' '}
              <span className={`status status-${device.state === 'device' ? 'open' : 'closed'}`}>{t(`connect.state.${device.state}`)}</span>
              <p className="help">{device.guidance[language]}</p>
              {device.state === 'unauthorized' && device.keyFingerprint ? (
                <p className="key-fingerprint">
                  {t('connect.fingerprint')}: <span className="mono">{device.keyFingerprint}</span>
                </p>
              ) : null}
              {device.state === 'device' ? (
                <button type="button" className="primary" disabled={busy || scan !== null} onClick={() => void scanAndroid(device.serial)}>
                  {t('connect.scan')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : devicesError ? (
        <ErrorNotice error={devicesError} />
      ) : (
        <TechnicalText className="notice notice-warning" summary={devices?.guidance?.[language] ?? t('connect.none')} technical={devices?.technical} />
      )}
      <div className="inline-form">
        <button type="button" onClick={() => void refreshDevices()} disabled={busy}>
          {t('connect.refresh')}
        </button>
      </div>
      <fieldset className="demo">
        <legend>{t('connect.demo.title')}</legend>
        <p className="help">{t('connect.demo.help')}</p>
        <div className="inline-form">
          <label htmlFor="demo-profile">{t('connect.demo.profile')}</label>
          <select id="demo-profile" value={profile} onChange={(event) => setProfile(event.target.value)}>
            {demoProfiles.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name[language]}
              </option>
            ))}
          </select>
          <button type="button" disabled={busy} onClick={() => void startDemo(profile)}>
            {t('connect.demo.start')}
          </button>
        </div>
      </fieldset>
    </div>
  );
}

function ScanPanel() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { scan, cancelScan, lastScan } = useCaseView();
  const active = useFindings((s) => s.overview?.active ?? 0);
  const heading = useRef<HTMLHeadingElement>(null);
  const [now, setNow] = useState(Date.now());
  // One clock per scan (not per progress event, which may come faster than it ticks).
  const scanId = scan?.scanId;
  useEffect(() => {
    if (!scanId) return;
    // The button that started the scan is now disabled: focus goes to the scan, which is what happens next.
    heading.current?.focus();
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [scanId]);
  if (!scan) {
    return lastScan ? (
      <p className="notice notice-success" role="status">
        {t('scan.done', { observations: lastScan.observations, created: lastScan.created })}
      </p>
    ) : null;
  }
  const fraction = (scan.index - 1 + (scan.fraction ?? 0)) / scan.total;
  // Detection during a scan adds and updates findings, and retires none until the end.
  const foundSoFar = Math.max(0, active - scan.activeBefore);
  const seconds = Math.max(0, Math.round((now - scan.startedAt) / 1000));
  return (
    <section aria-labelledby="scan-title" className="section scan">
      <h2 id="scan-title" ref={heading} tabIndex={-1}>
        {t('scan.title')}
      </h2>
      {/* What a screen reader announces: each new step and the count of findings, not every tick of the clock. */}
      <p className="visually-hidden" aria-live="polite">
        {scan.label[language]}. {t('scan.foundSoFar', { count: foundSoFar })}
      </p>
      <p>{t('scan.step', { index: scan.index, total: scan.total, label: scan.label[language] })}</p>
      <ol className="scan-steps" aria-label={t('scan.steps')}>
        {scan.steps.map((step) => {
          const current = step.step === scan.step;
          return (
            <li key={step.step} className={current ? 'scan-step-current' : 'scan-step-done'} aria-current={current ? 'step' : undefined}>
              <span aria-hidden="true">{current ? '▸' : '✓'}</span> {step.label[language]}
              <span className="visually-hidden"> — {t(current ? 'scan.stepCurrent' : 'scan.stepDone')}</span>
            </li>
          );
        })}
      </ol>
      {scan.total > scan.index ? <p className="help">{t('scan.stepsLeft', { count: scan.total - scan.index })}</p> : null}
      <progress max={1} value={fraction} aria-label={t('scan.progress')} aria-valuetext={`${Math.round(fraction * 100)}%`} />
      <p className="help">{t('scan.elapsed', { seconds })}</p>
      <p>{t('scan.foundSoFar', { count: foundSoFar })}</p>
      <button type="button" onClick={() => void cancelScan()}>
        {t('scan.cancel')}
      </button>
    </section>
  );
}

/** Up to this many findings are shown as full cards; more become a list that renders only what is in view. */
const CARD_LIMIT = 50;

function FindingsSection() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { overview, filter, total, pages, setFilter, need } = useFindings();
  const [selected, setSelected] = useState<string | null>(null);
  const onRange = useCallback((first: number, last: number) => need(first, last), [need]);
  // Until the overview comes, the first page unfiltered says how many there are.
  const active = overview?.active ?? (Object.keys(filter).length === 0 ? total : null);
  if (active === null) return null;
  const categories = Object.keys(overview?.byCategory ?? {}).sort();
  const platformList = Object.keys(overview?.byPlatform ?? {}).sort();
  const shown = total ?? 0;
  const firstPage = pages[0] ?? [];
  const chosen = Object.values(pages).flat().find((finding) => finding.id === selected) ?? firstPage[0] ?? null;
  const choose = (change: FindingFilter) => {
    setSelected(null);
    void setFilter(change);
  };
  return (
    <section aria-labelledby="findings-title" className="section">
      <h2 id="findings-title">{t('findings.title', { count: active })}</h2>
      {active === 0 ? <p className="empty">{t('findings.none')}</p> : null}
      {active > 1 ? (
        <div className="inline-form filters">
          <label htmlFor="filter-severity">{t('findings.filterSeverity')}</label>
          <select id="filter-severity" value={filter.severity ?? 'all'} onChange={(event) => choose(withOption(filter, 'severity', event.target.value as Severity | 'all'))}>
            <option value="all">{t('findings.allSeverities')}</option>
            {ORDER.map((value) => (
              <option key={value} value={value}>
                {t(`severity.${value}`)}
              </option>
            ))}
          </select>
          <label htmlFor="filter-category">{t('findings.filterCategory')}</label>
          <select id="filter-category" value={filter.category ?? 'all'} onChange={(event) => choose(withOption(filter, 'category', event.target.value))}>
            <option value="all">{t('findings.all')}</option>
            {categories.map((value) => (
              <option key={value} value={value}>
                {categoryLabel(t, value)}
              </option>
            ))}
          </select>
          {platformList.length > 1 ? (
            <>
              <label htmlFor="filter-platform">{t('findings.filterPlatform')}</label>
              <select id="filter-platform" value={filter.platform ?? 'all'} onChange={(event) => choose(withOption(filter, 'platform', event.target.value as Platform | 'all'))}>
                <option value="all">{t('findings.all')}</option>
                {platformList.map((value) => (
                  <option key={value} value={value}>
                    {t(`platform.${value as Platform}`)}
                  </option>
                ))}
              </select>
            </>
          ) : null}
          <span className="help" role="status">
            {total === null ? t('loading') : t('findings.shown', { shown, total: active })}
          </span>
        </div>
      ) : null}
      {total === null ? null : shown <= CARD_LIMIT ? (
        <ol className="findings">
          {firstPage.map((finding) => (
            <li key={finding.id}>
              <FindingCard finding={finding} />
            </li>
          ))}
        </ol>
      ) : (
        <div className="findings-split">
          <VirtualList
            count={shown}
            itemAt={(index) => findingAt(pages, index)}
            onRange={onRange}
            rowHeight={56}
            height={480}
            label={t('findings.title', { count: shown })}
            renderRow={(finding) =>
              finding ? (
                <button type="button" className={`finding-row finding-${finding.severity}`} aria-pressed={chosen?.id === finding.id} onClick={() => setSelected(finding.id)}>
                  <span className={`severity severity-${finding.severity}`}>{t(`severity.${finding.severity}`)}</span> <span className="finding-row-title">{finding.title[language]}</span>
                </button>
              ) : (
                <button type="button" className="finding-row" aria-busy="true">
                  {t('loading')}
                </button>
              )
            }
          />
          <div className="finding-detail">{chosen ? <FindingCard finding={chosen} /> : null}</div>
        </div>
      )}
    </section>
  );
}

/** The filter with one choice changed (`all` removes it). */
function withOption<K extends keyof FindingFilter>(filter: FindingFilter, key: K, value: FindingFilter[K] | 'all'): FindingFilter {
  const next = { ...filter };
  if (value === 'all') delete next[key];
  else next[key] = value as FindingFilter[K];
  return next;
}

function FindingCard({ finding }: { finding: Finding }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const review = useCaseView((s) => s.review);
  const [dismissing, setDismissing] = useState(false);
  const [technicalOpen, setTechnicalOpen] = useState(false);
  const [note, setNote] = useState('');
  const titleId = `finding-${finding.id}`;
  const confirmed = finding.reviewStatus === 'confirmed';
  return (
    <article className={`finding finding-${finding.severity}`} aria-labelledby={titleId} data-finding-id={finding.id}>
      <h3 id={titleId}>
        <span className={`severity severity-${finding.severity}`}>{t(`severity.${finding.severity}`)}</span> {finding.title[language]}
      </h3>
      <FindingReasons finding={finding} />
      {finding.advice.length > 0 ? (
        <>
          <p>
            <strong>{t('finding.advice')}</strong>
          </p>
          <ol>
            {finding.advice.map((step, i) => (
              <li key={i}>{step[language]}</li>
            ))}
          </ol>
        </>
      ) : null}
      {finding.safety.length > 0 ? (
        <div className="notice notice-warning safety">
          <p>
            <strong>{t('finding.safety')}</strong> {finding.safety.map((item) => item[language]).join(' ')}
          </p>
        </div>
      ) : null}
      <details onToggle={(event) => setTechnicalOpen(event.currentTarget.open)}>
        <summary>{t('finding.technical')}</summary>
        <dl className="technical">
          <dt>{t('finding.rule')}</dt>
          <dd className="mono">
            {finding.ruleId} ({finding.ruleVersion})
          </dd>
          <dt>{t('finding.evidence')}</dt>
          <dd>{t('finding.evidenceCount', { observations: finding.observationIds.length, artifacts: finding.artifactSha256s.length })}</dd>
          {technicalOpen ? <FindingEvidence finding={finding} /> : null}
        </dl>
      </details>
      <div className="review">
        <span className={`status status-${finding.reviewStatus === 'new' ? 'closed' : 'open'}`}>{t(`review.${finding.reviewStatus}`)}</span>
        {finding.reviewNote ? <span className="help"> — {finding.reviewNote}</span> : null}
        <div className="inline-form">
          {/* aria-disabled, not disabled: the button keeps the keyboard focus once the finding is confirmed. */}
          <button type="button" onClick={() => void (confirmed ? undefined : review(finding.id, 'confirmed'))} aria-disabled={confirmed}>
            {t('review.confirm')}
          </button>
          <button type="button" onClick={() => setDismissing(!dismissing)} aria-expanded={dismissing}>
            {t('review.dismiss')}
          </button>
        </div>
        {dismissing ? (
          <div className="field">
            <label htmlFor={`note-${finding.id}`}>{t('review.note')}</label>
            <textarea id={`note-${finding.id}`} value={note} onChange={(event) => setNote(event.target.value)} rows={2} />
            <button
              type="button"
              disabled={note.trim() === ''}
              onClick={async () => {
                await review(finding.id, 'dismissed', note.trim());
                setDismissing(false);
              }}
            >
              {t('review.dismissWithNote')}
            </button>
          </div>
        ) : null}
      </div>
    </article>
  );
}

/** What the finding rests on, read when its technical details are opened: each observation, each artifact and where it was read. */
function FindingEvidence({ finding }: { finding: Finding }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  // Read again when the finding's evidence changes (a scan going on).
  const { value: evidence, error: failed } = useLoaded(() => api().invoke('findings.evidence', { findingId: finding.id }), `${finding.id}:${finding.observationIds.join()}`);
  const capturesOf = (sha: string) => evidence?.captures.filter((capture) => capture.sha256 === sha) ?? [];
  return (
    <>
      {failed ? (
        <dd>
          <ErrorNotice error={failed} />
        </dd>
      ) : null}
      {evidence ? (
        <dd>
          <ul className="observations">
            {evidence.observations.map((observation) => (
              <li key={observation.id}>
                <span className="mono">
                  #{observation.id} {observation.kind} — {observation.subject}
                </span>
                {/* Scrolls when long: focusable, so the keyboard can scroll it too. */}
                <pre className="mono observation-data" tabIndex={0} role="region" aria-label={`${observation.kind} — ${observation.subject}`}>
                  {JSON.stringify(observation.data, null, 1)}
                </pre>
              </li>
            ))}
          </ul>
        </dd>
      ) : null}
      <dt>{t('finding.artifacts')}</dt>
      {finding.artifactSha256s.map((sha) => (
        <dd key={sha}>
          <span className="mono hash">{sha}</span>
          {capturesOf(sha).map((capture) => (
            <span key={capture.id} className="help mono">
              {' '}
              — {capture.command ?? capture.path ?? capture.source}, {t('finding.capturedAt', { date: formatDateTime(capture.capturedAt, language) })}
            </span>
          ))}
        </dd>
      ))}
    </>
  );
}

function ExportDialog({ onDone }: { onDone: () => void }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { exportBundle, resetExport, exported, busy, error, theCase, exportProgress } = useCaseView();
  const dialog = useRef<HTMLDialogElement>(null);
  const [out, setOut] = useState('');
  const [recipients, setRecipients] = useState('');
  const [usePassphrase, setUsePassphrase] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [redact, setRedact] = useState(false);
  const [exclude, setExclude] = useState<ArtifactClass[]>([]);
  useEffect(() => {
    // A fresh dialog each time: the last export's result or error is not this one's.
    resetExport();
    const opened = dialog.current;
    opened?.showModal();
    return () => opened?.close();
  }, [resetExport]);
  const keys = recipients.split('\n').map((line) => line.trim()).filter(Boolean);
  const described = useRecipientFingerprints(keys);
  const ready = out.trim() !== '' && (keys.length > 0 || (usePassphrase && passphrase.length >= 12));
  return (
    <dialog
      ref={dialog}
      className="dialog wide"
      aria-labelledby="export-title"
      onCancel={(event) => {
        // Esc while sealing would hide the progress of an export that goes on: it waits for the end.
        event.preventDefault();
        if (!busy) onDone();
      }}
    >
      <div className="dialog-top">
        <h2 id="export-title">{t('export.title', { pseudonym: theCase?.pseudonym ?? '' })}</h2>
        <QuickExitButton />
      </div>
      <p className="help">{t('export.help')}</p>
      {exported ? (
        <div className="notice notice-success" role="status">
          <p>{t('export.done', { path: exported.path, size: exported.size })}</p>
          <p>
            {t('export.hash')} <span className="mono hash">{exported.sha256}</span>
          </p>
          <p>{t('export.installation', { fingerprint: exported.installationFingerprint })}</p>
          <p>{t(exported.recipients.length > 0 ? 'export.lawyer' : 'export.lawyerPassphrase')}</p>
          <pre className="mono command">{verifyCommand(exported, t('export.identityFile'))}</pre>
          <div className="dialog-actions">
            <button type="button" className="primary" autoFocus onClick={onDone}>
              {t('export.close')}
            </button>
          </div>
        </div>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void exportBundle({ out: out.trim(), recipients: keys, ...(usePassphrase ? { passphrase } : {}), exclude, redact, language });
          }}
        >
          <div className="field">
            <label htmlFor="export-recipients">{t('export.recipients')}</label>
            <textarea id="export-recipients" rows={3} value={recipients} onChange={(event) => setRecipients(event.target.value)} aria-describedby="export-recipients-help" />
            <p id="export-recipients-help" className="help">
              {t('export.recipientsHelp')}
            </p>
            {described.length > 0 ? (
              <ul className="recipients" aria-live="polite">
                {described.map((key) => (
                  <li key={key.line} className={key.fingerprint ? undefined : 'problem'}>
                    {key.fingerprint ? t('export.recipientKey', { label: key.label || t('export.noLabel'), fingerprint: key.fingerprint }) : t('export.notAKey', { start: key.line.slice(0, 24) })}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={usePassphrase} onChange={(event) => setUsePassphrase(event.target.checked)} />
            <span>{t('export.usePassphrase')}</span>
          </label>
          {usePassphrase ? (
            <div className="field">
              <label htmlFor="export-passphrase">{t('export.passphrase')}</label>
              <input id="export-passphrase" type="password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} autoComplete="new-password" />
            </div>
          ) : null}
          <label className="checkbox">
            <input type="checkbox" checked={redact} onChange={(event) => setRedact(event.target.checked)} />
            <span>{t('export.redact')}</span>
          </label>
          <fieldset>
            <legend>{t('export.include')}</legend>
            {CLASSES.map((name) => (
              <label key={name} className="checkbox">
                <input type="checkbox" checked={!exclude.includes(name)} onChange={(event) => setExclude(event.target.checked ? exclude.filter((item) => item !== name) : [...exclude, name])} />
                <span>{t(`export.class.${name}`)}</span>
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="export-out">{t('export.out')}</label>
            <input id="export-out" value={out} onChange={(event) => setOut(event.target.value)} placeholder="/media/usb/case.sntl" />
          </div>
          {exportProgress !== null ? <progress max={1} value={exportProgress} aria-label={t('export.working')} aria-valuetext={`${Math.round(exportProgress * 100)}%`} /> : null}
          <ErrorNotice error={error} />
          <div className="dialog-actions">
            <button type="submit" className="primary" disabled={!ready || busy || described.some((key) => !key.fingerprint)}>
              {busy ? t('export.working') : t('export.seal')}
            </button>
            <button type="button" onClick={onDone} disabled={busy}>
              {t('export.cancel')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

interface DescribedKey {
  line: string;
  label: string;
  /** Null when the line is not a recipient key. */
  fingerprint: string | null;
}

/** Each pasted key line with its owner's label and fingerprint, to compare aloud with them before sealing. */
function useRecipientFingerprints(lines: readonly string[]): DescribedKey[] {
  const describe = (line: string): Promise<DescribedKey> =>
    api()
      .invoke('keys.describe', { publicKey: line.slice(0, 1000) })
      .then(
        (key) => ({ line, label: key.label, fingerprint: key.fingerprint }),
        () => ({ line, label: '', fingerprint: null }),
      );
  return useLoaded(() => Promise.all(lines.map(describe)), lines.join('\n')).value ?? [];
}
