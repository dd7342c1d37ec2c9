// This installation's own ADB key: an RSA key as adb makes (2048 bits, exponent 65537), created the first
// time Sentinelle talks to a phone itself (over USB or TCP, without an adb server) and kept inside the
// encrypted database, so that a phone sees the same computer every time and its prompt shows a fingerprint
// the advocate can compare. The key never leaves the vault; phones receive only its public half.
import { generateKeyPairSync } from 'node:crypto';
import type { VaultDatabase } from './database.js';
import type { AuditLog } from './repositories/audit.js';

export class AdbKeyStore {
  constructor(
    private readonly db: VaultDatabase,
    private readonly audit: AuditLog,
  ) {}

  /** The private key (PKCS #8, DER), made and stored on first use. */
  privateKey(): Buffer {
    const stored = this.read();
    if (stored) return stored;
    const created = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 }).privateKey.export({ type: 'pkcs8', format: 'der' });
    this.db.transaction(() => {
      // Another caller may have made one meanwhile: the first stored wins, so phones always see one key.
      const { changes } = this.db.prepare('UPDATE installation SET adb_private_key = ? WHERE id = 1 AND adb_private_key IS NULL').run(created);
      if (changes > 0) this.audit.record('adb-key.created', {});
    })();
    return this.read()!;
  }

  private read(): Buffer | null {
    const row = this.db.prepare('SELECT adb_private_key FROM installation WHERE id = 1').get() as { adb_private_key: Buffer | null } | undefined;
    return row?.adb_private_key ? Buffer.from(row.adb_private_key) : null;
  }
}
