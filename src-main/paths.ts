// Where the vault lives by default: the platform's per-user application-data folder, the same for the
// desktop app, the headless host and the CLI. `SENTINELLE_VAULT` or `--vault DIR` choose another folder.
import os from 'node:os';
import path from 'node:path';

export function defaultVaultDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SENTINELLE_VAULT) return path.resolve(env.SENTINELLE_VAULT);
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Sentinelle', 'vault');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Sentinelle', 'vault');
    default:
      return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'sentinelle', 'vault');
  }
}
