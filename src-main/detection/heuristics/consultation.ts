// What she found with the advocate (issue 32): a guided check she answered with something worrying — an
// unknown device on her Google account, her location shared, a forwarding rule — is a finding of the case
// like those read from a phone, in the class "account or sharing", with the same advice (go through it with
// her) and safety note (changing a password or removing a device can alert whoever uses it). Her answer is
// its explanation; it stays in the case and is never forwarded.
import { guidedCheck } from '../../../src-shared/guided-checks.js';
import { evidenceOf, text, type Heuristic } from '../heuristic.js';

export const worryingAnswer: Heuristic = {
  id: 'consultation.worrying-answer',
  version: '1',
  platform: 'any',
  category: 'account-sharing',
  scope: 'device',
  profile: 'sharing',
  description: text('A guided check done with her in the consultation that she answered with something worrying.', 'Une vérification guidée faite avec elle pendant la consultation, à laquelle elle a répondu par quelque chose d’inquiétant.'),
  evaluate(observations) {
    return observations.of('consultation.answer').map((answer) => {
      const check = guidedCheck(answer.data.check);
      const said = answer.data.answer.trim();
      return {
        subject: `consultation:${answer.data.check}`,
        severity: 'medium' as const,
        title: text(`Found with her — ${check.title.en}`, `Trouvé avec elle — ${check.title.fr}`),
        explanation: text(`${said ? `Her answer: “${said}”. ` : ''}${check.worrying.en}`, `${said ? `Sa réponse : « ${said} ». ` : ''}${check.worrying.fr}`),
        ...evidenceOf(answer),
        details: { check: answer.data.check, source: 'consultation' },
      };
    });
  },
};
