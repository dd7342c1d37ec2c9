// Where iTunes and Finder keep iPhone backups on each system, and how a folder that is not a usable backup
// is described (with the reason) rather than breaking the list.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../../tests/helpers/temp.js';
import { defaultBackupFolders, listBackups } from './backup-list.js';

describe('the usual backup folders', () => {
  it('are iTunes’ two places on Windows, Finder’s on macOS, none elsewhere', () => {
    expect(defaultBackupFolders({ APPDATA: 'C:\\Users\\maya\\AppData\\Roaming', USERPROFILE: 'C:\\Users\\maya' }, 'win32', 'C:\\Users\\maya')).toEqual([
      path.join('C:\\Users\\maya\\AppData\\Roaming', 'Apple Computer', 'MobileSync', 'Backup'),
      path.join('C:\\Users\\maya', 'Apple', 'MobileSync', 'Backup'),
    ]);
    expect(defaultBackupFolders({}, 'darwin', '/Users/maya')).toEqual(['/Users/maya/Library/Application Support/MobileSync/Backup']);
    expect(defaultBackupFolders({}, 'linux', '/home/maya')).toEqual([]);
  });
});

describe('listing backups', () => {
  let dir: string;
  afterEach(() => removeDir(dir));

  it('names what is wrong with a backup that cannot be used, and skips folders that are no backup', async () => {
    dir = makeTempDir();
    fs.mkdirSync(path.join(dir, 'incomplete'));
    fs.writeFileSync(path.join(dir, 'incomplete', 'Info.plist'), '<plist><dict/></plist>');
    fs.mkdirSync(path.join(dir, 'damaged'));
    fs.writeFileSync(path.join(dir, 'damaged', 'Info.plist'), 'not a plist at all');
    fs.writeFileSync(path.join(dir, 'damaged', 'Manifest.db'), '');
    fs.mkdirSync(path.join(dir, 'photos'));
    const listed = await listBackups([dir, path.join(dir, 'does-not-exist')]);
    expect(listed.map((backup) => [path.basename(backup.path), backup.problem])).toEqual(
      expect.arrayContaining([
        ['incomplete', expect.stringMatching(/no Manifest\.db/)],
        ['damaged', expect.stringMatching(/Info\.plist is not a valid property list/)],
      ]),
    );
    expect(listed).toHaveLength(2);
  });
});
