// What an iPhone backup says, as typed observations (src-shared/observations.ts): installed apps, device
// facts and supervision, configuration and MDM profiles with their payloads, jailbreak traces, network use
// per process (DataUsage.sqlite), browsing-history domains (Safari, Chrome, Firefox) and privacy permissions
// (TCC.db), and what the phone shares (accounts, paired devices: sharing-collectors.ts). Each collector reads the backup files it needs through `keep`, which stores each one in the
// vault first, so every observation names the artifact it was read from.
import type { AcquiredObservation } from '../acquired-observation.js';
import type { BackupRecord, IosBackup } from './ios-backup.js';
import { coreDataDate, openSqlite, PROFILE_MAX_BYTES, rows, SQLITE_MAX_BYTES, t, tableColumns, text, unixDate, type Collector } from './backup-reading.js';
import { plistData, readPlist, readPlistDictionaryOffThread } from './plist-file.js';
import { accountsCollector, pairedDevicesCollector } from './sharing-collectors.js';

export const appsCollector: Collector = {
  id: 'apps',
  label: t('Listing the installed apps', 'Liste des applications installées'),
  async collect({ backup, metadataArtifacts }) {
    const infoApps = backup.info.Applications as Record<string, Record<string, unknown>> | undefined;
    const manifestApps = (backup.manifest?.Applications ?? {}) as Record<string, Record<string, unknown>>;
    const bundleIds = new Set<string>();
    for (const id of Array.isArray(backup.info['Installed Applications']) ? backup.info['Installed Applications'] : []) if (typeof id === 'string') bundleIds.add(id);
    for (const id of Object.keys(manifestApps)) bundleIds.add(id);
    for (const domain of backup.domains().keys()) if (domain.startsWith('AppDomain-')) bundleIds.add(domain.slice('AppDomain-'.length));
    return [...bundleIds].sort().map((bundleId) => {
      const manifestEntry = manifestApps[bundleId] ?? {};
      const metadata = plistData(infoApps?.[bundleId]?.iTunesMetadata);
      let name: string | null = null;
      if (metadata) {
        try {
          name = text((readPlist(metadata, `the App Store metadata of ${bundleId}`, 1024 * 1024) as Record<string, unknown>).itemName);
        } catch {
          name = null;
        }
      }
      return {
        kind: 'ios.app',
        subject: bundleId,
        data: {
          bundleId,
          name,
          version: text(manifestEntry.CFBundleShortVersionString) ?? text(manifestEntry.CFBundleVersion),
          // The App Store leaves its purchase metadata with the app; other sources are not told apart in a backup.
          source: metadata ? 'app-store' : 'unknown',
        },
        artifactSha256s: metadataArtifacts,
      };
    });
  },
};

const PROFILES_DOMAIN = 'SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles';

export const profilesCollector: Collector = {
  id: 'profiles',
  label: t('Reading configuration and management profiles', 'Lecture des profils de configuration et de gestion'),
  async collect({ backup, keep, skip, signal }) {
    const observations: AcquiredObservation[] = [];
    for (const record of backup.files({ domain: PROFILES_DOMAIN, pathPrefix: 'Library/ConfigurationProfiles/' })) {
      const name = record.relativePath.split('/').at(-1) ?? '';
      if (name === 'CloudConfigurationDetails.plist') {
        const file = await keep(record, PROFILE_MAX_BYTES);
        if (!file) continue;
        let details: Record<string, unknown>;
        try {
          details = await readPlistDictionaryOffThread(file.bytes, record.relativePath, signal);
        } catch (error) {
          skip(`${record.domain}/${record.relativePath}`, error);
          continue;
        }
        observations.push({
          kind: 'ios.device-state',
          subject: 'supervision',
          data: { supervised: details.IsSupervised === true, organization: text(details.OrganizationName) },
          artifactSha256s: [file.sha256],
        });
        continue;
      }
      if (!/^profile-[^/]+\.stub$/.test(name)) continue;
      const file = await keep(record, PROFILE_MAX_BYTES);
      if (!file) continue;
      let profile: Record<string, unknown>;
      try {
        profile = await readPlistDictionaryOffThread(file.bytes, record.relativePath, signal);
      } catch (error) {
        skip(`${record.domain}/${record.relativePath}`, error);
        continue;
      }
      const content = Array.isArray(profile.PayloadContent) ? (profile.PayloadContent as unknown[]) : [];
      const payloads = content
        .filter((payload): payload is Record<string, unknown> => payload !== null && typeof payload === 'object' && !Array.isArray(payload))
        .map((payload) => ({ type: text(payload.PayloadType) ?? 'unknown', identifier: text(payload.PayloadIdentifier), displayName: text(payload.PayloadDisplayName) }));
      const identifier = text(profile.PayloadIdentifier) ?? name;
      observations.push({
        kind: 'ios.profile',
        subject: identifier,
        data: {
          identifier,
          displayName: text(profile.PayloadDisplayName),
          organization: text(profile.PayloadOrganization),
          isMdm: payloads.some((payload) => payload.type === 'com.apple.mdm'),
          payloads: payloads.slice(0, 500),
        },
        artifactSha256s: [file.sha256],
      });
    }
    return observations;
  },
};

/** Jailbreak tools and package managers, by bundle id. */
const JAILBREAK_APPS = new Map([
  ['com.saurik.Cydia', 'Cydia'],
  ['org.coolstar.SileoStore', 'Sileo'],
  ['org.coolstar.sileo', 'Sileo'],
  ['xyz.willy.Zebra', 'Zebra'],
  ['com.tigisoftware.Filza', 'Filza'],
  ['science.xnu.undecimus', 'unc0ver'],
  ['kjc.loader', 'checkra1n'],
  ['com.electrateam.chimera', 'Chimera'],
  ['org.coolstar.electra1141', 'Electra'],
  ['org.coolstar.odyssey', 'Odyssey'],
  ['org.coolstar.taurine', 'Taurine'],
  ['com.opa334.Dopamine', 'Dopamine'],
  ['com.roothide.Bootstrap', 'roothide Bootstrap'],
  ['com.opa334.TrollStore', 'TrollStore'],
]);
/** Names that appear in the paths jailbreaks leave in a backup. */
const JAILBREAK_WORDS = ['com.saurik.', 'cydia', 'org.coolstar.', 'xyz.willy.zebra', 'com.tigisoftware.filza', 'unc0ver', 'checkra1n', 'science.xnu.', 'mobilesubstrate', 'com.ex.substitute', 'electrateam', '.bootstrapped_electra', 'com.opa334.', 'trollstore', 'jailbreak'];

export const jailbreakCollector: Collector = {
  id: 'jailbreak',
  label: t('Looking for signs of jailbreaking', 'Recherche de traces de « jailbreak »'),
  async collect({ backup, metadataArtifacts }) {
    const observations: AcquiredObservation[] = [];
    const domains = backup.domains();
    const installed = new Set([...(Array.isArray(backup.info['Installed Applications']) ? backup.info['Installed Applications'] : []), ...Object.keys(backup.manifest?.Applications ?? {}), ...[...domains.keys()].map((domain) => domain.replace(/^AppDomain(Group|Plugin)?-/, ''))]);
    for (const [bundleId, tool] of JAILBREAK_APPS) {
      if (installed.has(bundleId)) observations.push({ kind: 'root-indicator', subject: 'jailbreak-app', data: { indicator: 'jailbreak-app', detail: `${tool} (${bundleId})` }, artifactSha256s: metadataArtifacts });
    }
    for (const detail of backup.pathsContaining(JAILBREAK_WORDS, 50)) {
      observations.push({ kind: 'root-indicator', subject: 'jailbreak-file', data: { indicator: 'jailbreak-file', detail }, artifactSha256s: metadataArtifacts });
    }
    return observations;
  },
};

export const dataUsageCollector: Collector = {
  id: 'data-usage',
  label: t('Reading which apps used the network', 'Lecture des applications qui ont utilisé le réseau'),
  async collect({ backup, keep }) {
    const record = backup.file('WirelessDomain', 'Library/Databases/DataUsage.sqlite');
    const file = record ? await keep(record, SQLITE_MAX_BYTES) : null;
    const db = file ? openSqlite(file) : null;
    if (!file || !db) return [];
    try {
      const usage = rows<{ name: string | null; bundle: string | null; first: number | null; last: number | null; wifiIn: number | null; wifiOut: number | null; wwanIn: number | null; wwanOut: number | null }>(
        db,
        `SELECT p.ZPROCNAME AS name, p.ZBUNDLENAME AS bundle, p.ZFIRSTTIMESTAMP AS first, max(p.ZTIMESTAMP, coalesce(max(u.ZTIMESTAMP), 0)) AS last,
                sum(u.ZWIFIIN) AS wifiIn, sum(u.ZWIFIOUT) AS wifiOut, sum(u.ZWWANIN) AS wwanIn, sum(u.ZWWANOUT) AS wwanOut
         FROM ZPROCESS p LEFT JOIN ZLIVEUSAGE u ON u.ZHASPROCESS = p.Z_PK GROUP BY p.Z_PK`,
      );
      return usage
        .filter((row) => text(row.name) !== null)
        .map((row) => ({
          kind: 'ios.data-usage',
          subject: row.name!,
          data: { process: row.name!, bundleId: text(row.bundle), wifiIn: row.wifiIn ?? 0, wifiOut: row.wifiOut ?? 0, wwanIn: row.wwanIn ?? 0, wwanOut: row.wwanOut ?? 0, firstSeen: coreDataDate(row.first), lastSeen: coreDataDate(row.last) },
          artifactSha256s: [file.sha256],
        }));
    } finally {
      db.close();
    }
  },
};

/** Where each browser keeps its history in a backup, and how to read it. */
const BROWSERS = [
  { source: 'safari-history', sql: 'SELECT url, visit_count AS visits FROM history_items', match: (record: BackupRecord) => (record.domain === 'HomeDomain' || record.domain === 'AppDomain-com.apple.mobilesafari') && /^Library\/Safari\/(Profiles\/[^/]+\/)?History\.db$/.test(record.relativePath) },
  { source: 'chrome-history', sql: 'SELECT url, visit_count AS visits FROM urls', match: (record: BackupRecord) => record.domain === 'AppDomain-com.google.chrome.ios' && /^Library\/Application Support\/Google\/Chrome\/[^/]+\/History$/.test(record.relativePath) },
  { source: 'firefox-history', sql: 'SELECT url, 1 AS visits FROM history WHERE is_deleted = 0', match: (record: BackupRecord) => record.domain === 'AppDomainGroup-group.org.mozilla.ios.Firefox' && /^profile\.profile\/browser\.db$/i.test(record.relativePath) },
] as const;

/** The browser history databases of the backup (Safari's per-profile ones since iOS 17 included). */
function historyFiles(backup: IosBackup): { source: string; sql: string; record: BackupRecord }[] {
  const found: { source: string; sql: string; record: BackupRecord }[] = [];
  const candidates = [
    ...backup.files({ domain: 'HomeDomain', pathPrefix: 'Library/Safari/' }),
    ...backup.files({ domain: 'AppDomain-com.apple.mobilesafari', pathPrefix: 'Library/Safari/' }),
    ...backup.files({ domain: 'AppDomain-com.google.chrome.ios', pathPrefix: 'Library/Application Support/Google/Chrome/' }),
    ...backup.files({ domain: 'AppDomainGroup-group.org.mozilla.ios.Firefox' }),
  ];
  for (const record of candidates) {
    const browser = BROWSERS.find((candidate) => candidate.match(record));
    if (browser) found.push({ source: browser.source, sql: browser.sql, record });
  }
  return found;
}

function hostOf(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname.toLowerCase().replace(/\.$/, '') || null : null;
  } catch {
    return null;
  }
}

export const browserHistoryCollector: Collector = {
  id: 'browser-history',
  label: t('Reading the websites visited', 'Lecture des sites web consultés'),
  async collect({ backup, keep }) {
    const observations: AcquiredObservation[] = [];
    for (const browser of historyFiles(backup)) {
      const file = await keep(browser.record, SQLITE_MAX_BYTES);
      const db = file ? openSqlite(file) : null;
      if (!file || !db) continue;
      try {
        const counts = new Map<string, number>();
        for (const row of rows<{ url: unknown; visits: unknown }>(db, browser.sql)) {
          const host = hostOf(row.url);
          if (host && host.length <= 253) counts.set(host, (counts.get(host) ?? 0) + (typeof row.visits === 'number' && row.visits > 0 ? row.visits : 1));
        }
        for (const [domain, count] of counts) observations.push({ kind: 'network.domain', subject: domain, data: { domain, source: browser.source, count }, artifactSha256s: [file.sha256] });
      } finally {
        db.close();
      }
    }
    return observations;
  },
};

export const permissionsCollector: Collector = {
  id: 'permissions',
  label: t('Reading app permissions (camera, microphone, location…)', 'Lecture des autorisations des applications (appareil photo, micro, localisation…)'),
  async collect({ backup, keep }) {
    const record = backup.file('HomeDomain', 'Library/TCC/TCC.db');
    const file = record ? await keep(record, SQLITE_MAX_BYTES) : null;
    const db = file ? openSqlite(file) : null;
    if (!file || !db) return [];
    try {
      const columns = tableColumns(db, 'access');
      // iOS 14 and later say auth_value (2 allowed, 3 limited — still access, e.g. to some photos); earlier
      // versions say allowed (1).
      const allowed = columns.has('auth_value') ? 'auth_value IN (2, 3)' : columns.has('allowed') ? 'allowed = 1' : null;
      if (!allowed || !columns.has('service') || !columns.has('client')) return [];
      const modified = columns.has('last_modified') ? 'last_modified' : 'NULL';
      return rows<{ service: string; client: string; allowed: number; modified: number | null }>(db, `SELECT service, client, (${allowed}) AS allowed, ${modified} AS modified FROM access`)
        .filter((row) => text(row.service) && text(row.client))
        .map((row) => {
          const service = row.service.replace(/^kTCCService/, '');
          return {
            kind: 'ios.permission',
            subject: `${row.client}:${service}`,
            data: { service, client: row.client, allowed: row.allowed === 1, lastModified: unixDate(row.modified) },
            artifactSha256s: [file.sha256],
          };
        });
    } finally {
      db.close();
    }
  },
};

export const COLLECTORS: readonly Collector[] = [appsCollector, profilesCollector, jailbreakCollector, dataUsageCollector, browserHistoryCollector, permissionsCollector, accountsCollector, pairedDevicesCollector];
