// Run first by `npm test`: makes sure the programs the tests drive are on this machine, and installs the
// missing ones from the system's packages where it can (Debian and Ubuntu: apt-get, as root or through
// `sudo -n`). The tests use real components, not mocks: Debian's Chromium for the end-to-end tests, Debian's
// adb server for the tests that go through one (the app itself needs no adb), libimobiledevice's tools for
// the iPhone tests, openssl for the forwarding tests' certificates, poppler's pdftotext to read what the
// hand-over tests print to PDF, and a real APK (Debian's build of AOSP's
// framework-res.apk) for the test that reads app names from APKs, and Python with PyNaCl for the second bundle
// verifier (tools/verify_bundle.py), and Android's aapt to check the demo phones' APKs. Elsewhere it says
// what to install. It also builds Wazuh's rule engine (wazuh-logtest-legacy, from ../shared/wazuh: its build.sh, with the Debian packages
// it names) into a cache outside the repository, once, for the tests that run the rules for Wazuh.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NEEDED = [
  { program: 'chromium', package: 'chromium', why: 'the end-to-end tests drive the real renderer in Chromium' },
  { program: 'adb', package: 'adb', why: 'some Android tests go through a real adb server' },
  { program: 'idevice_id', package: 'libimobiledevice-utils', why: 'the iPhone tests run libimobiledevice’s tools' },
  { program: 'ideviceinstaller', package: 'ideviceinstaller', why: 'the iPhone tests run libimobiledevice’s tools' },
  { program: 'openssl', package: 'openssl', why: 'the forwarding tests make their own certificates' },
  { program: 'pdftotext', package: 'poppler-utils', why: 'the hand-over tests read what Chromium printed to PDF (the report, the hand-over sheet)' },
  { file: '/usr/lib/python3/dist-packages/nacl/__init__.py', package: 'python3-nacl', why: 'the bundle tests run the second verifier, tools/verify_bundle.py, with Debian’s Python and PyNaCl' },
  { program: 'aapt', package: 'aapt', why: 'the demo phones’ APKs are checked with Android’s own resource tool (aapt dump xmltree)' },
  { file: '/usr/share/android-framework-res/framework-res.apk', package: 'android-framework-res', why: 'the app-name test reads a real APK (AOSP’s framework resources, as Debian builds them)' },
];

function has(program) {
  return spawnSync('/bin/sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

const present = (item) => (item.file ? fs.existsSync(item.file) : item.debian ? debianPackageInstalled(item.debian) : has(item.program));

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WAZUH_SOURCE = path.join(ROOT, '..', 'shared', 'wazuh');
const WAZUH_CACHE = process.env.SENTINELLE_WAZUH_CACHE ?? path.join(os.homedir(), '.cache', 'sentinelle-wazuh');

/** The Debian packages build.sh installs (read from it, so that the list never drifts from the script). */
function wazuhBuildPackages() {
  const script = path.join(WAZUH_SOURCE, 'build.sh');
  if (!fs.existsSync(script)) return [];
  const install = /apt-get install[^\n]*?--no-install-recommends([\s\S]*?)>\/dev\/null/.exec(fs.readFileSync(script, 'utf8'));
  return install ? install[1].replace(/\\\n/g, ' ').split(/\s+/).filter((word) => /^[a-z0-9][a-z0-9.+-]+$/.test(word)) : [];
}

function debianPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

for (const name of wazuhBuildPackages()) NEEDED.push({ debian: name, package: name, why: 'building Wazuh’s rule engine for the Wazuh rules’ tests (../shared/wazuh/build.sh)' });

/** Builds the engine once: again only when build.sh or the source it builds changed. */
function buildWazuhEngine() {
  if (!fs.existsSync(path.join(WAZUH_SOURCE, 'build.sh'))) {
    console.error(`No Wazuh source in ${WAZUH_SOURCE}: the Wazuh rules' tests will say the engine is missing.`);
    return true;
  }
  const digest = createHash('sha256');
  for (const name of fs.readdirSync(WAZUH_SOURCE).sort()) digest.update(name).update(fs.readFileSync(path.join(WAZUH_SOURCE, name)));
  const source = digest.digest('hex');
  const stamp = path.join(WAZUH_CACHE, 'built-from.sha256');
  const built = fs.existsSync(path.join(WAZUH_CACHE, 'home', 'bin', 'wazuh-logtest-legacy')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === source;
  if (built) return true;
  console.error(`Building Wazuh's rule engine into ${WAZUH_CACHE} (about two minutes, once)…`);
  fs.mkdirSync(WAZUH_CACHE, { recursive: true });
  const log = path.join(WAZUH_CACHE, 'build.log');
  const result = spawnSync('bash', [path.join(WAZUH_SOURCE, 'build.sh'), WAZUH_CACHE], { env: { ...process.env, SKIP_APT: '1' }, stdio: ['ignore', fs.openSync(log, 'w'), fs.openSync(log, 'a')] });
  if (result.status !== 0) {
    console.error(`Building Wazuh's rule engine failed; the end of ${log}:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`);
    return false;
  }
  fs.writeFileSync(stamp, source);
  return true;
}

const missing = NEEDED.filter((item) => !present(item));
if (missing.length === 0) process.exit(buildWazuhEngine() ? 0 : 1);

const packages = [...new Set(missing.map((item) => item.package))];
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const viaSudo = !root && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
if (has('apt-get') && fs.existsSync('/etc/debian_version') && (root || viaSudo)) {
  console.error(`Installing what the tests need: ${packages.join(', ')}`);
  const prefix = root ? [] : ['sudo', '-n'];
  const [command, ...rest] = [...prefix, 'apt-get'];
  const ok = run(command, [...rest, 'update', '-qq']) && run(command, [...rest, 'install', '-y', '-qq', '--no-install-recommends', ...packages]);
  if (ok && NEEDED.every(present)) process.exit(buildWazuhEngine() ? 0 : 1);
}

console.error('The tests need programs this machine does not have:');
for (const item of missing) console.error(`  ${item.program ?? item.file ?? item.debian} — ${item.why}`);
console.error(`On Debian or Ubuntu: sudo apt-get install ${packages.join(' ')}`);
console.error('On macOS: brew install --cask chromium android-platform-tools && brew install libimobiledevice ideviceinstaller openssl');
process.exit(1);
