// Schema migrations: applied once, in order, recorded in user_version; a vault from a newer Sentinelle is
// refused with a message that says to update, not opened and damaged.
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { matchKeysOf } from '../../src-shared/match-keys.js';
import { LATEST_SCHEMA_VERSION, migrate, migrations, schemaVersion } from './migrations.js';

describe('migrations', () => {
  it('brings an empty database to the latest schema once', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1));
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(migrate(db)).toEqual([]);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['artifact_captures', 'artifact_chunks', 'artifacts', 'audit_log', 'cases', 'custody_log', 'devices', 'findings', 'installation', 'observations', 'scans', 'settings']),
    );
  });

  it('refuses a database written by a newer version', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(/newer version of Sentinelle/);
  });

  it('gives the observations of an older vault the match keys a new observation gets', () => {
    const db = new Database(':memory:');
    for (const migration of migrations.filter((m) => m.version <= 8)) migration.up(db);
    db.pragma('user_version = 8');
    db.prepare("INSERT INTO cases (id, pseudonym, label, status, created_at) VALUES ('C-1', 'Case', '', 'open', '2026-01-01T00:00:00.000Z')").run();
    const rows = [
      ['android.package', { packageName: 'Com.Example.Spy', certSha1: ['AABB'], apkSha256: null }],
      ['network.domain', { domain: 'Panel.Example.COM.', source: 'history' }],
      ['file', { path: 'C:\\ProgramData\\Spy\\log.txt', sha256: null }],
      ['android.setting', { namespace: 'secure', key: 'x', value: 'y' }],
    ] as const;
    const insert = db.prepare("INSERT INTO observations (case_id, scan_id, kind, subject, data, artifact_sha256s, observed_at) VALUES ('C-1', NULL, ?, '', ?, '[]', '2026-01-01T00:00:00.000Z')");
    for (const [kind, data] of rows) insert.run(kind, JSON.stringify(data));
    migrate(db);
    const stored = db.prepare('SELECT kind, data, match_keys FROM observations ORDER BY id').all() as { kind: string; data: string; match_keys: string }[];
    expect(stored.map((row) => JSON.parse(row.match_keys))).toEqual(rows.map(([kind, data]) => matchKeysOf(kind, data)));
    expect(JSON.parse(stored[1]!.match_keys)).toContain('panel.example.com');
  });

  it('moves an older vault’s completed steps into their table, in the order they were done', () => {
    const db = new Database(':memory:');
    for (const migration of migrations.filter((m) => m.version <= 9)) migration.up(db);
    db.pragma('user_version = 9');
    db.prepare("INSERT INTO cases (id, pseudonym, label, status, created_at) VALUES ('C-1', 'Case', '', 'open', '2026-01-01T00:00:00.000Z')").run();
    const insert = db.prepare("INSERT INTO scans (id, case_id, device_id, kind, status, started_at, ended_at, completed_steps, error) VALUES (?, 'C-1', NULL, 'android-adb', 'interrupted', '2026-01-01T00:00:00.000Z', NULL, ?, NULL)");
    insert.run('S-1', JSON.stringify(['properties', 'packages', 'packages@10']));
    insert.run('S-2', '[]');
    migrate(db);
    expect(db.prepare("SELECT step FROM scan_steps WHERE scan_id = 'S-1' ORDER BY rowid").pluck().all()).toEqual(['properties', 'packages', 'packages@10']);
    expect(db.prepare("SELECT count(*) FROM scan_steps WHERE scan_id = 'S-2'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT name FROM pragma_table_info('scans')").pluck().all()).not.toContain('completed_steps');
  });
});
