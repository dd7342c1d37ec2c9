// Packaging stays buildable: electron-builder's own validator accepts electron-builder.yml, every target
// the design card names is there, native modules are unpacked and rebuilt for Electron, the .deb needs no
// adb and installs the USB rule for phones, the `bin` entry points at the built, bundled CLI, and `main` at the
// main process bundled the same way (checked statically: no Electron binary can run here).
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

interface BuilderConfig {
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  asarUnpack: string[];
  npmRebuild: boolean;
  deb: { depends: string[]; fpm: string[] };
  files: string[];
  publish: unknown;
}

describe('packaging', () => {
  it('has an electron-builder configuration its validator accepts, with every platform target', async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      getConfig(dir: string, file: string, extra: null): Promise<BuilderConfig>;
      validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis', 'portable']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack.join(' ')).toMatch(/better-sqlite3-multiple-ciphers.*sodium-native.*@node-usb/);
    expect(config.publish).toBeNull();
    // Android phones need nothing installed; the udev rule shipped in resources/ lands where udev reads it.
    expect(config.deb.depends).not.toContain('adb');
    const [rule, installed] = config.deb.fpm.find((mapping) => mapping.includes('udev'))!.split('=') as [string, string];
    expect(installed).toBe('/usr/lib/udev/rules.d/51-sentinelle-android.rules');
    expect(fs.readFileSync(`${ROOT}${rule}`, 'utf8')).toMatch(/^ENV\{ID_USB_INTERFACES\}=="\*:ff4201:\*", MODE="0660", TAG\+="uaccess"$/m);
  });

  it('points main and bin at files the build produces', () => {
    const pkg = JSON.parse(fs.readFileSync(`${ROOT}package.json`, 'utf8')) as { main: string; bin: { sentinelle: string }; license: string };
    expect(pkg.license).toBe('GPL-3.0-or-later');
    expect(pkg.main).toBe('dist/electron/main.js');
    expect(pkg.bin.sentinelle).toBe('dist/cli/bin.js');
    expect(fs.readFileSync(`${ROOT}src-main/cli/bin.ts`, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    // npm test builds before it tests: the bundle keeps the line that makes it an executable, and its mode.
    expect(fs.readFileSync(`${ROOT}${pkg.bin.sentinelle}`, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(fs.statSync(`${ROOT}${pkg.bin.sentinelle}`).mode & 0o111).not.toBe(0);
    expect(fs.existsSync(`${ROOT}src-main/electron/main.ts`)).toBe(true);
    expect(fs.existsSync(`${ROOT}src-main/electron/preload.cts`)).toBe(true);
  });

  it('bundles the main process like the command line: Electron and the native modules left out, the preload and the parsing worker beside it', () => {
    const dir = `${ROOT}dist/electron/`;
    const files = fs.readdirSync(dir).filter((name) => name.endsWith('.js'));
    expect(files).toEqual(expect.arrayContaining(['main.js', 'parse-worker.entry.js']));
    expect(fs.readFileSync(`${dir}preload.cjs`, 'utf8')).toBe(fs.readFileSync(`${ROOT}dist/src-main/electron/preload.cjs`, 'utf8'));
    // What the bundle still loads from outside itself: Node's own modules, Electron, the native modules.
    const outside = new Set<string>();
    for (const name of files) {
      const code = fs.readFileSync(`${dir}${name}`, 'utf8');
      const statements = code.matchAll(/(?:^|[;\n])\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']/g);
      const calls = code.matchAll(/\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g);
      for (const match of [...statements, ...calls]) if (!match[1]!.startsWith('./')) outside.add(match[1]!);
    }
    const allowed = new Set(['electron', 'better-sqlite3-multiple-ciphers', 'sodium-native', 'usb']);
    const fromNode = (specifier: string) => builtinModules.includes(specifier.replace(/^node:/, ''));
    expect([...outside].filter((specifier) => !allowed.has(specifier) && !fromNode(specifier))).toEqual([]);
    expect(outside.has('electron')).toBe(true);
    // The main process finds its preload beside itself.
    expect(fs.readFileSync(`${dir}main.js`, 'utf8')).toContain('"preload.cjs"');
  });
});
