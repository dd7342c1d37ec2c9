// The desktop shell's hardening that can be checked without an Electron binary (issue 16, point 6): the
// fuses electron-builder flips in the packaged app, and the confinement of the sentinelle:// scheme the
// window is served from — only files of the built renderer, whatever the address tries.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_PAGE_URL, resolveAppFile } from '../../src-main/electron/app-files.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

describe('Electron’s fuses', () => {
  it('are set in the packaging configuration: no Node mode, no NODE_OPTIONS, no inspector, the app only from a checked asar', async () => {
    const { getConfig } = require('app-builder-lib/out/util/config/config') as { getConfig(dir: string, file: string, extra: null): Promise<{ electronFuses: Record<string, boolean>; asar: boolean }> };
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('the shell loads its page through its own scheme, never from file://', () => {
    const main = fs.readFileSync(path.join(ROOT, 'src-main/electron/main.ts'), 'utf8');
    expect(main).toContain('loadURL(APP_PAGE_URL)');
    expect(main).not.toMatch(/loadFile\(|pathToFileURL|['`]file:/);
    const security = fs.readFileSync(path.join(ROOT, 'src-main/electron/security.ts'), 'utf8');
    expect(security).toMatch(/ALLOWED_SCHEMES = new Set\(\[[^\]]*'sentinelle:'/);
    expect(security).not.toMatch(/ALLOWED_SCHEMES = new Set\(\[[^\]]*'file:'/);
  });
});

describe('the system’s file dialogs', () => {
  it('are what the preload offers the page, each request from the app’s own page only, and a save starts on a removable drive', () => {
    const preload = fs.readFileSync(path.join(ROOT, 'src-main/electron/preload.cts'), 'utf8');
    // The bridge the renderer programs against (src-renderer/api/client.ts) and the one the preload exposes agree.
    const client = fs.readFileSync(path.join(ROOT, 'src-renderer/api/client.ts'), 'utf8');
    for (const name of ['pathOf', 'chooseFolder', 'chooseSavePath']) {
      expect(preload).toContain(`${name}: (`);
      expect(client).toContain(`${name}(`);
    }
    expect(preload).toContain('webUtils.getPathForFile(file)');
    const ipc = fs.readFileSync(path.join(ROOT, 'src-main/electron/ipc.ts'), 'utf8');
    expect(ipc).toContain('wireDialogs(window, isTrustedSender)');
    const dialogs = fs.readFileSync(path.join(ROOT, 'src-main/electron/dialogs.ts'), 'utf8');
    expect(dialogs).toContain('if (!isTrustedSender(event)) return null;');
    expect(dialogs).toContain('DialogRequest.safeParse(raw)');
    // The page names a file, never a folder: the dialog starts where this computer's facts say.
    expect(dialogs).toContain('path.basename(request.data.suggestedName)');
    expect(dialogs).toContain("suggestedSaveFolder(app.getPath('documents'))");
  });
});

describe('the sentinelle:// scheme', () => {
  let dir: string;
  let root: string;
  beforeEach(() => {
    dir = makeTempDir('sentinelle-app-files-');
    root = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(root, 'assets', 'app-1234.js'), 'export {}');
    fs.writeFileSync(path.join(dir, 'vault.json'), '{"secret": true}');
    fs.writeFileSync(path.join(dir, 'secret.html'), 'outside');
    fs.symlinkSync(path.join(dir, 'secret.html'), path.join(root, 'assets', 'link.html'));
  });
  afterEach(() => removeDir(dir));

  const served = (address: string) => resolveAppFile(root, address)?.file.slice(fs.realpathSync(root).length) ?? null;

  it('serves the page and its assets with their types', () => {
    expect(APP_PAGE_URL).toBe('sentinelle://app/index.html');
    expect(served(APP_PAGE_URL)).toBe(`${path.sep}index.html`);
    expect(served('sentinelle://app/')).toBe(`${path.sep}index.html`);
    expect(resolveAppFile(root, 'sentinelle://app/assets/app-1234.js?v=1#x')?.type).toBe('text/javascript; charset=utf-8');
  });

  it('serves nothing outside the renderer’s folder, however the address is written', () => {
    for (const address of [
      'sentinelle://app/../secret.html',
      'sentinelle://app/%2e%2e/secret.html',
      'sentinelle://app/assets/..%2f..%2fsecret.html',
      'sentinelle://app/assets%5c..%5c..%5csecret.html',
      'sentinelle://app/index.html%00.js',
      'sentinelle://app/assets/link.html',
      'sentinelle://app/%E0%A4%A',
      `sentinelle://app/${encodeURIComponent(path.join(dir, 'secret.html'))}`,
      'sentinelle://other/index.html',
      'sentinelle://user:pass@app/index.html',
      `file://${path.join(root, 'index.html')}`,
      'https://app/index.html',
      'sentinelle://app/missing.html',
      'sentinelle://app/assets',
    ]) {
      expect({ address, served: served(address) }).toEqual({ address, served: null });
    }
    // Nor a file of a type the renderer never has.
    fs.writeFileSync(path.join(root, 'notes.txt'), 'x');
    expect(served('sentinelle://app/notes.txt')).toBeNull();
  });
});
