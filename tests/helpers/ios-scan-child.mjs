// A child process that scans an iPhone backup folder into a case through the typed API of the built app
// (dist/), printing `progress` on each progress event, so that a test can kill it (-9) in the middle. At
// the third, it stops there (its main thread waits on standard input) until killed, however fast the scan.
// Run: node tests/helpers/ios-scan-child.mjs VAULT_DIR PASSPHRASE CASE_ID BACKUP_DIR BACKUP_PASSWORD
import { readSync } from 'node:fs';
import { App } from '../../dist/src-main/app.js';

const [vaultDir, passphrase, caseId, backupDir, password] = process.argv.slice(2);
const app = new App({ vaultDir, printPdf: null });
await app.call('vault.unlock', { passphrase });
let progress = 0;
app.subscribe((event) => {
  if (event !== 'scan.progress') return;
  process.stdout.write('progress\n');
  if (++progress === 3) readSync(0, Buffer.alloc(1));
});
await app.call('scans.iosBackup', { caseId, path: backupDir, password });
process.stdout.write('done\n');
await app.dispose();
