// What to do about a finding, in order and in plain words: document first, plan safety with the survivor,
// get help — and only then, if she decides so, a containment step. The checklist the advocate must confirm
// before any step, and the explanation of the step itself (what it does, how it is undone, what it risks).
import type { ResponseGuidance } from '../../src-shared/acquisition.js';
import type { Finding, LocalizedText } from '../../src-shared/model.js';

const t = (en: string, fr: string): LocalizedText => ({ en, fr });

export const CHECKLIST = [
  {
    id: 'evidence-exported',
    text: t(
      'The evidence is exported as a sealed bundle and kept somewhere the other person cannot reach.',
      'Les preuves sont exportées dans un lot scellé et gardées hors de portée de l’autre personne.',
    ),
  },
  {
    id: 'survivor-agrees',
    text: t('The survivor knows what was found, and she decided to act now.', 'La personne sait ce qui a été trouvé et a décidé d’agir maintenant.'),
  },
  {
    id: 'safety-plan',
    text: t(
      'A safety plan is in place for the moment the other person notices (where she will be, who she can call).',
      'Un plan de sécurité est prêt pour le moment où l’autre personne s’en apercevra (où elle sera, qui elle peut appeler).',
    ),
  },
  {
    id: 'safe-device',
    text: t('She has a safe way to reach help that the other person has never had access to.', 'Elle a un moyen sûr de demander de l’aide, auquel l’autre personne n’a jamais eu accès.'),
  },
] as const;

export type ChecklistId = (typeof CHECKLIST)[number]['id'];

const STEPS = [
  {
    title: t('1. Document first', '1. Documenter d’abord'),
    text: t(
      'Do not change anything on the phone yet. Export a sealed evidence bundle from this case: it keeps what was found, with fingerprints a lawyer can check.',
      'Ne modifiez encore rien sur le téléphone. Exportez un lot de preuves scellé depuis ce dossier : il conserve ce qui a été trouvé, avec des empreintes qu’un avocat peut vérifier.',
    ),
  },
  {
    title: t('2. Plan safety with her', '2. Planifier la sécurité avec elle'),
    text: t(
      'Removing or disabling surveillance can tell the other person that it was found. Talk it through with the survivor and make a safety plan before deciding anything.',
      'Supprimer ou désactiver une surveillance peut révéler à l’autre personne qu’elle a été découverte. Parlez-en avec la personne et établissez un plan de sécurité avant de décider quoi que ce soit.',
    ),
  },
  {
    title: t('3. Get help', '3. Se faire aider'),
    text: t(
      'A domestic-violence hotline, a lawyer or the police can advise on what to do with the evidence; a technical expert of your network can confirm the finding.',
      'Une ligne d’écoute pour les violences conjugales, un avocat ou la police peuvent conseiller sur l’usage des preuves ; une personne experte de votre réseau peut confirmer le résultat.',
    ),
  },
  {
    title: t('4. Then decide', '4. Ensuite, décider'),
    text: t(
      'Options include keeping the phone as it is (and using a safe one), a new phone, or — when she decides — turning the app off. Sentinelle never does this on its own.',
      'Les options : garder le téléphone tel quel (et en utiliser un sûr), un nouveau téléphone, ou — si elle le décide — désactiver l’application. Sentinelle ne le fait jamais d’elle-même.',
    ),
  },
];

const CONTACTS = [
  t('In an emergency: call 112 (Europe), 911 (North America) or your local emergency number.', 'En cas d’urgence : appelez le 112 (Europe), le 17 (police, France), le 911 (Amérique du Nord) ou le numéro d’urgence local.'),
  t('France: 3919, Violences Femmes Info (free, anonymous, 24/7).', 'France : 3919, Violences Femmes Info (gratuit, anonyme, 24 h/24).'),
  t('United States: National Domestic Violence Hotline, 1-800-799-7233.', 'États-Unis : National Domestic Violence Hotline, 1-800-799-7233.'),
  t('Canada: find your province’s shelter and crisis line at sheltersafe.ca.', 'Canada : trouvez le refuge et la ligne de crise de votre province sur sheltersafe.ca.'),
  t('Your shelter network’s technical contact, and stopstalkerware.org for more help.', 'Le contact technique de votre réseau de refuges, et stopstalkerware.org pour plus d’aide.'),
];

export function responseGuidance(finding: Finding, target: string | null): ResponseGuidance {
  return {
    findingId: finding.id,
    steps: STEPS,
    contacts: CONTACTS,
    checklist: CHECKLIST.map((item) => ({ id: item.id, text: item.text })),
    containment: target
      ? {
          kind: 'disable-app',
          packageName: target,
          explanation: t(
            `Turns off the app ${target} for the phone’s user, without deleting it or its data: it stops running and disappears from the app list. It can be turned back on from Sentinelle. The other person may notice that it stopped reporting.`,
            `Désactive l’application ${target} pour l’utilisateur du téléphone, sans la supprimer ni effacer ses données : elle cesse de fonctionner et disparaît de la liste des applications. Elle peut être réactivée depuis Sentinelle. L’autre personne peut remarquer qu’elle ne transmet plus rien.`,
          ),
        }
      : {
          kind: null,
          packageName: null,
          explanation: t(
            'No step is offered here: this finding does not point to one app of the phone’s owner on an Android phone that Sentinelle scanned (an app inside a work profile or of another user is not turned off from here). Follow the steps above with an expert.',
            'Aucune mesure n’est proposée ici : ce résultat ne désigne pas une application précise de la propriétaire d’un téléphone Android analysé par Sentinelle (une application d’un profil professionnel ou d’un autre utilisateur n’est pas désactivée d’ici). Suivez les étapes ci-dessus avec une personne experte.',
          ),
        },
  };
}
