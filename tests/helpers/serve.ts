// Starts the built `sentinelle serve` in a child process and reads the address it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CLI } from './cli.js';

export interface ServedApp {
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  stop(): Promise<void>;
  invoke(name: string, input: unknown): Promise<unknown>;
}

export async function serveVault(vaultDir: string): Promise<ServedApp> {
  const child = spawn(process.execPath, [CLI, 'serve', '--vault', vaultDir, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  for await (const line of createInterface({ input: child.stdout! })) {
    text += line;
    if (line === '}') break;
  }
  const { url, origin, token } = JSON.parse(text) as { url: string; origin: string; token: string };
  return {
    url,
    origin,
    token,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
    invoke: async (name, input) => {
      const response = await fetch(`${origin}/api/invoke/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      });
      return response.json();
    },
  };
}
