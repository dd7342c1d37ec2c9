// Runs the built `sentinelle` executable (dist/cli, the bundle `npm run build` makes) in a child process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { outputOf, type ProcessOutput } from './process-output.js';

export const CLI = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));

export type CliResult = ProcessOutput;

export function requireBuiltCli(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
}

export function runSentinelle(args: string[], options: { env?: Record<string, string>; stdin?: string } = {}): Promise<CliResult> {
  const env = { ...process.env, ...options.env };
  for (const name of ['SENTINELLE_PASSPHRASE', 'SENTINELLE_NEW_PASSPHRASE', 'SENTINELLE_RECOVERY_KEY', 'SENTINELLE_VAULT']) {
    if (!options.env?.[name]) delete env[name];
  }
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const output = outputOf(child);
  child.stdin.end(options.stdin ?? '');
  return output;
}
