// Android test helpers: an App with a fresh vault and a case, and the demo phone (the adbd simulator from
// resources/demo/) attached to the machine's real adb server, which is started if it is not running.
import type { App } from '../../src-main/app.js';
import type { ServiceLogEntry } from '../../src-main/demo/adbd-simulator.js';
import { appWithVault } from './app.js';
import { makeTempDir, removeDir } from './temp.js';

export interface AndroidTestBed {
  app: App;
  dir: string;
  caseId: string;
  /** Plugs the demo phone with this profile in (unplugging any other); returns its adb serial. */
  plug(profile: string, options?: { latencyMs?: number }): Promise<string>;
  /** Everything the current demo phone was asked, in order. */
  log(): ServiceLogEntry[];
  close(): Promise<void>;
}

export async function androidTestBed(): Promise<AndroidTestBed> {
  const dir = makeTempDir('sentinelle-android-');
  const { app } = await appWithVault(dir);
  const created = await app.call('cases.create', { label: 'android test' });
  return {
    app,
    dir,
    caseId: created.id,
    async plug(profile, options = {}) {
      return (await app.call('demo.start', { profile, ...options })).serial;
    },
    log: () => app.demo.current()?.simulator.log ?? [],
    async close() {
      await app.dispose();
      removeDir(dir);
    },
  };
}

/** The shell commands in a simulator log (without the `shell:` prefix). */
export function shellCommands(log: readonly ServiceLogEntry[]): string[] {
  return log.filter((entry) => entry.service.startsWith('shell:')).map((entry) => entry.service.slice('shell:'.length));
}
