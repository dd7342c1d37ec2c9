// What the "this computer" choice shows before a scan: which system, and whether Sentinelle has the
// administrator rights it needs to see the programs of every user.
import os from 'node:os';
import type { HostInfo } from '../../../src-shared/acquisition.js';
import { currentComputerPlatform } from './platforms.js';

export function hostInfo(): HostInfo {
  const platform = currentComputerPlatform();
  const elevated = typeof process.getuid === 'function' ? process.getuid() === 0 : null;
  const guidance =
    platform === null
      ? { en: 'Sentinelle cannot examine this kind of computer; it examines Windows, macOS and Linux.', fr: 'Sentinelle ne sait pas examiner ce type d’ordinateur ; il examine Windows, macOS et Linux.' }
      : elevated === false
        ? {
            en: 'Sentinelle will examine the programs of the user signed in. To include every user’s programs, start Sentinelle as an administrator.',
            fr: 'Sentinelle examinera les programmes de l’utilisateur connecté. Pour inclure les programmes de tous les utilisateurs, lancez Sentinelle en tant qu’administrateur.',
          }
        : { en: 'Sentinelle will list the running programs and what starts automatically. Nothing on the computer is changed.', fr: 'Sentinelle va lister les programmes en cours et ce qui démarre automatiquement. Rien n’est modifié sur l’ordinateur.' };
  return { platform, name: os.hostname(), osVersion: `${os.type()} ${os.release()}`, elevated, guidance };
}
