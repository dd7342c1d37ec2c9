// Run first by `npm test`: makes sure the programs the tests drive are on this machine, and installs the
// missing ones from the system's packages where it can (Debian and Ubuntu: apt-get, as root or through
// `sudo -n`). The tests use real components, not mocks: Debian's Chromium for the end-to-end tests, Debian's
// adb server for the tests that go through one (the app itself needs no adb), libimobiledevice's tools for
// the iPhone tests, openssl for the forwarding tests' certificates, and a real APK (Debian's build of AOSP's
// framework-res.apk) for the test that reads app names from APKs, and Python with PyNaCl for the second bundle
// verifier (tools/verify_bundle.py). Elsewhere it says what to install. It also
// puts the pinned community lists in the build's cache when the workplace has a copy of them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NEEDED = [
  { program: 'chromium', package: 'chromium', why: 'the end-to-end tests drive the real renderer in Chromium' },
  { program: 'adb', package: 'adb', why: 'some Android tests go through a real adb server' },
  { program: 'idevice_id', package: 'libimobiledevice-utils', why: 'the iPhone tests run libimobiledevice’s tools' },
  { program: 'ideviceinstaller', package: 'ideviceinstaller', why: 'the iPhone tests run libimobiledevice’s tools' },
  { program: 'openssl', package: 'openssl', why: 'the forwarding tests make their own certificates' },
  { file: '/usr/lib/python3/dist-packages/nacl/__init__.py', package: 'python3-nacl', why: 'the bundle tests run the second verifier, tools/verify_bundle.py, with Debian’s Python and PyNaCl' },
  { file: '/usr/share/android-framework-res/framework-res.apk', package: 'android-framework-res', why: 'the app-name test reads a real APK (AOSP’s framework resources, as Debian builds them)' },
];

function has(program) {
  return spawnSync('/bin/sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

const present = (item) => (item.file ? fs.existsSync(item.file) : has(item.program));

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

/**
 * The pinned community lists, for the build to compile without a network: the workplace's copy of the
 * upstream files (../shared/indicators, the same files as at the pinned commits) is given to
 * `signatures:update` as a mirror, which caches each file only if its SHA-256 is the one pinned.
 */
function cachePinnedLists() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const mirror = path.join(root, '..', 'shared', 'indicators');
  if (!fs.existsSync(mirror)) return;
  spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'signatures-update.ts'), '--mirror', mirror, '--optional'], { cwd: root, stdio: 'inherit' });
}
cachePinnedLists();

const missing = NEEDED.filter((item) => !present(item));
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.map((item) => item.package))];
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const viaSudo = !root && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
if (has('apt-get') && fs.existsSync('/etc/debian_version') && (root || viaSudo)) {
  console.error(`Installing what the tests need: ${packages.join(', ')}`);
  const prefix = root ? [] : ['sudo', '-n'];
  const [command, ...rest] = [...prefix, 'apt-get'];
  const ok = run(command, [...rest, 'update', '-qq']) && run(command, [...rest, 'install', '-y', '-qq', '--no-install-recommends', ...packages]);
  if (ok && NEEDED.every(present)) process.exit(0);
}

console.error('The tests need programs this machine does not have:');
for (const item of missing) console.error(`  ${item.program ?? item.file} — ${item.why}`);
console.error(`On Debian or Ubuntu: sudo apt-get install ${packages.join(' ')}`);
console.error('On macOS: brew install --cask chromium android-platform-tools && brew install libimobiledevice ideviceinstaller openssl');
process.exit(1);
