// A child process's exit code and everything it wrote, once it has closed (the tests' CLI runs and
// Wazuh's engine both read their programs this way).
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

export interface ProcessOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function outputOf(child: ChildProcessWithoutNullStreams): Promise<ProcessOutput> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
