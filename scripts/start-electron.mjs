// `npm start`: launches the desktop app with the Electron runtime. Where that runtime cannot be installed
// (no download possible, as on the build machine), says so and points to the headless way of running.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronBinary;
try {
  electronBinary = require('electron');
} catch (error) {
  console.error(
    [
      '',
      'Sentinelle cannot start its desktop window: the Electron runtime is not installed on this machine',
      `(${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`,
      '',
      'Run it headless instead, in a browser on this computer:',
      '',
      '    npx sentinelle serve',
      '',
      'or install the runtime where a network is available: npx install-electron',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
const child = spawn(electronBinary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
