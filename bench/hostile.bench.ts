// Cancel and Quick exit against hostile phones: for each phone (built from the demo phones, as the hostile
// tests build them), a scan is started, and once the phone's hostile act has begun (the service it abuses is
// opened) the advocate presses Cancel, then, on a fresh scan, Quick exit. Prints how long each took to
// answer (target ≤ 1 s: the scan's answer for Cancel, the lock's for Quick exit) and whether `vault check`
// stayed clean afterwards.
import type { SimulatedPhone, SimulatorBehaviour } from '../src-main/demo/adbd-simulator.js';
import { androidTestBed } from '../tests/helpers/android.js';
import { TEST_PASSPHRASE } from '../tests/helpers/app.js';
import { alteredPhone, stuckApk } from '../tests/helpers/hostile-phones.js';
import { report } from './report.js';

interface Act {
  name: string;
  phone: () => Promise<SimulatedPhone>;
  behaviour?: SimulatorBehaviour;
  begun: (service: string) => boolean;
  /** How long after the act begins the advocate presses (the stuck APK is read once the scan has pulled it). */
  afterMs?: number;
}

const profiles = Array.from({ length: 5000 }, (_, i) => `\tUserInfo{${i + 10}:Profile ${i}:1030} running`).join('\n');
const letters = Buffer.from(`Enabled services:{{${'a'.repeat(1024 * 1024)}}}\n`);
const permissions = `    requested permissions:\n${Array.from({ length: 5001 }, (_, i) => `      com.example.permission.P${i}`).join('\n')}\n`;

const ACTS: Act[] = [
  { name: 'a command it never finishes', phone: () => alteredPhone('stalkerware'), behaviour: { stallOn: ['dumpsys package'] }, begun: (service) => service === 'shell:dumpsys package' },
  { name: 'an output dripped a byte at a time', phone: () => alteredPhone('stalkerware'), behaviour: { trickle: { command: 'dumpsys package', intervalMs: 50 } }, begun: (service) => service === 'shell:dumpsys package' },
  { name: '5,000 profiles', phone: () => alteredPhone('stalkerware', (command, output) => (command === 'pm list users' ? Buffer.concat([output!, Buffer.from(`${profiles}\n`)]) : output)), behaviour: { latencyMs: 100 }, begun: (service) => /--user \d+/.test(service) },
  { name: 'a megabyte of letters as accessibility services', phone: () => alteredPhone('stalkerware', (command, output) => (command === 'dumpsys accessibility' ? letters : output)), begun: (service) => service === 'shell:dumpsys accessibility' },
  { name: '5,001 permissions in one app', phone: () => alteredPhone('stalkerware', (command, output) => (command === 'dumpsys package' ? Buffer.from(output!.toString('utf8').replace(/(Package \[com\.systemservice\][^\n]*\n)/, `$1${permissions}`)) : output)), begun: (service) => service === 'shell:dumpsys package' },
  {
    name: 'a stuck APK',
    phone: async () => {
      const apk = await stuckApk();
      return alteredPhone('stalkerware', undefined, (path, bytes) => (/com\.systemservice/.test(path) ? apk : bytes));
    },
    begun: (service) => /^sync:RECV .*com\.systemservice/.test(service),
    // Pulled, then read by the APK worker (started from the sources here, which takes a second or so).
    afterMs: 2500,
  },
  { name: 'a packet declaring 1.5 GiB', phone: () => alteredPhone('stalkerware'), behaviour: { lieAbout: { command: 'dumpsys package', declaredBytes: 1536 * 1024 * 1024 } }, begun: (service) => service === 'shell:dumpsys package' },
];

type Press = 'cancel' | 'quick-exit';

/** One scan of the act's phone with `press` once the act has begun: how long the answer took, and the vault's check. */
async function pressDuring(act: Act, press: Press): Promise<string> {
  const bed = await androidTestBed();
  try {
    const { serial, simulator } = await bed.plugSimulator(await act.phone(), act.behaviour ?? {});
    let scanId: string | null = null;
    bed.app.subscribe((event, payload) => {
      if (event === 'scan.progress') scanId ??= (payload as { scanId: string }).scanId;
    });
    let settledAt = 0;
    const scan = bed.app.call('scans.android', { caseId: bed.caseId, serial }).then(
      () => 'completed',
      (error: { code?: string }) => error.code ?? 'error',
    ).finally(() => (settledAt = performance.now()));
    await new Promise<number>((resolve) => {
      const watch = setInterval(() => {
        if (settledAt > 0 || (scanId && simulator.log.some((entry) => act.begun(entry.service)))) {
          clearInterval(watch);
          resolve(performance.now());
        }
      }, 5);
    });
    if (act.afterMs) await new Promise((resolve) => setTimeout(resolve, act.afterMs));
    if (settledAt > 0) return `ended by itself (${await scan}) before the act could be interrupted`;
    const actedAt = performance.now();
    let answeredAt = 0;
    if (press === 'cancel') await bed.app.call('scans.cancel', { scanId: scanId! });
    else await bed.app.call('vault.lock', { reason: 'quick-exit' }).then(() => (answeredAt = performance.now()));
    const outcome = await scan;
    if (press === 'cancel') answeredAt = settledAt;
    if (press === 'quick-exit') await bed.app.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    const check = await bed.app.call('vault.check', {});
    const clean = check.databaseIntegrity.join() === 'ok' && check.custody.intact;
    return `${Math.round(answeredAt - actedAt)} ms (${outcome}); vault check ${clean ? 'clean' : 'NOT CLEAN'}`;
  } finally {
    await bed.close();
  }
}

export async function benchHostile(): Promise<void> {
  const rows: [string, string][] = [];
  for (const act of ACTS) {
    rows.push([`${act.name} — Cancel`, await pressDuring(act, 'cancel')]);
    rows.push([`${act.name} — Quick exit`, await pressDuring(act, 'quick-exit')]);
  }
  report('Hostile phones — Cancel (the scan’s answer) and Quick exit (the lock’s answer) once the phone’s act has begun (target ≤ 1,000 ms)', rows);
}
