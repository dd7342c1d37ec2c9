// Computer heuristics: what no signature names yet but spyware and remote-access trojans do — start
// automatically from temporary or hidden folders, run from a temporary folder, run unsigned from a user's
// folder where Windows or macOS can tell, force a library into every program (ld.so.preload), or install
// a configuration profile on a Mac. (Known spyware, keyloggers and remote-access tools are found by the
// signatures, through their process names, paths, hashes, services, launchd labels and program names.)
import { evidenceOf, text, type Heuristic } from '../heuristic.js';
import { configurationProfileHits } from './ios.js';

/** Temporary folders, as a path starts: /tmp, /var/tmp, /dev/shm, macOS's per-user T folder, Windows' Temp folders (written out or as a variable). */
const TEMPORARY_FOLDER = /^(\/tmp|\/var\/tmp|\/dev\/shm|\/private\/tmp|(\/private)?\/var\/folders\/[^/]+\/[^/]+\/t)\/|^([a-z]:)?\/users\/[^/]+\/appdata\/local\/temp\/|^([a-z]:)?\/windows\/temp\/|\/\$recycle\.bin\/|^%(te?mp|localappdata%\/temp|windir%\/temp|systemroot%\/temp)%?\//i;
/** A program a command line runs from a temporary folder (`powershell -File %TEMP%\\x.ps1`, `sh /tmp/.x/run.sh`): a path in a temporary folder ending in a program or script. */
const TEMPORARY_PROGRAM_ARGUMENT = /(^|[\s"'=])(\/tmp|\/var\/tmp|\/dev\/shm|%te?mp%|%localappdata%\/temp|[a-z]:\/users\/[^/]+\/appdata\/local\/temp|[a-z]:\/windows\/temp)\/[^\s"']*\.(ps1|vbs|js|jse|bat|cmd|exe|scr|sh|py|pl|hta)(?=$|[\s"'])/i;
/** Where the system itself puts apps for a moment (an AppImage mounted, a macOS app run from Downloads). */
const TRANSIENT_APP_FOLDER = /\/\.mount_[^/]+\/|\/apptranslocation\//i;
/** A folder whose name starts with a dot, which file browsers hide (`~/.cache/x`, `/Library/.Refog`). */
const HIDDEN_FOLDER = /\/\.(?!\.?\/)[^/]+\//;
/** Folders any user can write to: a program there was not installed by an administrator. */
const USER_FOLDER = /^([a-z]:)?\/users\/[^/]+\/|^\/home\/[^/]+\/|^\/users\/shared\/|\/programdata\//i;

const slashes = (path: string) => path.replace(/\\/g, '/');
const anyMatches = (pattern: RegExp, ...texts: (string | null)[]) => texts.some((candidate) => candidate !== null && pattern.test(slashes(candidate)));
/** A program started from a temporary folder, or told to run one from there. */
const startsFromTemporaryFolder = (executable: string | null, commandLine: string | null) =>
  (anyMatches(TEMPORARY_FOLDER, executable) || anyMatches(TEMPORARY_PROGRAM_ARGUMENT, commandLine)) && !anyMatches(TRANSIENT_APP_FOLDER, executable);

export const persistenceFromTemporaryFolder: Heuristic = {
  id: 'computer.persistence-in-temporary-folder',
  version: '1',
  platform: 'computer',
  category: 'persistence',
  scope: 'device',
  profile: 'surveillance',
  description: text('Programs set to start automatically from a temporary folder.', 'Programmes lancés automatiquement depuis un dossier temporaire.'),
  evaluate(observations) {
    return observations
      .of('persistence')
      // The executable, or what it is told to run (powershell -File %TEMP%\x.ps1, wscript …\Temp\x.js); switched-off entries start nothing.
      .filter((entry) => entry.data.enabled !== false && startsFromTemporaryFolder(entry.data.executable, entry.data.commandLine))
      .map((entry) => ({
        subject: `${entry.data.mechanism}:${entry.data.name}`,
        severity: 'medium' as const,
        title: text(`“${entry.data.name}” starts automatically from a temporary folder`, `« ${entry.data.name} » démarre automatiquement depuis un dossier temporaire`),
        explanation: text(
          'Real software is installed in a program folder. Something that starts with the computer from a temporary folder is typical of spyware and remote-access trojans.',
          'Un vrai logiciel s’installe dans un dossier de programmes. Un élément qui démarre avec l’ordinateur depuis un dossier temporaire est typique des logiciels espions et des chevaux de Troie d’accès à distance.',
        ),
        ...evidenceOf(entry),
        details: { mechanism: entry.data.mechanism, executable: entry.data.executable, commandLine: entry.data.commandLine, location: entry.data.location },
      }));
  },
};

export const persistenceFromHiddenFolder: Heuristic = {
  id: 'computer.persistence-in-hidden-folder',
  version: '1',
  platform: 'computer',
  category: 'persistence',
  scope: 'device',
  profile: 'surveillance',
  description: text('Programs set to start automatically from a hidden folder.', 'Programmes lancés automatiquement depuis un dossier caché.'),
  evaluate(observations) {
    return observations
      .of('persistence')
      .filter((entry) => entry.data.enabled !== false && !startsFromTemporaryFolder(entry.data.executable, entry.data.commandLine) && anyMatches(HIDDEN_FOLDER, entry.data.executable))
      .map((entry) => ({
        subject: `${entry.data.mechanism}:${entry.data.name}`,
        severity: 'low' as const,
        title: text(`“${entry.data.name}” starts automatically from a hidden folder`, `« ${entry.data.name} » démarre automatiquement depuis un dossier caché`),
        explanation: text(
          'Some ordinary tools keep their program in a hidden folder, but spyware does it to stay out of sight. Ask the survivor whether she knows this program.',
          'Certains outils ordinaires rangent leur programme dans un dossier caché, mais les logiciels espions le font pour passer inaperçus. Demandez à la personne si elle connaît ce programme.',
        ),
        ...evidenceOf(entry),
        details: { mechanism: entry.data.mechanism, executable: entry.data.executable, location: entry.data.location },
      }));
  },
};

export const programRunningFromTemporaryFolder: Heuristic = {
  id: 'computer.process-in-temporary-folder',
  version: '1',
  platform: 'computer',
  category: 'suspicious-process',
  scope: 'device',
  profile: 'surveillance',
  description: text('Programs running from a temporary folder.', 'Programmes qui tournent depuis un dossier temporaire.'),
  evaluate(observations) {
    return observations
      .of('process')
      .filter((process) => process.data.platform !== 'android' && process.data.platform !== 'ios' && !process.data.self && anyMatches(TEMPORARY_FOLDER, process.data.executable) && !anyMatches(TRANSIENT_APP_FOLDER, process.data.executable))
      .map((process) => ({
        subject: process.data.executable ?? process.data.name,
        severity: 'medium' as const,
        title: text(`“${process.data.name}” is running from a temporary folder`, `« ${process.data.name} » tourne depuis un dossier temporaire`),
        explanation: text(
          'Installers unpack themselves in temporary folders, but a program that keeps running from one is how many spyware and remote-access tools hide.',
          'Les programmes d’installation se décompressent dans des dossiers temporaires, mais un programme qui continue de tourner depuis l’un d’eux est une façon de se cacher de nombreux logiciels espions et outils d’accès à distance.',
        ),
        ...evidenceOf(process),
        details: { executable: process.data.executable, commandLine: process.data.commandLine, sha256: process.data.sha256, user: process.data.user },
      }));
  },
};

export const unsignedProgramInUserFolder: Heuristic = {
  id: 'computer.unsigned-program-in-user-folder',
  version: '1',
  platform: 'computer',
  category: 'suspicious-process',
  scope: 'device',
  profile: 'surveillance',
  description: text('Programs without a valid code signature running from a folder any user can write to (Windows and macOS tell).', 'Programmes sans signature de code valide qui tournent depuis un dossier où tout utilisateur peut écrire (Windows et macOS le disent).'),
  evaluate(observations) {
    return observations
      .of('process')
      .filter((process) => process.data.signed === false && !process.data.self && anyMatches(USER_FOLDER, process.data.executable) && !anyMatches(TEMPORARY_FOLDER, process.data.executable))
      .map((process) => ({
        subject: process.data.executable ?? process.data.name,
        severity: 'medium' as const,
        title: text(`“${process.data.name}” is not signed and runs from a user folder`, `« ${process.data.name} » n’est pas signé et tourne depuis un dossier d’utilisateur`),
        explanation: text(
          'Programs from known publishers carry a code signature. An unsigned program placed in a user’s folder was not installed the usual way: check with the survivor whether she knows it.',
          'Les programmes d’éditeurs connus portent une signature de code. Un programme non signé placé dans le dossier d’un utilisateur n’a pas été installé de la manière habituelle : vérifiez avec la personne si elle le connaît.',
        ),
        ...evidenceOf(process),
        details: { executable: process.data.executable, signer: process.data.signer, sha256: process.data.sha256 },
      }));
  },
};

export const libraryForcedIntoEveryProgram: Heuristic = {
  id: 'computer.ld-preload',
  version: '1',
  platform: 'linux',
  category: 'keylogger',
  scope: 'device',
  profile: 'surveillance',
  description: text('Libraries forced into every program through /etc/ld.so.preload.', 'Bibliothèques imposées à tous les programmes par /etc/ld.so.preload.'),
  evaluate(observations) {
    return observations
      .of('persistence')
      .filter((entry) => entry.data.mechanism === 'ld-preload')
      .map((entry) => ({
        subject: entry.data.executable ?? entry.data.name,
        severity: 'high' as const,
        title: text(`A library is forced into every program: ${entry.data.name}`, `Une bibliothèque est imposée à tous les programmes : ${entry.data.name}`),
        explanation: text(
          'A library listed in /etc/ld.so.preload is loaded into every program, so it can read what is typed or hide other programs. Ordinary home computers have none.',
          'Une bibliothèque listée dans /etc/ld.so.preload est chargée dans tous les programmes : elle peut lire ce qui est tapé ou cacher d’autres programmes. Un ordinateur personnel ordinaire n’en a aucune.',
        ),
        ...evidenceOf(entry),
        details: { library: entry.data.executable, location: entry.data.location },
      }));
  },
};

export const macConfigurationProfiles: Heuristic = {
  id: 'macos.configuration-profile',
  version: '1',
  platform: 'macos',
  category: 'device-management',
  scope: 'device',
  profile: 'managed',
  description: text('Configuration and MDM profiles on a Mac, and what they allow.', 'Profils de configuration et de gestion (MDM) sur un Mac, et ce qu’ils permettent.'),
  evaluate: (observations) => configurationProfileHits(observations.of('macos.profile'), { en: 'Mac', fr: 'un Mac' }),
};

export const computerHeuristics: readonly Heuristic[] = [persistenceFromTemporaryFolder, persistenceFromHiddenFolder, programRunningFromTemporaryFolder, unsignedProgramInUserFolder, libraryForcedIntoEveryProgram, macConfigurationProfiles];
