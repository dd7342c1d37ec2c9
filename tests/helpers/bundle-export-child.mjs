// A child process that exports one case as a bundle through the typed API of the built app (dist/, as
// `npm run build` makes it and as the CLI and desktop app run it) and prints its peak memory, so a test
// can measure an export alone (the parent filled the vault beforehand).
// Run: node tests/helpers/bundle-export-child.mjs VAULT_DIR PASSPHRASE CASE_ID OUT RECIPIENT_PUB_FILE
import fs from 'node:fs';
import { App } from '../../dist/src-main/app.js';

const [vaultDir, passphrase, caseId, out, recipient] = process.argv.slice(2);
const app = new App({ vaultDir, printPdf: null });
await app.call('vault.unlock', { passphrase });
const result = await app.call('bundles.export', { caseId, out, recipients: [fs.readFileSync(recipient, 'utf8')] });
await app.dispose();
process.stdout.write(`${JSON.stringify({ result, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
