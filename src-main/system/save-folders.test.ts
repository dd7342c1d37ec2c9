// The Save dialog starts on the USB key the advocate plugged in, not in a folder she has to find.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../tests/helpers/temp.js';
import { removableDrives, suggestedSaveFolder } from './save-folders.js';

describe('where a bundle is saved first', () => {
  let root: string;
  afterEach(() => removeDir(root));

  it('offers the removable drive on Linux (/media/USER and /run/media/USER), else the documents folder', () => {
    root = makeTempDir('sentinelle-drives-');
    expect(suggestedSaveFolder('/home/maya/Documents', { platform: 'linux', user: 'maya', root })).toBe('/home/maya/Documents');
    fs.mkdirSync(path.join(root, 'run', 'media', 'maya', 'KEY'), { recursive: true });
    expect(suggestedSaveFolder('/home/maya/Documents', { platform: 'linux', user: 'maya', root })).toBe(path.join(root, 'run', 'media', 'maya', 'KEY'));
    // Another user's drive is not hers.
    fs.mkdirSync(path.join(root, 'media', 'someone', 'THEIRS'), { recursive: true });
    expect(removableDrives({ platform: 'linux', user: 'maya', root })).toEqual([path.join(root, 'run', 'media', 'maya', 'KEY')]);
  });

  it('leaves out the startup disk on macOS (a link in /Volumes)', () => {
    root = makeTempDir('sentinelle-drives-');
    fs.mkdirSync(path.join(root, 'Volumes', 'USB KEY'), { recursive: true });
    fs.symlinkSync(root, path.join(root, 'Volumes', 'Macintosh HD'));
    expect(removableDrives({ platform: 'darwin', user: 'maya', root })).toEqual([path.join(root, 'Volumes', 'USB KEY')]);
    expect(removableDrives({ platform: 'win32', user: 'maya', root })).toEqual([]);
  });
});
