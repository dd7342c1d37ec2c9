// Nothing personal is readable on disk: a case label with a unique marker is searched for in every byte of
// every file of the vault folder (database, WAL, SHM, header), as UTF-8 and as UTF-16, while unlocked and
// after locking. A control run on an unencrypted copy proves the search would find it.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appWithVault } from '../helpers/app.js';
import { makeTempDir, readAllFiles, removeDir } from '../helpers/temp.js';

function encodings(marker: string): Map<string, Buffer> {
  const utf16le = Buffer.from(marker, 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();
  return new Map([
    ['utf-8', Buffer.from(marker, 'utf8')],
    ['utf-16le', utf16le],
    ['utf-16be', utf16be],
  ]);
}

function filesContaining(dir: string, marker: string): string[] {
  const hits: string[] = [];
  for (const [file, bytes] of readAllFiles(dir)) {
    for (const [encoding, needle] of encodings(marker)) {
      if (bytes.includes(needle)) hits.push(`${file} (${encoding})`);
    }
  }
  return hits;
}

describe('the vault at rest', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('never shows a case label in any file, in UTF-8 or UTF-16, unlocked or locked', async () => {
    const marker = `MARKER-${randomUUID()}`;
    const { app } = await appWithVault(dir);
    const created = await app.call('cases.create', { label: `Survivor ${marker}`, pseudonym: `P-${marker}` });
    // Many more writes, so the WAL holds real pages when it is read.
    for (let i = 0; i < 50; i += 1) await app.call('cases.create', { label: `filler ${i} ${marker}` });

    const whileUnlocked = readAllFiles(dir);
    // (The vault is opened exclusively: the WAL index lives in memory, so there is no -shm file to read.)
    expect([...whileUnlocked.keys()].sort()).toEqual(['vault.db', 'vault.db-wal', 'vault.json']);
    expect(whileUnlocked.get('vault.db-wal')!.length).toBeGreaterThan(0);
    expect(filesContaining(dir, marker)).toEqual([]);

    await app.call('vault.lock', { reason: 'user' });
    expect(filesContaining(dir, marker)).toEqual([]);

    // And the label is really there, behind the key.
    await app.call('vault.unlock', { passphrase: 'correct horse battery staple' });
    expect((await app.call('cases.get', { caseId: created.id })).label).toContain(marker);
    app.dispose();
  });

  it('control: the same search finds the marker in an unencrypted database', () => {
    const marker = `MARKER-${randomUUID()}`;
    const plain = new Database(path.join(dir, 'plain.db'));
    plain.exec('CREATE TABLE cases (label TEXT)');
    plain.prepare('INSERT INTO cases VALUES (?)').run(marker);
    plain.close();
    expect(filesContaining(dir, marker)).toEqual(['plain.db (utf-8)']);
    fs.rmSync(path.join(dir, 'plain.db'));
  });
});
