// A vault holding one case with thousands of findings, made the way a scan makes them: sideloaded hidden
// apps reading messages and location stored as observations, then detection. For the findings list's
// test and benchmark.
import path from 'node:path';
import { runDetection } from '../../src-main/detection/run-detection.js';
import { loadBuiltinDatabase } from '../../src-main/signatures/builtin-database.js';
import { SignatureIndex } from '../../src-main/signatures/signature-index.js';
import { OpenVault } from '../../src-main/vault/vault.js';
import { permissions, sideloaded } from './observations.js';
import { builtinOnlySignatures } from './signatures.js';

export async function vaultWithManyFindings(dir: string, passphrase: string, apps: number): Promise<{ vaultDir: string; caseId: string; findings: number }> {
  const vaultDir = path.join(dir, 'vault');
  const { vault } = await OpenVault.create(vaultDir, passphrase, { kdfCost: { opslimit: 1, memlimit: 8 * 1024 * 1024 } });
  try {
    const caseId = vault.cases.create({ label: '', pseudonym: 'Many-Apps' }).id;
    const capture = vault.artifacts.putBuffer(`package list of ${apps} apps`, { caseId, source: 'adb', command: 'pm list packages -f -i -U' });
    const observations = Array.from({ length: apps }, (_, i) => sideloaded(`com.example.hidden${i}`, { label: `Helper ${i}`, hasLauncherIcon: false, grantedPermissions: permissions('READ_SMS', 'ACCESS_FINE_LOCATION') }));
    vault.observations.insertMany(observations.map((o) => ({ caseId, scanId: null, kind: o.kind, subject: o.subject, data: o.data, artifactSha256s: [capture.sha256] })));
    const outcome = runDetection(vault, new SignatureIndex(loadBuiltinDatabase(builtinOnlySignatures(dir)).signatures), caseId);
    return { vaultDir, caseId, findings: outcome.created.length };
  } finally {
    vault.lock('user');
  }
}
