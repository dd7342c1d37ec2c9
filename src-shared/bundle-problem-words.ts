// Each problem a verification can find, in plain words (English and French): the same sentence in the app's
// "Check a bundle" screen and in the lawyer's reader page. The verifier's own message, in English, stays
// as the technical detail beside it.
import type { VerifyProblemCode } from './bundle-verdict.js';

export const PROBLEM_WORDS: Readonly<Record<VerifyProblemCode, { en: string; fr: string }>> = {
  'not-a-bundle': {
    en: "This file is not a Sentinelle evidence bundle.",
    fr: "Ce fichier n’est pas un lot de preuves Sentinelle.",
  },
  'unsupported-version': {
    en: "This bundle was made by another version of Sentinelle (an older one, or a newer one: then update Sentinelle to check it).",
    fr: "Ce lot a été fait par une autre version de Sentinelle (plus ancienne, ou plus récente : mettez alors Sentinelle à jour pour le vérifier).",
  },
  'wrong-key': {
    en: "This key or passphrase does not open the bundle: it was sealed for someone else, or the passphrase is wrong.",
    fr: "Cette clé ou cette phrase secrète n’ouvre pas le lot : il a été scellé pour quelqu’un d’autre, ou la phrase secrète est fausse.",
  },
  'header-altered': {
    en: "The start of the file was changed after it was sealed.",
    fr: "Le début du fichier a été modifié après le scellement.",
  },
  'truncated': {
    en: "The file is cut short: part of it is missing (an interrupted copy?).",
    fr: "Le fichier est incomplet : une partie manque (copie interrompue ?).",
  },
  'chunk-altered': {
    en: "Part of the file was changed after it was sealed.",
    fr: "Une partie du fichier a été modifiée après le scellement.",
  },
  'chunks-reordered': {
    en: "Parts of the file were moved around after it was sealed.",
    fr: "Des parties du fichier ont été déplacées après le scellement.",
  },
  'manifest-invalid': {
    en: "The list of contents inside the bundle cannot be read.",
    fr: "La liste du contenu du lot est illisible.",
  },
  'signature-invalid': {
    en: "The signature does not match the contents: they were changed after signing.",
    fr: "La signature ne correspond pas au contenu : il a été modifié après la signature.",
  },
  'unknown-signer': {
    en: "It was not signed by the installation you expected (or none was given to compare with).",
    fr: "Il n’a pas été signé par l’installation attendue (ou aucune n’a été indiquée pour comparer).",
  },
  'artifact-changed': {
    en: "A file inside the bundle differs from the one recorded when it was sealed.",
    fr: "Un fichier du lot diffère de celui enregistré lors du scellement.",
  },
  'artifact-missing': {
    en: "A file listed in the bundle is missing.",
    fr: "Un fichier listé dans le lot est absent.",
  },
  'unexpected-file': {
    en: "The bundle holds a file that was not in it when it was sealed.",
    fr: "Le lot contient un fichier qui n’y était pas lors du scellement.",
  },
  'custody-broken': {
    en: "The chain of custody inside the bundle is broken: an entry was changed or removed.",
    fr: "La chaîne de conservation du lot est rompue : une entrée a été modifiée ou supprimée.",
  },
  'manifest-duplicate-key': {
    en: "The list of contents names the same thing twice: different tools would read different contents, so it is refused.",
    fr: "La liste du contenu nomme deux fois la même chose : des outils différents liraient des contenus différents, elle est donc refusée.",
  },
  'manifest-not-canonical': {
    en: "The list of contents was rewritten after it was signed (its exact form changed).",
    fr: "La liste du contenu a été réécrite après sa signature (sa forme exacte a changé).",
  },
  'end-counts-wrong': {
    en: "The end of the bundle does not count what it holds: parts were removed or added and the file sealed again.",
    fr: "La fin du lot ne compte pas ce qu’il contient : des parties ont été retirées ou ajoutées et le fichier scellé à nouveau.",
  },
  'trailing-bytes': {
    en: "Something was added after the end of the bundle. What was sealed is checked as it is.",
    fr: "Quelque chose a été ajouté après la fin du lot. Ce qui a été scellé est vérifié tel quel.",
  },
  'recipients-changed': {
    en: "This copy was sealed again for other people than the advocate chose.",
    fr: "Cette copie a été scellée à nouveau pour d’autres personnes que celles choisies par l’intervenante.",
  },
};
