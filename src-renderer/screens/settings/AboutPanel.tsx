// About Sentinelle: its version and licence, and the community lists it ships, each credited with its
// authors and licence (their own words) and the upstream commit it was taken from.
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useAction } from '../../components/use-action.js';
import { useT } from '../../i18n/i18n.js';
import { useSettings } from '../../stores/settings.js';
import { useSignatures } from '../../stores/signatures.js';

export function AboutPanel() {
  const t = useT();
  const { error, run } = useAction();
  const [about, setAbout] = useState<{ version: string; licence: string } | null>(null);
  const info = useSignatures((s) => s.info);
  useEffect(() => {
    void run(() => useSettings.getState().about()).then((answer) => answer && setAbout(answer));
    void run(() => useSignatures.getState().load());
  }, []);
  return (
    <div>
      <ErrorNotice error={error} />
      {about ? <p>{t('about.version', { version: about.version, licence: about.licence })}</p> : null}
      <h3>{t('about.listsTitle')}</h3>
      <p className="help">{t('about.listsIntro')}</p>
      <ul>
        {(info?.community?.sets ?? []).map((set) => (
          <li key={set.name}>
            <strong>{set.name}</strong>
            {set.credit ? <> — {set.credit}</> : null}
            {set.source ? (
              <span className="help">
                {' '}
                {t('about.source', { repository: set.source.repository, commit: set.source.commit.slice(0, 12), date: set.source.date.slice(0, 10) })}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {info && info.imported.some((set) => set.credit) ? (
        <>
          <h3>{t('about.importedTitle')}</h3>
          <ul>
            {info.imported.filter((set) => set.credit).map((set) => (
              <li key={set.id}>
                <strong>{set.name}</strong> — {set.credit}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
