// The checks no computer can make from the phone, to go through with her step by step (issue 32): who else
// can sign in to her accounts, see where she is, read her messages from another device, or see her phone
// bill. Each check says why it matters, the steps in plain words (English and French, as the apps name their
// menus in 2026), and what a worrying answer looks like. Her answers are recorded in the case; which checks
// apply is suggested from what the scan saw (src-main/consultation/suggest-checks.ts). The same safety rule as
// everywhere: look and note first — signing a device out or changing a password can alert whoever uses it.
import type { LocalizedText } from './model.js';

export interface GuidedCheck {
  id: GuidedCheckId;
  title: LocalizedText;
  why: LocalizedText;
  steps: readonly LocalizedText[];
  /** What a worrying answer looks like, so that the advocate knows what to note. */
  worrying: LocalizedText;
}

export const GUIDED_CHECK_IDS = ['google-account', 'apple-id', 'whatsapp', 'signal', 'telegram', 'facebook-instagram', 'snapchat', 'phone-plan', 'email-forwarding'] as const;
export type GuidedCheckId = (typeof GUIDED_CHECK_IDS)[number];

const t = (en: string, fr: string): LocalizedText => ({ en, fr });

export const GUIDED_CHECKS: readonly GuidedCheck[] = [
  {
    id: 'google-account',
    title: t('Her Google account', 'Son compte Google'),
    why: t(
      'Whoever can sign in to her Google account sees her e-mail, photos, contacts, location history and backups, from anywhere.',
      'Quiconque peut se connecter à son compte Google voit ses e-mails, photos, contacts, historique des positions et sauvegardes, de n’importe où.',
    ),
    steps: [
      t('On her phone, open Settings, then Google, then “Manage your Google Account”, then the Security tab.', 'Sur son téléphone, ouvrez Paramètres, puis Google, puis « Gérer votre compte Google », puis l’onglet Sécurité.'),
      t('Under “Your devices”, tap “Manage all devices”: read the list with her. Is every phone, tablet and computer hers?', 'Sous « Vos appareils », touchez « Gérer tous les appareils » : lisez la liste avec elle. Chaque téléphone, tablette et ordinateur est-il le sien ?'),
      t('Under “Your connections to third-party apps and services”, look for apps she does not know.', 'Sous « Vos connexions à des applis et services tiers », cherchez des applications qu’elle ne connaît pas.'),
      t('Under “How you sign in to Google”, read the recovery phone and recovery e-mail: are they hers?', 'Sous « Comment vous connecter à Google », lisez le téléphone et l’adresse e-mail de récupération : sont-ils les siens ?'),
      t('In Google Maps, tap her picture, then “Location sharing”: is anyone shown?', 'Dans Google Maps, touchez sa photo, puis « Partage de position » : quelqu’un apparaît-il ?'),
    ],
    worrying: t(
      'A device she does not know, a recovery phone or e-mail that is not hers, an app she did not connect, or her location shared with someone.',
      'Un appareil qu’elle ne connaît pas, un téléphone ou une adresse de récupération qui ne sont pas les siens, une application qu’elle n’a pas connectée, ou sa position partagée avec quelqu’un.',
    ),
  },
  {
    id: 'apple-id',
    title: t('Her Apple ID', 'Son identifiant Apple'),
    why: t(
      'Whoever knows her Apple ID sees her iCloud photos, messages and backups, and can locate her devices with Find My.',
      'Quiconque connaît son identifiant Apple voit ses photos, messages et sauvegardes iCloud, et peut localiser ses appareils avec Localiser.',
    ),
    steps: [
      t('On her iPhone, open Settings and tap her name at the top.', 'Sur son iPhone, ouvrez Réglages et touchez son nom en haut.'),
      t('Scroll to the list of devices: is every iPhone, iPad, Mac and watch hers?', 'Faites défiler jusqu’à la liste des appareils : chaque iPhone, iPad, Mac et montre est-il le sien ?'),
      t('Tap “Family”: who is in her Family Sharing group, and who organises it?', 'Touchez « Famille » : qui fait partie de son groupe de partage familial, et qui l’organise ?'),
      t('Open the Find My app, then “People”: who can see her location?', 'Ouvrez l’app Localiser, puis « Personnes » : qui peut voir sa position ?'),
    ],
    worrying: t(
      'A device she does not know, a family group organised by the other person, or her location shared with him.',
      'Un appareil qu’elle ne connaît pas, un groupe familial organisé par l’autre personne, ou sa position partagée avec lui.',
    ),
  },
  {
    id: 'whatsapp',
    title: t('WhatsApp linked devices', 'Les appareils liés à WhatsApp'),
    why: t('A computer linked to her WhatsApp reads every message as it arrives, without touching her phone again.', 'Un ordinateur lié à son WhatsApp lit chaque message à son arrivée, sans plus toucher à son téléphone.'),
    steps: [
      t('In WhatsApp, tap the three dots (Android) or Settings (iPhone), then “Linked devices”.', 'Dans WhatsApp, touchez les trois points (Android) ou Réglages (iPhone), puis « Appareils connectés ».'),
      t('Read each device and when it was last active: does she know each one?', 'Lisez chaque appareil et sa dernière activité : les connaît-elle tous ?'),
    ],
    worrying: t('A computer or browser she did not link herself, or one active when she was not using it.', 'Un ordinateur ou un navigateur qu’elle n’a pas lié elle-même, ou actif quand elle ne s’en servait pas.'),
  },
  {
    id: 'signal',
    title: t('Signal linked devices', 'Les appareils liés à Signal'),
    why: t('A computer or tablet linked to her Signal receives her messages too.', 'Un ordinateur ou une tablette lié à son Signal reçoit aussi ses messages.'),
    steps: [t('In Signal, tap her picture, then “Linked devices”: does she know each one?', 'Dans Signal, touchez sa photo, puis « Appareils reliés » : les connaît-elle tous ?')],
    worrying: t('A device she did not link herself.', 'Un appareil qu’elle n’a pas relié elle-même.'),
  },
  {
    id: 'telegram',
    title: t('Telegram active sessions', 'Les sessions actives de Telegram'),
    why: t('Every device signed in to her Telegram reads her chats.', 'Chaque appareil connecté à son Telegram lit ses conversations.'),
    steps: [t('In Telegram, open Settings, then “Devices”: read the active sessions with her.', 'Dans Telegram, ouvrez Paramètres, puis « Appareils » : lisez les sessions actives avec elle.')],
    worrying: t('A session on a device or in a place she does not know.', 'Une session sur un appareil ou dans un lieu qu’elle ne connaît pas.'),
  },
  {
    id: 'facebook-instagram',
    title: t('Facebook and Instagram sessions', 'Les sessions Facebook et Instagram'),
    why: t('Someone signed in to her Facebook or Instagram reads her private messages and sees her contacts.', 'Quelqu’un connecté à son Facebook ou Instagram lit ses messages privés et voit ses contacts.'),
    steps: [
      t('In Facebook or Instagram, open the menu, then “Accounts Center”, then “Password and security”, then “Where you’re logged in”.', 'Dans Facebook ou Instagram, ouvrez le menu, puis « Espace Comptes », puis « Mot de passe et sécurité », puis « Où vous êtes connecté(e) ».'),
      t('Read each session with her: device, place and date.', 'Lisez chaque session avec elle : appareil, lieu et date.'),
    ],
    worrying: t('A session on a device she does not own, or in a town where she was not.', 'Une session sur un appareil qui n’est pas le sien, ou dans une ville où elle n’était pas.'),
  },
  {
    id: 'snapchat',
    title: t('Snapchat map sharing', 'Le partage de position sur Snapchat'),
    why: t('Snap Map can show her friends where she is, live.', 'La Snap Map peut montrer en direct à ses amis où elle se trouve.'),
    steps: [t('In Snapchat, open the map, tap the settings wheel: is Ghost Mode on, and who can see her location?', 'Dans Snapchat, ouvrez la carte, touchez la roue des réglages : le mode fantôme est-il activé, et qui peut voir sa position ?')],
    worrying: t('Her location visible to the other person or to all her friends.', 'Sa position visible par l’autre personne ou par tous ses amis.'),
  },
  {
    id: 'phone-plan',
    title: t('Her phone plan', 'Son forfait téléphonique'),
    why: t(
      'Whoever holds the plan can see the numbers she calls and texts on the bill, and some carriers offer a family locator.',
      'Le titulaire du forfait peut voir sur la facture les numéros qu’elle appelle et à qui elle écrit, et certains opérateurs proposent une localisation familiale.',
    ),
    steps: [
      t('Ask her who holds the plan and who pays it.', 'Demandez-lui qui est titulaire du forfait et qui le paie.'),
      t('Ask whether the other person can see the bill or the carrier’s account online, or added a “family” or locator service.', 'Demandez si l’autre personne peut voir la facture ou le compte en ligne de l’opérateur, ou a ajouté un service « famille » ou de localisation.'),
    ],
    worrying: t('The plan in the other person’s name, or shared with him, or a locator service on it.', 'Le forfait au nom de l’autre personne, ou partagé avec lui, ou un service de localisation dessus.'),
  },
  {
    id: 'email-forwarding',
    title: t('E-mail forwarding', 'Le transfert des e-mails'),
    why: t('A forwarding rule sends a copy of every e-mail she receives to someone else, silently.', 'Une règle de transfert envoie en silence une copie de chaque e-mail qu’elle reçoit à quelqu’un d’autre.'),
    steps: [
      t('In Gmail on a computer, open Settings, “See all settings”, then “Forwarding and POP/IMAP”: is a forwarding address set?', 'Dans Gmail sur un ordinateur, ouvrez Paramètres, « Voir tous les paramètres », puis « Transfert et POP/IMAP » : une adresse de transfert est-elle réglée ?'),
      t('Then “Filters and blocked addresses”: does a filter forward or delete messages?', 'Puis « Filtres et adresses bloquées » : un filtre transfère-t-il ou supprime-t-il des messages ?'),
    ],
    worrying: t('A forwarding address or a filter she did not set up.', 'Une adresse de transfert ou un filtre qu’elle n’a pas réglés.'),
  },
];

export function guidedCheck(id: GuidedCheckId): GuidedCheck {
  return GUIDED_CHECKS.find((check) => check.id === id)!;
}
