// The printable report inside a bundle: one self-contained HTML page (no script, no external resource, a
// policy that forbids loading any), in English or French — a summary for a reader who is not technical (signs
// of stalkerware, apps to ask her about, or nothing found, and how sure), the verdicts by severity with their
// reasons and advice (the safety notes for the whole case said once, in the summary), the devices, the apps installed
// in the weeks before the examination, the method (what was read, with which command and collector version,
// and the checks applied), tool and signature versions, every artifact's hash, and the custody log.
import { printable } from '../../src-shared/printable.js';
import { installRequesters, PHONE_TRANSPORT_WORDS, PhoneTransport } from '../../src-shared/acquisition.js';
import { installSourceWords } from '../../src-shared/install-origins.js';
import { caseSafety, ownSafety } from '../../src-shared/advice.js';
import type { BundleManifest } from '../../src-shared/bundle.js';
import { CONSULTATION_RULE } from '../../src-shared/consultation.js';
import { Severity, type Finding, type LocalizedText } from '../../src-shared/model.js';
import { summarizeCase, verdictOf } from '../../src-shared/verdicts.js';
import { TIMELINE_WEEKS, type DeviceTimeline } from './install-timeline.js';
import { noRedaction, redactor, type Redactor } from './redact.js';
import { checksDoneSection, consultationSection } from './report-consultation.js';

type Language = 'en' | 'fr';

const WORDS = {
  title: { en: 'Device examination report', fr: 'Rapport d’examen d’appareil' },
  caseWord: { en: 'Case', fr: 'Dossier' },
  made: { en: 'Made on', fr: 'Établi le' },
  summary: { en: 'Summary', fr: 'Résumé' },
  noFinding: { en: 'No sign of surveillance software was found with the signatures and checks listed under “Method”. This does not prove that none is present.', fr: 'Aucun signe de logiciel de surveillance n’a été trouvé avec les signatures et vérifications listées sous « Méthode ». Cela ne prouve pas qu’il n’y en a aucun.' },
  someFindings: { en: 'Sentinelle found signs that deserve attention. Each one is explained below, with what to do and what to be careful about.', fr: 'Sentinelle a trouvé des signes qui méritent l’attention. Chacun est expliqué ci-dessous, avec ce qu’il faut faire et ce à quoi il faut faire attention.' },
  findings: { en: 'Findings', fr: 'Constats' },
  onDevices: { en: 'Found on the devices', fr: 'Trouvé sur les appareils' },
  withHer: { en: 'Found with her (her answers to the guided checks)', fr: 'Trouvé avec elle (ses réponses aux vérifications guidées)' },
  why: { en: 'Why it matters', fr: 'Pourquoi c’est important' },
  reasons: { en: 'Why: the reasons that point at this app', fr: 'Pourquoi : les raisons qui visent cette application' },
  certainty: { en: 'How sure', fr: 'Degré de certitude' },
  advice: { en: 'What to do', fr: 'Que faire' },
  safety: { en: 'Safety', fr: 'Sécurité' },
  evidence: { en: 'Evidence', fr: 'Preuves' },
  rule: { en: 'Found by', fr: 'Trouvé par' },
  reviewedConfirmed: { en: 'Reviewed with her: she did not set this up', fr: 'Vu avec elle : ce n’est pas elle qui l’a mis en place' },
  reviewedDismissed: { en: 'Reviewed with her: she knows it', fr: 'Vu avec elle : elle le connaît' },
  retired: { en: 'no longer found since', fr: 'plus trouvé depuis' },
  devices: { en: 'Devices examined', fr: 'Appareils examinés' },
  method: { en: 'Method', fr: 'Méthode' },
  methodText: {
    en: 'The device was read without changing it. Every output and file read was kept unaltered as an artifact, identified by its SHA-256 fingerprint, and recorded in a signed, hash-chained custody log. Findings come from signatures of known products, heuristics and custom rules applied to what was read.',
    fr: 'L’appareil a été lu sans être modifié. Chaque sortie et chaque fichier lus ont été conservés sans modification comme pièces, identifiées par leur empreinte SHA-256, et inscrits dans un journal de conservation signé et chaîné. Les constats viennent de signatures de produits connus, d’heuristiques et de règles personnalisées appliquées à ce qui a été lu.',
  },
  androidMethod: {
    en: 'Android phones were read over ADB (USB debugging) by Sentinelle’s own client: directly over USB or the network, or through an adb server already running on the computer. The phone asked to allow this computer and showed the fingerprint of its key, which the advocate compared with the one Sentinelle showed. Advocates are told to allow it without ticking “Always allow from this computer”, so that the phone keeps no lasting trace of the computer. Only commands from a fixed read-only list were sent, and nothing was installed on the phone.',
    fr: 'Les téléphones Android ont été lus par ADB (débogage USB) avec le client de Sentinelle : directement par USB ou par le réseau, ou par un serveur adb déjà lancé sur l’ordinateur. Le téléphone a demandé d’autoriser cet ordinateur et a affiché l’empreinte de sa clé, que l’intervenante a comparée à celle qu’affichait Sentinelle. Les intervenantes sont invitées à l’autoriser sans cocher « Toujours autoriser sur cet ordinateur », pour que le téléphone ne garde aucune trace durable de l’ordinateur. Seules des commandes d’une liste fixe de lecture ont été envoyées, et rien n’a été installé sur le téléphone.',
  },
  connections: { en: 'Connections to the phone', fr: 'Connexions au téléphone' },
  timeline: { en: `Apps installed in the ${TIMELINE_WEEKS} weeks before the examination`, fr: `Applications installées dans les ${TIMELINE_WEEKS} semaines avant l’examen` },
  timelineNote: {
    en: 'Newest first, with the phone’s own clock. Updates are listed only for apps that did not come from a store. “Asked by” is the app that started the install, “came from” the one the file came from (Android 11 and later).',
    fr: 'Du plus récent au plus ancien, selon l’horloge du téléphone. Les mises à jour ne sont listées que pour les applications qui ne viennent pas d’un magasin. « Demandée par » est l’application qui a lancé l’installation, « venue de » celle d’où venait le fichier (Android 11 et suivants).',
  },
  timelineEmpty: { en: 'No app was installed in this period.', fr: 'Aucune application n’a été installée pendant cette période.' },
  when: { en: 'When (phone time)', fr: 'Quand (heure du téléphone)' },
  app: { en: 'App', fr: 'Application' },
  installedBy: { en: 'Installed by', fr: 'Installée par' },
  askedBy: { en: 'Asked by / came from', fr: 'Demandée par / venue de' },
  profile: { en: 'Profile', fr: 'Profil' },
  installed: { en: 'installed', fr: 'installée' },
  updated: { en: 'updated', fr: 'mise à jour' },
  owner: { en: 'owner', fr: 'propriétaire' },
  whatWasRead: { en: 'What was read, and how', fr: 'Ce qui a été lu, et comment' },
  collector: { en: 'What was read', fr: 'Ce qui a été lu' },
  command: { en: 'Command sent to the phone', fr: 'Commande envoyée au téléphone' },
  version: { en: 'Version', fr: 'Version' },
  checks: { en: 'Checks applied', fr: 'Vérifications appliquées' },
  check: { en: 'What it looks for', fr: 'Ce qu’elle recherche' },
  keyFingerprint: { en: 'key fingerprint shown by the phone', fr: 'empreinte de clé affichée par le téléphone' },
  scans: { en: 'Scans', fr: 'Examens' },
  versions: { en: 'Tool and signature versions', fr: 'Versions de l’outil et des signatures' },
  artifacts: { en: 'Artifacts', fr: 'Pièces' },
  leftOut: { en: 'left out of this bundle', fr: 'non incluse dans ce paquet' },
  custody: { en: 'Chain of custody', fr: 'Chaîne de conservation' },
  installation: { en: 'Signed by installation', fr: 'Signé par l’installation' },
  redacted: { en: 'Names, phone numbers and e-mail addresses were removed from this report.', fr: 'Les noms, numéros de téléphone et adresses e-mail ont été retirés de ce rapport.' },
  observations: { en: 'observations', fr: 'observations' },
  examined: { en: 'What was examined', fr: 'Ce qui a été examiné' },
  examinedNothing: { en: 'No device was examined in this case.', fr: 'Aucun appareil n’a été examiné dans ce dossier.' },
  signaturesUsed: { en: 'Compared with', fr: 'Comparé avec' },
  reader: { en: 'Reader page for this release', fr: 'Page de lecture de cette version' },
  readerNote: {
    en: 'the SHA-256 of sentinelle-reader.html, the page that opens this bundle in a browser, as this version of Sentinelle ships it: compare it with the page you were given.',
    fr: 'l’empreinte SHA-256 de sentinelle-reader.html, la page qui ouvre ce lot dans un navigateur, telle que cette version de Sentinelle la fournit : comparez-la avec la page qui vous a été remise.',
  },
} satisfies Record<string, LocalizedText>;

/** How each kind of scan read its device, in words for the summary. */
const SCAN_KIND_WORDS: Record<string, LocalizedText> = {
  'android-adb': { en: 'Android phone read over USB debugging (ADB), read-only', fr: 'téléphone Android lu par le débogage USB (ADB), en lecture seule' },
  'android-androidqf': { en: 'Android acquisition made with androidqf, imported', fr: 'acquisition Android faite avec androidqf, importée' },
  'android-bugreport': { en: 'Android bug report, imported', fr: 'rapport de bogue Android, importé' },
  'ios-backup': { en: 'iPhone backup, read', fr: 'sauvegarde d’iPhone, lue' },
  'ios-live': { en: 'iPhone connected by cable, read through a fresh backup', fr: 'iPhone branché par câble, lu par une nouvelle sauvegarde' },
  host: { en: 'this computer: running programs and what starts automatically', fr: 'cet ordinateur : programmes en cours et ce qui démarre automatiquement' },
};

const SCAN_STATUS_WORDS: Record<string, LocalizedText> = {
  completed: { en: 'completed', fr: 'terminé' },
  interrupted: { en: 'interrupted', fr: 'interrompu' },
  cancelled: { en: 'cancelled', fr: 'annulé' },
  failed: { en: 'failed', fr: 'échoué' },
  running: { en: 'not finished', fr: 'non terminé' },
};

const SEVERITY: Record<Severity, LocalizedText> = {
  critical: { en: 'Critical', fr: 'Critique' },
  high: { en: 'High', fr: 'Élevée' },
  medium: { en: 'Medium', fr: 'Moyenne' },
  low: { en: 'Low', fr: 'Faible' },
};

/** A severity's badge: colours come from the page's style sheet (classes, no style attribute), so the report shows the same wherever a policy forbids inline styles. */
function badge(severity: Severity, lang: Language): string {
  return `<span class="badge sev-${severity}">${escape(SEVERITY[severity][lang])}</span>`;
}
const ORDER = Severity.options;

/** How each Android scan reached the phone, from the custody log (`scan.connection` entries). */
function connections(manifest: BundleManifest): { scanId: string; serial: string; transport: string; keyFingerprint: string | null; at: string }[] {
  return manifest.custody.entries
    .filter((entry) => entry.action === 'scan.connection')
    .map((entry) => ({
      scanId: String(entry.details.scanId ?? ''),
      serial: String(entry.details.serial ?? ''),
      transport: String(entry.details.transport ?? ''),
      keyFingerprint: typeof entry.details.keyFingerprint === 'string' ? entry.details.keyFingerprint : null,
      at: entry.recordedAt,
    }));
}

/** The collectors each scan ran and the heuristics applied, from the manifest's method (absent from older bundles). */
function methodTables(manifest: BundleManifest, lang: Language): string {
  const method = manifest.method;
  if (!method) return '';
  const byScan = new Map<string, typeof method.collectors>();
  for (const collector of method.collectors) byScan.set(collector.scanId, [...(byScan.get(collector.scanId) ?? []), collector]);
  const scans = [...byScan.entries()]
    .map(
      ([scanId, collectors]) => `<h3>${escape(WORDS.whatWasRead[lang])} — <code>${escape(scanId)}</code></h3>
<table><tr><th>${escape(WORDS.collector[lang])}</th><th>${escape(WORDS.command[lang])}</th><th>${escape(WORDS.version[lang])}</th></tr>
${collectors.map((collector) => `<tr><td>${escape(collector.description[lang])}</td><td>${collector.commands.map((command) => `<code>${escape(command)}</code>`).join('<br>')}</td><td>${escape(collector.id)} v${escape(collector.version)}</td></tr>`).join('\n')}</table>`,
    )
    .join('\n');
  const checks = method.heuristics.length === 0 ? '' : `<h3>${escape(WORDS.checks[lang])}</h3>
<table><tr><th>${escape(WORDS.check[lang])}</th><th>${escape(WORDS.version[lang])}</th></tr>
${method.heuristics.map((heuristic) => `<tr><td>${escape(heuristic.description[lang])}</td><td>${escape(heuristic.id)} v${escape(heuristic.version)}</td></tr>`).join('\n')}</table>`;
  return `${scans}\n${checks}`;
}

function timelineSection(timelines: readonly DeviceTimeline[], lang: Language, t: (text: string) => string): string {
  return timelines
    .map((timeline) => {
      const rows = timeline.entries.map((entry) => {
        const asked = installRequesters(entry);
        return `<tr><td>${escape(entry.at)} (${escape(WORDS[entry.event][lang])})</td><td><bdi>${t(entry.label ?? entry.packageName)}</bdi><br><code>${escape(entry.packageName)}</code></td><td>${escape(installSourceWords(entry.installer)[lang])}</td><td>${asked.map((name) => escape(installSourceWords(name)[lang])).join(' / ') || '—'}</td><td>${entry.profile ? `<bdi>${t(entry.profile.name)}</bdi>` : escape(WORDS.owner[lang])}</td></tr>`;
      });
      return `<h2>${escape(WORDS.timeline[lang])} — <bdi>${t(timeline.label)}</bdi></h2>
<p class="small">${escape(timeline.from)} → ${escape(timeline.to)}. ${escape(WORDS.timelineNote[lang])}</p>
${rows.length === 0 ? `<p>${escape(WORDS.timelineEmpty[lang])}</p>` : `<table><tr><th>${escape(WORDS.when[lang])}</th><th>${escape(WORDS.app[lang])}</th><th>${escape(WORDS.installedBy[lang])}</th><th>${escape(WORDS.askedBy[lang])}</th><th>${escape(WORDS.profile[lang])}</th></tr>
${rows.join('\n')}</table>`}`;
    })
    .join('\n');
}

function transportWords(transport: string, lang: Language): string {
  const parsed = PhoneTransport.safeParse(transport);
  return parsed.success ? PHONE_TRANSPORT_WORDS[parsed.data][lang] : transport;
}

/** HTML-escaped, and anything a phone named shown as text (no control or reordering character). */
function escape(text: string): string {
  return printable(text, { keepLines: true }).replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

export interface ReportOptions {
  language: Language;
  redact: boolean;
  /** The SHA-256 of this release's reader page (null when this installation has none). */
  readerSha256?: string | null;
  /** Where and when each app came from in the weeks before the examination, per Android device. */
  timeline?: readonly DeviceTimeline[];
}

/**
 * Names the report should not show when redacting: the devices' names, the computer's user, and the names
 * findings list as personal (accounts, paired devices).
 */
function personalNames(manifest: BundleManifest): string[] {
  const keys = ['Device Name', 'Computer name', 'Scanned as user', 'net.hostname', 'persist.sys.device_name'];
  const ofDevices = manifest.devices.flatMap((device) => [device.label, ...keys.map((key) => device.facts[key] ?? '')]);
  const ofFindings = manifest.findings.flatMap((finding) => (Array.isArray(finding.details.personal) ? finding.details.personal.filter((name): name is string => typeof name === 'string') : []));
  return [...ofDevices, ...ofFindings].filter((name) => !/^(iPhone|iPad|Android|Mac)$/i.test(name));
}

/** The findings, those found with her (her answers) under a heading of their own after those found on the devices. */
function findingsSection(findings: readonly Finding[], card: (finding: Finding) => string, w: (key: keyof typeof WORDS) => string): string {
  const ordered = ORDER.flatMap((severity) => findings.filter((finding) => finding.severity === severity));
  const withHer = ordered.filter((finding) => finding.ruleId === CONSULTATION_RULE);
  if (withHer.length === 0) return ordered.map(card).join('\n') || `<p>—</p>`;
  const onDevices = ordered.filter((finding) => finding.ruleId !== CONSULTATION_RULE);
  return `<h3>${w('onDevices')}</h3>
${onDevices.map(card).join('\n') || `<p>—</p>`}
<h3>${w('withHer')}</h3>
${withHer.map(card).join('\n')}`;
}

/**
 * What was examined, when and how, and against which signatures: in the summary, so that a report where
 * nothing was found still says what "nothing" was looked for in (the method section has the detail).
 */
function examinedSection(manifest: BundleManifest, lang: Language, t: (text: string) => string, date: (iso: string | null) => string): string {
  const devices = new Map(manifest.devices.map((device) => [device.id, device]));
  const rows = manifest.scans.map((scan) => {
    const device = scan.deviceId ? devices.get(scan.deviceId) : undefined;
    const what = device ? `${t(device.label)}${device.model && device.model !== device.label ? ` (${t(device.model)})` : ''} — ` : '';
    const how = SCAN_KIND_WORDS[scan.kind]?.[lang] ?? scan.kind;
    const status = SCAN_STATUS_WORDS[scan.status]?.[lang] ?? scan.status;
    return `<li>${what}${escape(how)}: ${date(scan.startedAt)} (${escape(status)})</li>`;
  });
  const lists = [`${manifest.signatures.database.name} ${manifest.signatures.database.version}`, ...manifest.signatures.community.map((set) => `${set.name} ${set.version}`), ...manifest.signatures.imported.map((set) => `${set.name} ${set.version}`)];
  return `<h3>${escape(WORDS.examined[lang])}</h3>
${rows.length ? `<ul class="examined">${rows.join('')}</ul>` : `<p>${escape(WORDS.examinedNothing[lang])}</p>`}
<p class="small">${escape(WORDS.signaturesUsed[lang])}: ${lists.map((list) => escape(list)).join(' · ')}.</p>`;
}

export function renderReport(manifest: BundleManifest, options: ReportOptions): string {
  const lang = options.language;
  const w = (key: keyof typeof WORDS) => escape(WORDS[key][lang]);
  const clean: Redactor = options.redact ? redactor(personalNames(manifest)) : noRedaction;
  const t = (text: string) => escape(clean(text));
  const active = manifest.findings.filter((finding) => finding.retiredAt === null);
  const counts = ORDER.map((severity) => [severity, active.filter((finding) => finding.severity === severity).length] as const).filter(([, n]) => n > 0);
  const date = (iso: string | null) => (iso ? escape(new Date(iso).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'UTC', dateStyle: 'long', timeStyle: 'short' }) + ' UTC') : '—');

  // A verdict on an app lists each of its reasons; any other finding has its explanation.
  const whyOf = (finding: Finding) => {
    const verdict = verdictOf(finding);
    const reasons = verdict?.reasons ?? [];
    if (reasons.length <= 1) return `<p><strong>${w('why')}.</strong> ${t(finding.explanation[lang])}</p>`;
    const notes = verdict!.notes.length > 0 ? `<p>${verdict!.notes.map((note) => t(note[lang])).join(' ')}</p>` : '';
    return `<p><strong>${w('reasons')}:</strong></p><ul>${reasons.map((reason) => `<li>${badge(reason.severity, lang)} <strong><bdi>${t(reason.title[lang])}</bdi></strong> — ${t(reason.explanation[lang])}</li>`).join('')}</ul>${notes}`;
  };
  const summary = summarizeCase(manifest.findings);
  // What concerns the whole case is said once, under the summary; each finding adds only its own notes.
  const caseNotes = caseSafety(summary.verdict);
  const safetyOf = (notes: readonly LocalizedText[]) => (notes.length ? `<p class="safety"><strong>${w('safety')}.</strong> ${notes.map((note) => t(note[lang])).join(' ')}</p>` : '');

  const findingCard = (finding: Finding) => `
    <article class="finding sev-${finding.severity}">
      <h3>${badge(finding.severity, lang)} <bdi>${t(finding.title[lang])}</bdi></h3>
      ${whyOf(finding)}
      ${finding.advice.length ? `<p><strong>${w('advice')}.</strong></p><ol>${finding.advice.map((step) => `<li>${t(step[lang])}</li>`).join('')}</ol>` : ''}
      ${safetyOf(ownSafety(finding, caseNotes))}
      <p class="technical">${w('rule')}: ${t(finding.ruleId)} (${t(finding.ruleVersion)})${finding.product ? ` — ${t(finding.product.name)}` : ''} · ${w('evidence')}: ${finding.observationIds.length} ${w('observations')}, ${finding.artifactSha256s.map((sha) => `<code>${sha.slice(0, 16)}…</code>`).join(' ')}
      ${finding.reviewStatus === 'new' ? '' : `· ${w(finding.reviewStatus === 'confirmed' ? 'reviewedConfirmed' : 'reviewedDismissed')}${finding.reviewNote ? ` — ${t(finding.reviewNote)}` : ''}`}${finding.retiredAt ? ` · ${w('retired')} ${date(finding.retiredAt)}` : ''}</p>
    </article>`;

  const reached = connections(manifest);
  const byFirstCapture = (artifact: BundleManifest['artifacts'][number]) => artifact.captures[0]?.command ?? artifact.captures[0]?.path ?? '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${w('title')} — ${t(manifest.case.pseudonym)}</title>
<style>
  body { margin: 0; }
  .report { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { border-bottom: 2px solid #ddd; padding-bottom: .2rem; margin-top: 2rem; }
  .finding { border-left: 6px solid; padding: .3rem 1rem; margin: 1rem 0; background: #fafafa; break-inside: avoid; }
  .badge { color: #fff; border-radius: .3rem; padding: .05rem .45rem; font-size: .85rem; }
  .badge.sev-critical { background: #b00020; } .badge.sev-high { background: #c25400; } .badge.sev-medium { background: #8a6d00; } .badge.sev-low { background: #1f5fa8; }
  .finding.sev-critical { border-left-color: #b00020; } .finding.sev-high { border-left-color: #c25400; } .finding.sev-medium { border-left-color: #8a6d00; } .finding.sev-low { border-left-color: #1f5fa8; }
  .safety { background: #fff4e5; padding: .4rem .6rem; border-radius: .3rem; }
  .technical, .small { font-size: .85rem; color: #444; } code { font-size: .8rem; word-break: break-all; }
  table { border-collapse: collapse; width: 100%; font-size: .85rem; } th, td { border: 1px solid #ddd; padding: .25rem .4rem; text-align: left; vertical-align: top; }
  .counts span { margin-right: 1rem; }
  @media print { .report { margin: 0; max-width: none; } h2 { break-after: avoid; } }
</style>
</head>
<body>
<main class="report">
<h1>${w('title')}</h1>
<p class="small">${w('caseWord')} ${escape(manifest.case.id)} — ${t(manifest.case.pseudonym)} · ${w('made')} ${date(manifest.createdAt)} · Sentinelle ${escape(manifest.tool.version)}</p>
${options.redact ? `<p class="small"><em>${w('redacted')}</em></p>` : ''}
<h2>${w('summary')}</h2>
<p class="headline"><strong>${t(summary.headline[lang])}</strong></p>
<p><strong>${w('certainty')}:</strong> ${t(summary.certainty[lang])}</p>
${safetyOf(caseNotes)}
<p>${active.length === 0 ? w('noFinding') : w('someFindings')}</p>
<p class="counts">${counts.map(([severity, n]) => `<span>${badge(severity, lang)} ${n}</span>`).join('')}</p>
${active.length ? `<ul>${ORDER.flatMap((severity) => active.filter((finding) => finding.severity === severity)).slice(0, 10).map((finding) => `<li><bdi>${t(finding.title[lang])}</bdi></li>`).join('')}</ul>` : ''}
${examinedSection(manifest, lang, t, date)}
<h2>${w('findings')}</h2>
${findingsSection(manifest.findings, findingCard, w)}
${consultationSection(manifest, lang, t, escape)}
<h2>${w('devices')}</h2>
${manifest.devices
  .map(
    (device) => `<h3><bdi>${t(device.label)}</bdi> (${escape(device.platform)})</h3>
<table>${[['model', device.model], ['version', device.osVersion], ['serial', device.serial], ...Object.entries(device.facts)].filter(([, value]) => value).map(([key, value]) => `<tr><th>${escape(String(key))}</th><td><bdi>${t(String(value))}</bdi></td></tr>`).join('')}</table>`,
  )
  .join('\n')}
${timelineSection(options.timeline ?? [], lang, t)}
<h2>${w('method')}</h2>
<p>${w('methodText')}</p>
${manifest.scans.some((scan) => scan.kind === 'android-adb') ? `<p>${w('androidMethod')}</p>` : ''}
${reached.length === 0 ? '' : `<h3>${w('connections')}</h3>
<table><tr><th>scan</th><th>time</th><th>serial</th><th>via</th><th>${w('keyFingerprint')}</th></tr>
${reached.map((row) => `<tr><td><code>${escape(row.scanId)}</code></td><td>${date(row.at)}</td><td><bdi>${t(row.serial)}</bdi></td><td>${escape(transportWords(row.transport, lang))}</td><td><code>${escape(row.keyFingerprint ?? '—')}</code></td></tr>`).join('\n')}</table>`}
${methodTables(manifest, lang)}
${checksDoneSection(manifest, lang, escape)}
<h3>${w('scans')}</h3>
<table><tr><th>id</th><th>kind</th><th>status</th><th>start</th><th>end</th><th>steps</th></tr>
${manifest.scans.map((scan) => `<tr><td><code>${escape(scan.id)}</code></td><td>${escape(scan.kind)}</td><td>${escape(scan.status)}</td><td>${date(scan.startedAt)}</td><td>${date(scan.endedAt)}</td><td>${escape(scan.completedSteps.join(', '))}</td></tr>`).join('\n')}</table>
<h3>${w('versions')}</h3>
<table>
<tr><th>Sentinelle</th><td>${escape(manifest.tool.version)}</td></tr>
<tr><th>${escape(manifest.signatures.database.name)}</th><td>${escape(manifest.signatures.database.version)} · <code>${manifest.signatures.database.sha256}</code></td></tr>
${manifest.signatures.community.map((set) => `<tr><th>${escape(set.name)}</th><td>${escape(set.version)}${set.credit ? `<br><span class="small">${escape(set.credit)}</span>` : ''}${set.source ? `<br><span class="small">${escape(set.source)}</span>` : ''}</td></tr>`).join('')}
${manifest.signatures.imported.map((set) => `<tr><th>${escape(set.name)}</th><td>${escape(set.version)}${set.trusted ? '' : ' (untrusted)'}</td></tr>`).join('')}
<tr><th>${w('installation')}</th><td><code>${escape(manifest.installation.fingerprint)}</code></td></tr>
${options.readerSha256 ? `<tr><th>${w('reader')}</th><td><code>${escape(options.readerSha256)}</code><br><span class="small">${w('readerNote')}</span></td></tr>` : ''}
</table>
<h2>${w('artifacts')}</h2>
<table><tr><th>SHA-256</th><th>bytes</th><th>class</th><th>source</th></tr>
${manifest.artifacts.map((artifact) => `<tr><td><code>${artifact.sha256}</code>${artifact.included ? '' : ` <em>(${w('leftOut')})</em>`}</td><td>${artifact.size}</td><td>${escape(artifact.class)}</td><td>${t(byFirstCapture(artifact))}</td></tr>`).join('\n')}</table>
<h2>${w('custody')}</h2>
<table><tr><th>#</th><th>time</th><th>action</th><th>entry hash</th></tr>
${manifest.custody.entries.map((entry) => `<tr><td>${entry.seq}</td><td>${date(entry.recordedAt)}</td><td>${escape(entry.action)}</td><td><code>${entry.entryHash.slice(0, 16)}…</code></td></tr>`).join('\n')}</table>
<p class="small">Head: ${manifest.custody.head.seq} · <code>${manifest.custody.head.entryHash}</code></p>
</main>
</body>
</html>
`;
}
