// Where a shipped community list comes from, in one line: its licence, repository, commit and date — shown
// in Settings → Signatures and in About, as the lists' licences ask.
import type { SignatureInfo } from '../../src-shared/signature-info.js';
import { useT } from '../i18n/i18n.js';

type ListSourceInfo = NonNullable<NonNullable<SignatureInfo['community']>['sets'][number]['source']>;

export function ListSource({ source }: { source: ListSourceInfo | null }) {
  const t = useT();
  if (!source) return null;
  return (
    <span className="help">
      {' '}
      {t('signatures.source', { licence: source.licence, repository: source.repository, commit: source.commit.slice(0, 12), date: source.date.slice(0, 10) })}
    </span>
  );
}
