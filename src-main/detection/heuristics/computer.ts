// Computer heuristics: programs set to start automatically from temporary folders, where installers of
// spyware and remote-access trojans like to hide. (Known spyware, keyloggers and remote-access tools are
// found by the signatures, through their process names, paths, services and launchd labels.)
import { evidenceOf, text, type Heuristic } from '../heuristic.js';

const TEMPORARY_FOLDER = /(^|\/)(tmp|var\/tmp|dev\/shm)\/|\/appdata\/local\/temp\/|\/windows\/temp\/|\/\$recycle\.bin\/|%te?mp%/i;

export const persistenceFromTemporaryFolder: Heuristic = {
  id: 'computer.persistence-in-temporary-folder',
  version: '1',
  platform: 'computer',
  category: 'persistence',
  profile: 'surveillance',
  description: text('Programs set to start automatically from a temporary folder.', 'Programmes lancés automatiquement depuis un dossier temporaire.'),
  evaluate(observations) {
    return observations
      .of('persistence')
      // The executable, or what it is told to run (powershell -File %TEMP%\x.ps1, wscript …\Temp\x.js).
      .filter((entry) => [entry.data.executable, entry.data.commandLine].some((text) => text !== null && TEMPORARY_FOLDER.test(text.replace(/\\/g, '/'))))
      .map((entry) => ({
        subject: `${entry.data.mechanism}:${entry.data.name}`,
        severity: 'medium' as const,
        title: text(`“${entry.data.name}” starts automatically from a temporary folder`, `« ${entry.data.name} » démarre automatiquement depuis un dossier temporaire`),
        explanation: text(
          'Real software is installed in a program folder. Something that starts with the computer from a temporary folder is typical of spyware and remote-access trojans.',
          'Un vrai logiciel s’installe dans un dossier de programmes. Un élément qui démarre avec l’ordinateur depuis un dossier temporaire est typique des logiciels espions et des chevaux de Troie d’accès à distance.',
        ),
        ...evidenceOf(entry),
        details: { mechanism: entry.data.mechanism, executable: entry.data.executable, commandLine: entry.data.commandLine },
      }));
  },
};

export const computerHeuristics: readonly Heuristic[] = [persistenceFromTemporaryFolder];
