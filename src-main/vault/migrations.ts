// Versioned schema migrations for the vault database. The schema version lives in SQLite's
// `user_version`; each migration runs in its own transaction, in order, and is never edited once shipped:
// a change to the schema is a new migration appended to the list.
import { SentinelleError } from '../../src-shared/errors.js';
import { matchKeysOf } from '../../src-shared/match-keys.js';
import { parseJsonColumn } from './repositories/json-column.js';
import type { VaultDatabase } from './database.js';

export interface Migration {
  version: number;
  description: string;
  up: (db: VaultDatabase) => void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'cases, devices, scans, artifacts, observations, findings, custody log, settings, audit',
    up: (db) =>
      db.exec(`
        CREATE TABLE installation (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          signing_public_key BLOB NOT NULL,
          signing_secret_key BLOB NOT NULL,
          created_at TEXT NOT NULL
        );

        CREATE TABLE cases (
          id TEXT PRIMARY KEY,
          pseudonym TEXT NOT NULL,
          label TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
          created_at TEXT NOT NULL,
          closed_at TEXT
        );

        CREATE TABLE devices (
          id TEXT PRIMARY KEY,
          case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
          platform TEXT NOT NULL,
          label TEXT NOT NULL,
          model TEXT,
          os_version TEXT,
          serial TEXT,
          facts TEXT NOT NULL,
          first_seen_at TEXT NOT NULL
        );
        CREATE INDEX devices_by_case ON devices(case_id);

        CREATE TABLE scans (
          id TEXT PRIMARY KEY,
          case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
          device_id TEXT REFERENCES devices(id) ON DELETE CASCADE,
          kind TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted', 'cancelled', 'failed')),
          started_at TEXT NOT NULL,
          ended_at TEXT,
          completed_steps TEXT NOT NULL,
          error TEXT
        );
        CREATE INDEX scans_by_case ON scans(case_id);

        CREATE TABLE artifacts (
          -- AUTOINCREMENT: an id is never reused, so a writer can never add chunks to someone else's artifact
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          sha256 TEXT UNIQUE,
          size INTEGER NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('staging', 'complete')),
          created_at TEXT NOT NULL
        );

        CREATE TABLE artifact_chunks (
          artifact_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
          idx INTEGER NOT NULL,
          data BLOB NOT NULL,
          PRIMARY KEY (artifact_id, idx)
        );

        CREATE TABLE artifact_captures (
          id TEXT PRIMARY KEY,
          artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
          case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
          device_id TEXT REFERENCES devices(id) ON DELETE CASCADE,
          scan_id TEXT REFERENCES scans(id) ON DELETE CASCADE,
          source TEXT NOT NULL,
          command TEXT,
          path TEXT,
          captured_at TEXT NOT NULL
        );
        CREATE INDEX captures_by_case ON artifact_captures(case_id);
        CREATE INDEX captures_by_artifact ON artifact_captures(artifact_id);
        CREATE INDEX captures_by_scan ON artifact_captures(scan_id);

        CREATE TABLE observations (
          id INTEGER PRIMARY KEY,
          case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
          scan_id TEXT REFERENCES scans(id) ON DELETE CASCADE,
          kind TEXT NOT NULL,
          subject TEXT NOT NULL,
          data TEXT NOT NULL,
          artifact_sha256s TEXT NOT NULL,
          observed_at TEXT NOT NULL
        );
        CREATE INDEX observations_by_case_kind ON observations(case_id, kind);
        CREATE INDEX observations_by_scan ON observations(scan_id);

        CREATE TABLE findings (
          id TEXT PRIMARY KEY,
          case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
          scan_id TEXT REFERENCES scans(id) ON DELETE CASCADE,
          severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
          category TEXT NOT NULL,
          origin TEXT NOT NULL,
          rule_id TEXT NOT NULL,
          title TEXT NOT NULL,
          explanation TEXT NOT NULL,
          details TEXT NOT NULL,
          observation_ids TEXT NOT NULL,
          review_status TEXT NOT NULL CHECK (review_status IN ('new', 'confirmed', 'dismissed')),
          review_note TEXT,
          created_at TEXT NOT NULL,
          reviewed_at TEXT
        );
        CREATE INDEX findings_by_case ON findings(case_id, severity);

        CREATE TABLE custody_log (
          seq INTEGER PRIMARY KEY,
          recorded_at TEXT NOT NULL,
          action TEXT NOT NULL,
          case_id TEXT,
          details TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          entry_hash TEXT NOT NULL,
          signature TEXT NOT NULL
        );
        CREATE INDEX custody_by_case ON custody_log(case_id);
        CREATE TRIGGER custody_log_append_only_update BEFORE UPDATE ON custody_log
          BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
        CREATE TRIGGER custody_log_append_only_delete BEFORE DELETE ON custody_log
          BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;

        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );

        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          action TEXT NOT NULL,
          details TEXT NOT NULL
        );
      `),
  },
  {
    version: 2,
    description: 'findings carry product, rule version, advice, safety notes, artifact hashes and a fingerprint; custom rules; imported signature sets; trusted keys',
    up: (db) =>
      db.exec(`
        ALTER TABLE findings ADD COLUMN product TEXT;
        ALTER TABLE findings ADD COLUMN rule_version TEXT NOT NULL DEFAULT '';
        ALTER TABLE findings ADD COLUMN advice TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE findings ADD COLUMN safety TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE findings ADD COLUMN artifact_sha256s TEXT NOT NULL DEFAULT '[]';
        -- The same rule about the same thing is one finding per case, however often detection runs.
        ALTER TABLE findings ADD COLUMN fingerprint TEXT;
        -- Set when a later detection run no longer finds it (a rule disabled, a signature set removed).
        ALTER TABLE findings ADD COLUMN retired_at TEXT;
        CREATE UNIQUE INDEX findings_by_fingerprint ON findings(case_id, fingerprint);

        CREATE TABLE custom_rules (
          id TEXT PRIMARY KEY,
          version INTEGER NOT NULL,
          definition TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );

        CREATE TABLE signature_sets (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('feed', 'pack')),
          name TEXT NOT NULL,
          version TEXT NOT NULL,
          trusted INTEGER NOT NULL,
          signer TEXT,
          -- The public key that signed a pack: its trust is checked again against the current trust store.
          signer_key TEXT,
          credit TEXT,
          content_sha256 TEXT NOT NULL,
          signature_count INTEGER NOT NULL,
          signatures TEXT NOT NULL,
          imported_at TEXT NOT NULL
        );

        CREATE TABLE trusted_keys (
          public_key TEXT PRIMARY KEY,
          label TEXT NOT NULL,
          added_at TEXT NOT NULL
        );
      `),
  },
  {
    version: 3,
    description: 'containment steps taken on a phone after the advocate confirmed, and their undoing',
    up: (db) =>
      db.exec(`
        CREATE TABLE containment_actions (
          id TEXT PRIMARY KEY,
          case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
          finding_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          package_name TEXT NOT NULL,
          device_id TEXT NOT NULL,
          device_serial TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('applied', 'undone', 'refused-by-phone')),
          phone_output TEXT NOT NULL,
          applied_at TEXT NOT NULL,
          undone_at TEXT
        );
        CREATE INDEX containment_by_case ON containment_actions(case_id);
      `),
  },
  {
    version: 4,
    description: 'keys derived from iPhone backup passwords, kept so the password is asked once',
    up: (db) =>
      db.exec(`
        CREATE TABLE ios_backup_keys (
          keybag_uuid TEXT PRIMARY KEY,
          passcode_key BLOB NOT NULL,
          device_udid TEXT,
          -- The case that last used it: purging the case deletes the key that opens the survivor's backup.
          case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
          created_at TEXT NOT NULL
        );
      `),
  },
  {
    version: 5,
    description: 'forwarding to a Wazuh server: its settings and the outbox of events not yet delivered',
    up: (db) =>
      db.exec(`
        CREATE TABLE forward_config (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          settings TEXT NOT NULL,
          api_password TEXT,
          -- Keys the pseudonyms (installation, case) so they mean nothing outside this vault.
          pseudonym_key BLOB NOT NULL
        );
        -- No case id here: an event holds only pseudonyms, and outlives nothing it should not.
        CREATE TABLE forward_outbox (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          event_id TEXT NOT NULL UNIQUE,
          payload TEXT NOT NULL,
          queued_at TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at TEXT,
          last_error TEXT,
          delivered_at TEXT,
          delivered_via TEXT
        );
        CREATE INDEX forward_outbox_pending ON forward_outbox(delivered_at, seq);
      `),
  },
  {
    version: 6,
    description: 'this installation\'s own ADB key (RSA), with which it asks phones for USB debugging',
    up: (db) =>
      db.exec(`
        -- PKCS #8, made the first time a phone is reached without an adb server; null until then.
        ALTER TABLE installation ADD COLUMN adb_private_key BLOB;
      `),
  },
  {
    version: 7,
    description: 'one verdict per app: the cases that have findings from before are detected again at the next unlock, their reviews carried over',
    up: (db) =>
      db.exec(`
        CREATE TABLE detection_pending (case_id TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE);
        INSERT INTO detection_pending SELECT DISTINCT case_id FROM findings;
      `),
  },
  {
    version: 8,
    description: 'the case screen lists current findings a page at a time: an index in their order (most severe first, then oldest), and the platform of the device each finding is about',
    up: (db) =>
      db.exec(`
        -- The expression must stay the one FindingRepository orders by (SEVERITY_ORDER), for the index to serve.
        CREATE INDEX findings_current_in_order ON findings(case_id, (CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END), created_at, id) WHERE retired_at IS NULL;
        ALTER TABLE findings ADD COLUMN platform TEXT;
        UPDATE findings SET platform = (${FINDING_PLATFORM.replace('?', 'findings.observation_ids')});
      `),
  },
  {
    version: 9,
    description: 'each observation stores the keys signatures are matched on, computed once when it is made',
    up: (db) => {
      db.exec('ALTER TABLE observations ADD COLUMN match_keys TEXT');
      const read = db.prepare('SELECT id, kind, data FROM observations WHERE id > ? ORDER BY id LIMIT 5000');
      const write = db.prepare('UPDATE observations SET match_keys = ? WHERE id = ?');
      for (let after = 0; ; ) {
        const rows = read.all(after) as { id: number; kind: string; data: string }[];
        if (rows.length === 0) break;
        for (const row of rows) write.run(JSON.stringify(matchKeysOf(row.kind, parseJsonColumn<Record<string, unknown>>(row.data, {}))), row.id);
        after = rows.at(-1)!.id;
      }
    },
  },
  {
    version: 10,
    description: 'a scan\'s completed steps in a table of their own, one row each (a step done is one insert, not the whole list written again)',
    up: (db) =>
      db.exec(`
        CREATE TABLE scan_steps (
          scan_id TEXT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
          step TEXT NOT NULL,
          UNIQUE (scan_id, step)
        );
        INSERT INTO scan_steps (scan_id, step) SELECT s.id, j.value FROM scans s, json_each(s.completed_steps) j ORDER BY s.rowid, j.key;
        ALTER TABLE scans DROP COLUMN completed_steps;
      `),
  },
  {
    version: 11,
    description: 'each case\'s consultation record (concerns, guided checks and her answers, changes made, follow-ups)',
    up: (db) =>
      db.exec(`
        CREATE TABLE consultations (
          case_id TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
          data TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
      `),
  },
];

/**
 * The platform of the device a finding is about: that of the first of its observations read in a scan of a
 * device (`?` is the finding's JSON array of observation ids).
 */
export const FINDING_PLATFORM = `SELECT d.platform FROM json_each(?) j JOIN observations o ON o.id = j.value JOIN scans s ON s.id = o.scan_id JOIN devices d ON d.id = s.device_id ORDER BY j.key LIMIT 1`;

export const LATEST_SCHEMA_VERSION = migrations.at(-1)!.version;

export function schemaVersion(db: VaultDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the database to the latest schema; returns the versions applied. */
export function migrate(db: VaultDatabase): number[] {
  const applied: number[] = [];
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new SentinelleError('vault.database-unreadable', 'This vault was written by a newer version of Sentinelle. Update Sentinelle to open it.', {
      technical: `vault schema ${current}, this version knows up to ${LATEST_SCHEMA_VERSION}`,
    });
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
