// Schema migrations: applied once, in order, recorded in user_version; a vault from a newer Sentinelle is
// refused with a message that says to update, not opened and damaged.
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrations.js';

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
});
