// The project's own database: it loads, covers the products people name most, flags dual-use apps as
// "ask the survivor", cites its sources — and a damaged entry is reported by file, entry and field.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signatureEntryJsonSchema } from '../../src-shared/signature-schema.js';
import { builtinOnlySignatures } from '../../tests/helpers/signatures.js';
import { makeTempDir, removeDir } from '../../tests/helpers/temp.js';
import { loadBuiltinDatabase } from './builtin-database.js';

const SIGNATURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'signatures');
const database = loadBuiltinDatabase(SIGNATURES);
const find = (name: string) => database.signatures.find((entry) => [entry.name, ...entry.aliases].some((candidate) => candidate.toLowerCase() === name.toLowerCase()));

describe('the curated signature database', () => {
  it.each(['mSpy', 'FlexiSPY', 'TheTruthSpy', 'Copy9', 'Cocospy', 'Spyic', 'Minspy', 'Hoverwatch', 'KidsGuard', 'XNSPY', 'uMobix', 'Spyzie', 'iKeyMonitor', 'Cerberus'])('covers %s', (name) => {
    const entry = find(name);
    expect(entry, name).toBeDefined();
    expect(entry!.indicators.androidPackages.length).toBeGreaterThan(0);
  });

  it('covers desktop keyloggers and spyware on Windows, macOS and Linux, and remote-access tools', () => {
    const platformsOf = (category: string) => new Set(database.signatures.filter((entry) => entry.category === category).flatMap((entry) => entry.platforms));
    expect([...platformsOf('keylogger')]).toEqual(expect.arrayContaining(['windows', 'macos', 'linux']));
    expect(database.signatures.filter((entry) => entry.category === 'remote-access').map((entry) => entry.id)).toEqual(expect.arrayContaining(['teamviewer', 'anydesk', 'vnc-server', 'chrome-remote-desktop']));
  });

  it('flags dual-use apps as something to ask the survivor about, never as malware', () => {
    const dualUse = database.signatures.filter((entry) => entry.category === 'dual-use');
    expect(dualUse.map((entry) => entry.id)).toEqual(expect.arrayContaining(['life360', 'google-find-my-device', 'google-family-link']));
    for (const entry of dualUse) {
      expect(entry.severity, entry.id).toBe('low');
      expect(entry.description.en, entry.id).toMatch(/Ask the survivor/);
      expect(entry.description.fr, entry.id).toMatch(/Demandez à la personne/);
    }
  });

  it('cites a source for every entry and writes every description in both languages', () => {
    for (const entry of database.signatures) {
      expect(entry.references.length, entry.id).toBeGreaterThan(0);
      expect(entry.description.fr, entry.id).not.toBe(entry.description.en);
    }
  });

  it('keeps signatures/schema.json in step with the schema in the code (npm run signatures:schema)', () => {
    expect(fs.readFileSync(path.join(SIGNATURES, 'schema.json'), 'utf8')).toBe(signatureEntryJsonSchema());
  });

  it('names the file, the entry and the field of a damaged entry', () => {
    const dir = makeTempDir();
    try {
      const copy = builtinOnlySignatures(dir);
      const file = path.join(copy, 'products', 'mspy.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('- com.mspy.lite', '- "com mspy lite"'));
      expect(() => loadBuiltinDatabase(copy)).toThrow(/signatures\/products\/mspy\.yaml, entry mspy\): indicators\.androidPackages\[3\]: an Android package name/);
    } finally {
      removeDir(dir);
    }
  });

  it('refuses a file not named after its entry (so that no two files can hold the same id)', () => {
    const dir = makeTempDir();
    try {
      const copy = builtinOnlySignatures(dir);
      fs.copyFileSync(path.join(copy, 'products', 'xnspy.yaml'), path.join(copy, 'products', 'xnspy-copy.yaml'));
      expect(() => loadBuiltinDatabase(copy)).toThrow(/xnspy-copy\.yaml, entry xnspy\): the file must be named after the entry's id/);
    } finally {
      removeDir(dir);
    }
  });
});
