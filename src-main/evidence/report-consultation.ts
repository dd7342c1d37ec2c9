// The consultation in the report: the parts of the record she chose to share (her concerns, the devices she
// brought, the guided checks with her answers, the weaknesses found, safety planning, changes made with her
// consent, what to follow up), those she kept out named as such; and, for the method section, the guided checks
// done as the custody log recorded them (which checks, done or not — never her words).
import { CONCERN_WORDS, OUTCOME_WORDS, PART_WORDS, type ConsultationPart, type SharedConsultation } from '../../src-shared/consultation.js';
import { GUIDED_CHECK_IDS, guidedCheck } from '../../src-shared/guided-checks.js';
import type { BundleManifest } from '../../src-shared/bundle.js';
import type { CustodyEntry, LocalizedText } from '../../src-shared/model.js';

type Language = 'en' | 'fr';
/** Escapes text for the page (and redacts it when asked). */
type Show = (text: string) => string;

const t = (en: string, fr: string): LocalizedText => ({ en, fr });

const WORDS = {
  title: t('Consultation with her', 'Consultation avec elle'),
  intro: t(
    'What the advocate went through with her, as recorded in the case. She chose which parts this report shows.',
    'Ce que l’intervenante a passé en revue avec elle, tel qu’enregistré dans le dossier. Elle a choisi les parties que ce rapport montre.',
  ),
  notShared: t('Not shared', 'Non communiqué'),
  findingsLeftOut: t('finding(s) made from her answers are left out with them.', 'constat(s) tirés de ses réponses sont omis avec elles.'),
  check: t('Check', 'Vérification'),
  showed: t('What it showed', 'Résultat'),
  answer: t('Her answer', 'Sa réponse'),
  checksDone: t('Guided checks done with her', 'Vérifications guidées faites avec elle'),
  checksIntro: t(
    'What no scan can read, checked by hand with her (her answers are in the consultation section when she chose to share them).',
    'Ce qu’aucun examen ne peut lire, vérifié à la main avec elle (ses réponses figurent dans la section de la consultation si elle a choisi de les communiquer).',
  ),
  done: t('done', 'faite'),
  notDone: t('not done', 'pas faite'),
};

function list(items: readonly string[], show: Show): string {
  return items.length ? `<ul>${items.map((item) => `<li><bdi>${show(item)}</bdi></li>`).join('')}</ul>` : '<p>—</p>';
}

function partBody(part: ConsultationPart, record: SharedConsultation['record'], lang: Language, show: Show, escape: Show): string {
  switch (part) {
    case 'concerns':
      return `${list((record.concerns ?? []).map((concern) => CONCERN_WORDS[concern][lang]), escape)}${record.concernsNote ? `<p><bdi>${show(record.concernsNote)}</bdi></p>` : ''}`;
    case 'devices':
      return list(record.devicesBrought ?? [], show);
    case 'checks': {
      const rows = (record.checks ?? []).map(
        (answer) => `<tr><td>${escape(guidedCheck(answer.check).title[lang])}</td><td>${escape(OUTCOME_WORDS[answer.outcome][lang])}</td><td><bdi>${answer.answer ? show(answer.answer) : '—'}</bdi></td></tr>`,
      );
      return rows.length ? `<table><tr><th>${escape(WORDS.check[lang])}</th><th>${escape(WORDS.showed[lang])}</th><th>${escape(WORDS.answer[lang])}</th></tr>${rows.join('')}</table>` : '<p>—</p>';
    }
    case 'vulnerabilities':
      return list(record.vulnerabilities ?? [], show);
    case 'safety-planning':
      return record.safetyPlanning ? `<p><bdi>${show(record.safetyPlanning)}</bdi></p>` : '<p>—</p>';
    case 'changes':
      return list((record.changes ?? []).map((change) => change.what), show);
    case 'follow-ups':
      return list(record.followUps ?? [], show);
  }
}

/** The consultation's section of the report; empty when none was recorded. */
export function consultationSection(manifest: BundleManifest, lang: Language, show: Show, escape: Show): string {
  const shared = manifest.consultation;
  if (!shared) return '';
  const all = Object.keys(PART_WORDS) as ConsultationPart[];
  const kept = all.filter((part) => !shared.parts.includes(part));
  return `<h2>${escape(WORDS.title[lang])}</h2>
<p>${escape(WORDS.intro[lang])}</p>
${shared.parts.map((part) => `<h3>${escape(PART_WORDS[part][lang])}</h3>\n${partBody(part, shared.record, lang, show, escape)}`).join('\n')}
${kept.length ? `<p class="small">${escape(WORDS.notShared[lang])}: ${kept.map((part) => escape(PART_WORDS[part][lang])).join(' · ')}.</p>` : ''}
${shared.findingsLeftOut > 0 ? `<p class="small">${shared.findingsLeftOut} ${escape(WORDS.findingsLeftOut[lang])}</p>` : ''}`;
}

/** The guided checks done, from the last save of the consultation in the custody log: which, and whether done. */
export function checksDone(custody: readonly CustodyEntry[]): { title: LocalizedText; done: boolean }[] {
  const last = custody.filter((entry) => entry.action === 'consultation.saved').at(-1);
  const checks = Array.isArray(last?.details.checks) ? (last.details.checks as unknown[]) : [];
  return checks.flatMap((item) => {
    const entry = item as { check?: unknown; outcome?: unknown } | null;
    const id = GUIDED_CHECK_IDS.find((known) => known === entry?.check);
    return id ? [{ title: guidedCheck(id).title, done: entry?.outcome !== 'not-done' }] : [];
  });
}

/** The method section's list of guided checks done with her; empty when none was. */
export function checksDoneSection(manifest: BundleManifest, lang: Language, escape: Show): string {
  const checks = checksDone(manifest.custody.entries);
  if (checks.length === 0) return '';
  return `<h3>${escape(WORDS.checksDone[lang])}</h3>
<p class="small">${escape(WORDS.checksIntro[lang])}</p>
<ul>${checks.map((check) => `<li>${escape(check.title[lang])} — ${escape((check.done ? WORDS.done : WORDS.notDone)[lang])}</li>`).join('')}</ul>`;
}
