// The simulated phone for the Android benchmark, in its own process so that the figures of the scanning
// process are Sentinelle's alone. Serves a demo profile with injected latency (per command) and, when asked,
// a phone's realistic time to print each command; answers `stats` with the number of services opened and
// the bytes it sent, and stops on `stop`.
import { AdbdSimulator } from '../src-main/demo/adbd-simulator.js';
import { loadDemoProfile } from '../src-main/demo/phone-profile.js';
import { ProfilePhone } from '../src-main/demo/profile-phone.js';
import { builtinResourcesDir } from '../src-main/package-info.js';

const [profileId = 'large', latency = '5', timing = 'none'] = process.argv.slice(2);
const loaded = loadDemoProfile(builtinResourcesDir, profileId);
const simulator = new AdbdSimulator(await ProfilePhone.create(loaded), { latencyMs: Number(latency), ...(timing === 'realistic' ? { timing: 'realistic' as const } : {}) });
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
