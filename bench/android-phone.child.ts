// The simulated phone for the Android benchmark, in its own process so that the figures of the scanning
// process are Sentinelle's alone. Serves a demo profile with injected latency (per command) and, when asked,
// a phone's realistic time to print each command; answers `stats` with the number of services opened and
// the bytes it sent, and stops on `stop`. With a flood size in MiB, every listing but the properties and the
// hashes prints that much (log-like lines, each listing's its own, so the vault cannot keep one copy of them
// all): a phone built to make the computer hold gigabytes.
import { AdbdSimulator } from '../src-main/demo/adbd-simulator.js';
import { loadDemoProfile } from '../src-main/demo/phone-profile.js';
import { ProfilePhone } from '../src-main/demo/profile-phone.js';
import { builtinResourcesDir } from '../src-main/package-info.js';

const [profileId = 'large', latency = '5', timing = 'none', floodMiB = '0'] = process.argv.slice(2);
const loaded = loadDemoProfile(builtinResourcesDir, profileId);
const profilePhone = await ProfilePhone.create(loaded);
const line = Buffer.from('W/ActivityManager( 1234): Slow operation: 52ms so far, now at startProcess: done updating battery stats\n');
const filler = Buffer.alloc(Number(floodMiB) * 1024 * 1024);
for (let offset = 0; offset < filler.length; offset += line.length) line.copy(filler, offset);
const phone =
  filler.length === 0
    ? profilePhone
    : { banner: profilePhone.banner, file: (path: string) => profilePhone.file(path), shell: (command: string) => (command === 'getprop' || command.startsWith('sha256sum ') ? profilePhone.shell(command) : Buffer.concat([Buffer.from(`${command}\n`), filler])) };
const simulator = new AdbdSimulator(phone, { latencyMs: Number(latency), ...(timing === 'realistic' ? { timing: 'realistic' as const } : {}) });
const port = await simulator.start();
process.send!({ port });
process.on('message', async (message: string) => {
  if (message === 'stats') {
    const services = simulator.log.filter((entry) => !entry.service.startsWith('sync:') || entry.service === 'sync:');
    process.send!({ services: services.length, shell: services.filter((entry) => entry.service.startsWith('shell:')).length, bytesSent: simulator.bytesSent });
  } else if (message === 'stop') {
    await simulator.stop();
    process.exit(0);
  }
});
