// A plain-language line in the advocate's language, with the back end's own words (a server's answer, a
// file's path, an exception) one click away: what the software says in English stays technical detail.
import { useT } from '../i18n/i18n.js';

export function TechnicalText({ summary, technical, className }: { summary: string; technical: string | null | undefined; className?: string }) {
  const t = useT();
  return (
    <div className={className}>
      <p>{summary}</p>
      {technical ? (
        <details>
          <summary>{t('error.technical')}</summary>
          <pre>{technical}</pre>
        </details>
      ) : null}
    </div>
  );
}
