// What to examine in a case: an Android phone, an iPhone (backup or live), this computer, or an offline
// acquisition — one tab each, folded away once results are there; the computer and offline panels are here,
// the phone panels beside.
import { useEffect, useState } from 'react';
import { FileChooser } from '../../components/FileChooser.js';
import { Tabs, tabPanelProps } from '../../components/Tabs.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { useCaseView } from '../../stores/case-view.js';
import { usePick } from '../../stores/pick.js';
import { IphonePanel } from './IphonePanel.js';
import { ConnectDevice } from './AndroidPanel.js';

type Source = 'android' | 'iphone' | 'computer' | 'offline';

const SOURCES: Source[] = ['android', 'iphone', 'computer', 'offline'];

/**
 * What to examine: an Android phone, an iPhone (backup or live), this computer, or an offline acquisition.
 * Once something was examined the results come first and this folds away, to scan again or another device.
 */
export function Sources({ folded }: { folded: boolean }) {
  const t = useT();
  const [source, setSource] = useState<Source>('android');
  const content = (
    <>
      <Tabs id="source" label={t('sources.title')} items={SOURCES} selected={source} name={(item) => t(`sources.${item}`)} onSelect={setSource} />
      <div {...tabPanelProps('source', source)}>
        {source === 'android' ? <ConnectDevice /> : source === 'iphone' ? <IphonePanel /> : source === 'computer' ? <ComputerPanel /> : <OfflinePanel />}
      </div>
    </>
  );
  if (!folded) {
    return (
      <section aria-labelledby="sources-title" className="section">
        <h2 id="sources-title">{t('sources.title')}</h2>
        {content}
      </section>
    );
  }
  // Closed when results arrive; the advocate opens it to scan again (the browser keeps it open or closed).
  return (
    <details className="section sources-folded">
      <summary>
        <h2 id="sources-title">{t('sources.again')}</h2>
      </summary>
      {content}
    </details>
  );
}

function ComputerPanel() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { host, loadHostInfo, scanHost, busy, scan } = usePick(useCaseView, 'host', 'loadHostInfo', 'scanHost', 'busy', 'scan');
  useEffect(() => {
    void loadHostInfo();
  }, [loadHostInfo]);
  return (
    <div>
      <p>{host ? host.guidance[language] : t('loading.part')}</p>
      {host?.platform ? (
        <button type="button" className="primary" disabled={busy || scan !== null} onClick={() => void scanHost()}>
          {t('computer.scan', { name: host.name })}
        </button>
      ) : null}
    </div>
  );
}

function OfflinePanel() {
  const t = useT();
  const { importAcquisition, busy, scan, sending } = usePick(useCaseView, 'importAcquisition', 'busy', 'scan', 'sending');
  const choose = (chosen: File[] | string) => void importAcquisition(chosen);
  return (
    <div>
      <p className="help">{t('offline.help')}</p>
      <div className="inline-form">
        <FileChooser label={t('offline.chooseZip')} accept=".zip,application/zip" disabled={busy || scan !== null} onChoose={choose} />
        <FileChooser label={t('offline.chooseFolder')} folder disabled={busy || scan !== null} onChoose={choose} />
      </div>
      {sending !== null ? (
        <p role="status">
          {t('offline.sending')} <progress max={1} value={sending} aria-label={t('offline.sending')} aria-valuetext={`${Math.round(sending * 100)}%`} />
        </p>
      ) : null}
    </div>
  );
}
