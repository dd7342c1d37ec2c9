// Which collectors run on which computer, and which computer this is.
import type { ComputerPlatform, HostCollector } from './collector.js';
import { cronCollector } from './linux/cron.js';
import { linuxProcessesCollector } from './linux/processes.js';
import { preloadCollector } from './linux/preload.js';
import { systemdCollector } from './linux/systemd.js';
import { xdgAutostartCollector } from './linux/autostart.js';
import { macosCollectors } from './macos/collectors.js';
import { windowsCollectors } from './windows/collectors.js';

/** The platform Sentinelle runs on, or null on one it cannot scan. */
export function currentComputerPlatform(nodePlatform: NodeJS.Platform = process.platform): ComputerPlatform | null {
  if (nodePlatform === 'win32') return 'windows';
  if (nodePlatform === 'darwin') return 'macos';
  if (nodePlatform === 'linux') return 'linux';
  return null;
}

export function collectorsFor(platform: ComputerPlatform): readonly HostCollector[] {
  if (platform === 'windows') return windowsCollectors;
  if (platform === 'macos') return macosCollectors;
  return [linuxProcessesCollector(), systemdCollector(), xdgAutostartCollector(), cronCollector(), preloadCollector()];
}
