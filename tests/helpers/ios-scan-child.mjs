// A child process that scans an iPhone backup folder into a case through the typed API of the built app
// (dist/), printing `progress` on each progress event, so that a test can kill it (-9) in the middle.
// Run: node tests/helpers/ios-scan-child.mjs VAULT_DIR PASSPHRASE CASE_ID BACKUP_DIR BACKUP_PASSWORD
import { App } from '../../dist/src-main/app.js';

const [vaultDir, passphrase, caseId, backupDir, password] = process.argv.slice(2);
const app = new App({ vaultDir, printPdf: null });
await app.call('vault.unlock', { passphrase });
app.subscribe((event) => {
  if (event === 'scan.progress') process.stdout.write('progress\n');
});
await app.call('scans.iosBackup', { caseId, path: backupDir, password });
process.stdout.write('done\n');
await app.dispose();
