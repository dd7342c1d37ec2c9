// What the advocate is told for each state a phone can be in, in English and French. The prompt a phone
// shows ("Allow USB debugging?") is answered without ticking "Always allow from this computer": the
// survivor's phone then keeps no lasting trace of the shelter's laptop, and the fingerprint it shows can be
// compared with the one Sentinelle shows. A text of several lines is a short sentence, then the steps to take
// in order, in the words the phone itself shows (the screens number them; the command line too).
import type { DeviceState } from '../../../../src-shared/acquisition.js';
import type { LocalizedText } from '../../../../src-shared/model.js';

const DO_NOT_REMEMBER: LocalizedText = {
  en: 'Tap “Allow” without ticking “Always allow from this computer”: the phone then keeps no lasting trace of this computer.',
  fr: 'Touchez « Autoriser » sans cocher « Toujours autoriser sur cet ordinateur » : le téléphone ne garde alors aucune trace durable de cet ordinateur.',
};

/** Lines of a guidance text: the sentence, then each step. */
function lines(...parts: LocalizedText[]): LocalizedText {
  return { en: parts.map((part) => part.en).join('\n'), fr: parts.map((part) => part.fr).join('\n') };
}

/** The advice for a phone waiting for its owner to allow this computer, with the fingerprint to compare. */
export function unauthorizedGuidance(keyFingerprint: string | null): LocalizedText {
  return lines(
    { en: 'The phone is waiting for you to allow this computer.', fr: 'Le téléphone attend que vous autorisiez cet ordinateur.' },
    { en: 'Unlock the phone: it asks “Allow USB debugging?”.', fr: 'Déverrouillez le téléphone : il demande « Autoriser le débogage USB ? ».' },
    ...(keyFingerprint ? [{ en: `Check that the fingerprint it shows is ${keyFingerprint}.`, fr: `Vérifiez que l’empreinte affichée est ${keyFingerprint}.` }] : []),
    DO_NOT_REMEMBER,
  );
}

export const GUIDANCE: Record<Exclude<DeviceState, 'unauthorized'> | 'none' | 'vault-locked' | 'usb-unreadable', LocalizedText> = {
  device: { en: 'The phone is connected and ready.', fr: 'Le téléphone est branché et prêt.' },
  offline: { en: 'The phone is not answering: unplug it, plug it back in and unlock it.', fr: 'Le téléphone ne répond pas : débranchez-le, rebranchez-le et déverrouillez-le.' },
  connecting: { en: 'The phone is connecting; wait a few seconds.', fr: 'Le téléphone se connecte ; patientez quelques secondes.' },
  busy: {
    en: 'Another program on this computer is using the phone (Android Studio, another adb, a phone maker’s app). Close it, then unplug the phone and plug it back in.',
    fr: 'Un autre programme de cet ordinateur utilise le téléphone (Android Studio, un autre adb, l’application d’un fabricant). Fermez-le, puis débranchez et rebranchez le téléphone.',
  },
  'no-permission': {
    en: 'This computer does not let Sentinelle open the phone. On Linux, install Sentinelle’s USB rule (see the guide); on Windows, install Google’s USB driver or the phone maker’s. Then unplug the phone and plug it back in.',
    fr: 'Cet ordinateur ne laisse pas Sentinelle ouvrir le téléphone. Sous Linux, installez la règle USB de Sentinelle (voir le guide) ; sous Windows, installez le pilote USB de Google ou celui du fabricant. Puis débranchez et rebranchez le téléphone.',
  },
  other: { en: 'The phone is in an unusual state: unplug it and plug it back in.', fr: 'Le téléphone est dans un état inhabituel : débranchez-le et rebranchez-le.' },
  'usb-unreadable': {
    en: 'Sentinelle could not read this computer’s USB ports, so a phone on a cable cannot be seen. Restart Sentinelle; if this stays, show the details to someone who helps you with computers. A phone in wireless debugging, or an adb server already running here, still works.',
    fr: 'Sentinelle n’a pas pu lire les ports USB de cet ordinateur : un téléphone branché par câble ne peut pas être vu. Redémarrez Sentinelle ; si cela persiste, montrez les détails à une personne qui vous aide en informatique. Un téléphone en débogage sans fil, ou un serveur adb déjà lancé ici, fonctionne quand même.',
  },
  'vault-locked': {
    en: 'Sentinelle talks to a phone only once its vault is open: open the vault, and the phone will then ask to allow this computer.',
    fr: 'Sentinelle ne communique avec un téléphone qu’une fois son coffre ouvert : ouvrez le coffre, puis le téléphone demandera d’autoriser cet ordinateur.',
  },
  none: lines(
    { en: 'No phone found yet. On the phone:', fr: 'Aucun téléphone trouvé pour l’instant. Sur le téléphone :' },
    { en: 'Open Settings → About phone, and tap “Build number” seven times (the phone says you are now a developer).', fr: 'Ouvrez Paramètres → À propos du téléphone, et touchez sept fois « Numéro de build » (le téléphone dit que vous êtes développeur).' },
    { en: 'Open Settings → System → Developer options, and turn on “USB debugging”.', fr: 'Ouvrez Paramètres → Système → Options pour les développeurs, et activez « Débogage USB ».' },
    { en: 'Plug the phone into this computer with a USB cable, and unlock it. Nothing appears? Try another cable: some only charge.', fr: 'Branchez le téléphone à cet ordinateur avec un câble USB, et déverrouillez-le. Rien n’apparaît ? Essayez un autre câble : certains ne font que charger.' },
    { en: 'When it asks “Allow USB debugging?”, tap “Allow” without ticking “Always allow from this computer”.', fr: 'Quand il demande « Autoriser le débogage USB ? », touchez « Autoriser » sans cocher « Toujours autoriser sur cet ordinateur ».' },
  ),
};

export function guidanceFor(state: DeviceState, keyFingerprint: string | null): LocalizedText {
  return state === 'unauthorized' ? unauthorizedGuidance(keyFingerprint) : GUIDANCE[state];
}
