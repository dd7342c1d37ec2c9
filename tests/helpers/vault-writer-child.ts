// A child process that writes to a vault as fast as it can — cases, streamed artifacts, observations —
// and prints one line per committed step, so a test can SIGKILL it mid-write and check what survived.
// Run: node --import tsx tests/helpers/vault-writer-child.ts VAULT_DIR PASSPHRASE
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { OpenVault } from '../../src-main/vault/vault.js';

const [dir, passphrase] = process.argv.slice(2) as [string, string];
const vault = await OpenVault.unlock(dir, passphrase);
process.stdout.write('ready\n');
for (let round = 0; ; round += 1) {
  const created = vault.cases.create({ label: `round ${round}` });
  process.stdout.write(`case ${created.id}\n`);
  async function* pieces() {
    for (let i = 0; i < 24; i += 1) {
      // Half-way through, more than one chunk is already in the database: say so.
      if (i === 12) process.stdout.write(`midway ${created.id}\n`);
      yield randomBytes(100_000);
    }
  }
  const capture = await vault.artifacts.putStream(Readable.from(pieces()), { caseId: created.id, source: 'adb', command: 'synthetic' });
  process.stdout.write(`artifact ${capture.sha256} ${created.id}\n`);
  vault.observations.insertMany(
    Array.from({ length: 200 }, (_, i) => ({ caseId: created.id, scanId: null, kind: 'app', subject: `com.example.app${i}`, data: { round, i }, artifactSha256s: [capture.sha256] })),
  );
  process.stdout.write(`observations 200 ${created.id}\n`);
}
