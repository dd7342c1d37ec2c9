// "Preview the report": exactly the report a bundle of this case would carry if sealed now, in her
// language, to read before sealing and to print through the system's print dialog. It is made in memory;
// nothing is written to disk in clear.
import { useEffect, useRef } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PrintArea, printNow } from '../../components/PrintArea.js';
import { QuickExitButton } from '../../components/QuickExitButton.js';
import { ReportView } from '../../components/ReportView.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { useCaseView } from '../../stores/case-view.js';
import { usePick } from '../../stores/pick.js';
import { useSealing } from '../../stores/sealing.js';

export function ReportPreview({ onDone }: { onDone: () => void }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const theCase = useCaseView((s) => s.theCase);
  const { preview, loadPreview, closePreview, error } = usePick(useSealing, 'preview', 'loadPreview', 'closePreview', 'error');
  const dialog = useRef<HTMLDialogElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opened = dialog.current;
    opened?.showModal();
    printButton.current?.focus();
    return () => {
      opened?.close();
      closePreview();
    };
  }, [closePreview]);
  useEffect(() => {
    if (theCase) void loadPreview(theCase.id, language);
  }, [theCase, language, loadPreview]);
  return (
    <dialog ref={dialog} className="dialog wide report-preview" aria-labelledby="preview-title" onCancel={onDone}>
      <div className="dialog-top">
        <h2 id="preview-title">{t('preview.title')}</h2>
        <QuickExitButton />
      </div>
      <p className="help">{t('preview.help')}</p>
      <div className="dialog-actions">
        <button ref={printButton} type="button" className="primary" disabled={!preview} onClick={printNow}>
          {t('preview.print')}
        </button>
        <button type="button" onClick={onDone}>
          {t('preview.close')}
        </button>
      </div>
      <ErrorNotice error={error} />
      {preview ? <ReportView html={preview} label={t('preview.title')} /> : <p>{t('loading.part')}</p>}
      {preview ? (
        <PrintArea label={t('preview.title')}>
          <ReportView html={preview} label={t('preview.title')} />
        </PrintArea>
      ) : null}
    </dialog>
  );
}
