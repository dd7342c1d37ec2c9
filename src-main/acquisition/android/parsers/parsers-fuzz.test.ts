// Every parser of phone output against what a hostile phone can print: long runs of each character class
// and of the fragments each format is built from (`UserInfo{1:`, `a.`, `{`, `pkg/cls:`, `=`…), one line and
// many lines. The work is fixed (256 KiB per input, 40-odd inputs, 16 parsers); a parser that backtracks
// or goes quadratic on them takes minutes instead of milliseconds, past the test's limit.
import { describe, expect, it } from 'vitest';
import { parseAppops } from './appops.js';
import { parseDevicePolicy } from './device-policy.js';
import { parseAccessibility } from './dumpsys-accessibility.js';
import { parseDumpsysAdb } from './dumpsys-adb.js';
import { parseDumpsysPackage } from './dumpsys-package.js';
import { parseGetprop } from './getprop.js';
import { parseNotificationListeners } from './notification-listeners.js';
import { parsePmList } from './pm-list.js';
import { parsePs } from './ps.js';
import { parseActivityPackages } from './query-activities.js';
import { parseSettings, parseSettingsDump } from './settings.js';
import { parseSha256sum } from './sha256sum.js';
import { parseStatListing } from './storage-files.js';
import { parseDumpsysUser, parsePmListUsers } from './users.js';
import { parseDumpsysAccount } from './accounts.js';
import { parseBondedDevices } from './bluetooth.js';
import { parseDumpsysTrust } from './trust.js';
import { parseLockSettings } from './lock-settings.js';
import { parseDumpsysBackup } from './backup.js';

const PARSERS: Record<string, (text: string) => unknown> = {
  parseAppops,
  parseDevicePolicy,
  parseAccessibility,
  parseDumpsysAdb,
  parseDumpsysPackage,
  parseGetprop,
  parseNotificationListeners,
  parsePmList,
  parsePs,
  parseActivityPackages,
  parseSettings,
  parseSettingsDump,
  parseSha256sum,
  parseStatListing,
  parsePmListUsers,
  parseDumpsysUser,
  parseDumpsysAccount,
  parseBondedDevices,
  parseDumpsysTrust,
  parseLockSettings,
  parseDumpsysBackup,
};

const SIZE = 256 * 1024;
const run = (fragment: string, prefix = '') => prefix + fragment.repeat(Math.ceil(SIZE / fragment.length)).slice(0, SIZE);

const FRAGMENTS = ['a', 'A', '0', '.', '_', '$', '/', ':', '=', '{', '}', '[', ']', '(', ')', ' ', '\t', '\n', '\r\n', '\u0000', '\u202e', 'é', 'a.', 'a/', 'a.b/', 'pkg/cls:', 'UserInfo{1:', 'UserInfo{1:a:', '{{', '{ 0 : ', 'Package [', '  Package [a] (', 'User 0: ', 'package:', 'package:/data/app/a.apk=', '[a]: [', '_id:1 name:', 'u0a1 ', '    Package a:\n      A (', 'ComponentInfo{a/', 'a.b.c/d.e.f:', 'Account {name=', ', type=', 'User UserInfo{0:a:c13}:\n', 'Bonded devices:\n', '    00:11:22:33:44:55 [', ' => ', ' User "', '"', 'Enabled agents:\n', 'bound=1, ', 'User State:\n', 'User 0\n', 'CredentialType: ', 'SID = 0\n'];

describe('the parsers of what a phone prints', () => {
  it('read 256 KiB of any one character or format fragment, on one line or many, in linear work', () => {
    const inputs = FRAGMENTS.flatMap((fragment) => [run(fragment), run(`${fragment}\n`)]);
    for (const [name, parse] of Object.entries(PARSERS)) {
      for (const input of inputs) expect(() => parse(input), `${name} on ${JSON.stringify(input.slice(0, 20))}…`).not.toThrow();
    }
  }, 120_000);

  it('read sections headed the way each format is, then flooded', () => {
    const headed = ['Enabled services:{{', 'enabled services: { 0 : ', 'Packages:\n  Package [a] (1):\n    ', 'DUMP OF SERVICE settings:\nSECURE SETTINGS (user 0)\n', '    Allowed notification listeners:\n      ', 'Users:\n  UserInfo{0:', 'Current OPs:\n  Uid u0a1:\n'];
    for (const [name, parse] of Object.entries(PARSERS)) {
      for (const head of headed) for (const fragment of ['a', 'a.', 'UserInfo{1:', ':', '{']) expect(() => parse(run(fragment, head)), `${name} after ${JSON.stringify(head)}`).not.toThrow();
    }
  }, 120_000);
});
