// The reader page's words, in English and French: a lawyer (or anyone the advocate gives the bundle to)
// opens it without Sentinelle and without help, so every step says what to do and what it means.
export type ReaderLanguage = 'en' | 'fr';

export const WORDS = {
  title: { en: 'Sentinelle — evidence bundle reader', fr: 'Sentinelle — lecteur de lots de preuves' },
  intro: {
    en: 'Open a sealed evidence bundle (.sntl) that a shelter gave you, check that it is complete and unaltered, and read its report. Everything happens in this page: nothing is sent anywhere, and it works without the internet.',
    fr: 'Ouvrez un lot de preuves scellé (.sntl) qu’une maison d’hébergement vous a remis, vérifiez qu’il est complet et intact, et lisez son rapport. Tout se passe dans cette page : rien n’est envoyé nulle part, et elle fonctionne sans internet.',
  },
  bundle: { en: '1. The bundle file (.sntl)', fr: '1. Le fichier du lot (.sntl)' },
  passphrase: { en: '2. The passphrase the advocate told you (by phone)', fr: '2. La phrase secrète que l’intervenante vous a dite (par téléphone)' },
  passphraseHelp: { en: 'Type the words in lower case, separated by spaces. Then press Enter.', fr: 'Tapez les mots en minuscules, séparés par des espaces. Puis appuyez sur Entrée.' },
  keyFile: { en: 'Or, if you were given a key file instead: your secret key file (.key)', fr: 'Ou, si l’on vous a donné un fichier de clé : votre fichier de clé secrète (.key)' },
  signer: { en: 'The installation fingerprint on the hand-over sheet (optional)', fr: 'L’empreinte de l’installation inscrite sur la fiche de remise (facultatif)' },
  signerHelp: {
    en: 'Five groups of four characters, like PF7W-0GAN-2V47-4K4X-E6C9. Given here, the page checks it for you; otherwise compare it yourself with the one shown after opening.',
    fr: 'Cinq groupes de quatre caractères, comme PF7W-0GAN-2V47-4K4X-E6C9. Saisie ici, la page la vérifie pour vous ; sinon, comparez-la vous-même avec celle affichée après l’ouverture.',
  },
  open: { en: 'Open and check', fr: 'Ouvrir et vérifier' },
  language: { en: 'Language', fr: 'Langue' },
  noFile: { en: 'Choose the bundle file first.', fr: 'Choisissez d’abord le fichier du lot.' },
  noKey: { en: 'Type the passphrase, or choose your key file.', fr: 'Tapez la phrase secrète, ou choisissez votre fichier de clé.' },
  badKeyFile: { en: 'This is not a Sentinelle secret key file (the .key file made with the .pub one).', fr: 'Ce n’est pas un fichier de clé secrète Sentinelle (le fichier .key créé avec le .pub).' },
  damagedKeyFile: { en: 'This key file is damaged: its secret key does not match its public key.', fr: 'Ce fichier de clé est abîmé : sa clé secrète ne correspond pas à sa clé publique.' },
  badSigner: { en: 'This is not a fingerprint: five groups of four letters and digits, separated by dashes.', fr: 'Ce n’est pas une empreinte : cinq groupes de quatre lettres et chiffres, séparés par des tirets.' },
  opening: { en: 'Opening and checking… A passphrase takes a few seconds.', fr: 'Ouverture et vérification… Une phrase secrète prend quelques secondes.' },
  checked: { en: 'Checked {bytes} of {total}…', fr: '{bytes} sur {total} vérifiés…' },
  verified: { en: 'Verified', fr: 'Vérifié' },
  verifiedText: {
    en: 'The bundle is complete and unaltered since it was sealed, and it is signed by installation {fingerprint}.',
    fr: 'Le lot est complet et n’a pas été modifié depuis qu’il a été scellé, et il est signé par l’installation {fingerprint}.',
  },
  signerChecked: { en: 'This is the fingerprint you gave: the bundle comes from that installation.', fr: 'C’est l’empreinte que vous avez donnée : le lot vient de cette installation.' },
  compareSigner: {
    en: 'Compare this fingerprint with the one on the hand-over sheet or that the shelter reads to you. If they differ, the bundle was not made by that shelter.',
    fr: 'Comparez cette empreinte avec celle de la fiche de remise, ou celle que la maison d’hébergement vous lit. Si elles diffèrent, le lot n’a pas été fait par cette maison.',
  },
  notVerified: { en: 'Not verified', fr: 'Non vérifié' },
  notVerifiedText: { en: 'Do not rely on this copy. What is wrong:', fr: 'Ne vous fiez pas à cette copie. Ce qui ne va pas :' },
  technical: { en: 'Technical detail', fr: 'Détail technique' },
  caseLine: { en: 'Case {id} ({pseudonym}), sealed on {date}.', fr: 'Dossier {id} ({pseudonym}), scellé le {date}.' },
  filesLine: { en: '{verified} of {expected} files verified; {excluded} left out by the sender.', fr: '{verified} fichiers vérifiés sur {expected} ; {excluded} laissés de côté par l’expéditrice.' },
  sealedFor: { en: 'Sealed for: {recipients}.', fr: 'Scellé pour : {recipients}.' },
  aPassphrase: { en: 'a passphrase', fr: 'une phrase secrète' },
  bundleSha: { en: 'SHA-256 of the bundle file: {sha256}', fr: 'SHA-256 du fichier du lot : {sha256}' },
  report: { en: 'The report', fr: 'Le rapport' },
  print: { en: 'Print the report', fr: 'Imprimer le rapport' },
  files: { en: 'The bundle’s files', fr: 'Les fichiers du lot' },
  saveAll: { en: 'Save all files (.zip)', fr: 'Enregistrer tous les fichiers (.zip)' },
  save: { en: 'Save', fr: 'Enregistrer' },
  reportHtml: { en: 'Report (web page)', fr: 'Rapport (page web)' },
  reportPdf: { en: 'Report (PDF)', fr: 'Rapport (PDF)' },
  manifest: { en: 'Signed list of contents (manifest)', fr: 'Liste signée du contenu (manifeste)' },
  artifact: { en: 'Evidence file', fr: 'Pièce' },
  bytes: { en: '{n} bytes', fr: '{n} octets' },
  printedVerdict: {
    en: 'Checked with the Sentinelle reader on {date}: complete, unaltered, signed by installation {fingerprint}.',
    fr: 'Vérifié avec le lecteur Sentinelle le {date} : complet, intact, signé par l’installation {fingerprint}.',
  },
  about: {
    en: 'This page follows the published bundle format (docs/bundle-format.md in Sentinelle’s source) and uses libsodium (ISC licence) for the cryptography. Its SHA-256 fingerprint is given in the report and in Sentinelle’s README, so that an expert can check this is the page the shelter gave.',
    fr: 'Cette page suit le format publié des lots (docs/bundle-format.md dans les sources de Sentinelle) et utilise libsodium (licence ISC) pour la cryptographie. Son empreinte SHA-256 figure dans le rapport et dans le README de Sentinelle, pour qu’un expert puisse vérifier que c’est bien la page remise par la maison d’hébergement.',
  },
  unexpected: { en: 'The page could not finish: {detail}', fr: 'La page n’a pas pu terminer : {detail}' },
} satisfies Record<string, Record<ReaderLanguage, string>>;

export type WordKey = keyof typeof WORDS;

export function say(language: ReaderLanguage, key: WordKey, params: Record<string, string | number> = {}): string {
  return WORDS[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
