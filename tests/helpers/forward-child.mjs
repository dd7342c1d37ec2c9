// A child process that unlocks a vault with the built app, runs detection on a case (queueing forwarding
// events in the same transactions as the findings), prints "queued N" (the events waiting in the outbox)
// and waits to be killed — so a test
// can kill it before anything was delivered.
// Run: node tests/helpers/forward-child.mjs VAULT_DIR PASSPHRASE CASE_ID
import { App } from '../../dist/src-main/app.js';

const [vaultDir, passphrase, caseId] = process.argv.slice(2);
const app = new App({ vaultDir, printPdf: null });
await app.call('vault.unlock', { passphrase });
const run = await app.call('detection.run', { caseId });
if (run.created === 0) throw new Error('no finding to forward');
process.stdout.write(`queued ${(await app.call('forward.status', {})).outbox.pending}\n`);
setInterval(() => undefined, 1000);
