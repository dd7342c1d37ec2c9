// A child process that writes to a vault as fast as it can — cases, streamed artifacts, observations —
// and prints one line per committed step, so a test can SIGKILL it mid-write and check what survived.
// Half-way through each artifact it says so and waits for a line on its standard input before going on, so
// that the test kills it at a known point, however busy the machine.
// Run: node --import tsx tests/helpers/vault-writer-child.ts VAULT_DIR PASSPHRASE
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { OpenVault } from '../../src-main/vault/vault.js';

const [dir, passphrase] = process.argv.slice(2) as [string, string];
const vault = await OpenVault.unlock(dir, passphrase);
const goOn = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
process.stdout.write('ready\n');
for (let round = 0; ; round += 1) {
  const created = vault.cases.create({ label: `round ${round}` });
  process.stdout.write(`case ${created.id}\n`);
  // Streamed in as a scan streams a phone's output: the writer takes it piece by piece.
  const writer = vault.artifacts.createWriter({ caseId: created.id, source: 'adb', command: 'synthetic' });
  const finished = new Promise((resolve, reject) => writer.on('finish', resolve).on('error', reject));
  for (let i = 0; i < 24; i += 1) {
    // Half-way through, more than one chunk is already in the database (each piece is taken when written): say so.
    if (i === 12) {
      process.stdout.write(`midway ${created.id}\n`);
      if ((await goOn.next()).done) process.exit(0);
    }
    await new Promise<void>((resolve, reject) => writer.write(randomBytes(100_000), (error) => (error ? reject(error) : resolve())));
  }
  writer.end();
  await finished;
  const capture = writer.capture!;
  process.stdout.write(`artifact ${capture.sha256} ${created.id}\n`);
  vault.observations.insertMany(
    Array.from({ length: 200 }, (_, i) => ({ caseId: created.id, scanId: null, kind: 'app', subject: `com.example.app${i}`, data: { round, i }, artifactSha256s: [capture.sha256] })),
  );
  process.stdout.write(`observations 200 ${created.id}\n`);
}
