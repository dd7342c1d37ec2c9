// About Sentinelle: its version and licence, and the community lists it ships, each credited with its
// authors, licence and the upstream commit it was taken from (their licences ask for this attribution).
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ListSource } from '../../components/ListSource.js';
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
            <ListSource source={set.source} />
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
