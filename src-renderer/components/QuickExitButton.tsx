// The quick-exit button: in the header on every screen, and inside every dialog (a modal dialog makes the
// rest of the window unreachable, and a frightened advocate reaches for the button, not for Esc twice).
import { useT } from '../i18n/i18n.js';
import { useSession } from '../stores/session.js';

export function QuickExitButton() {
  const t = useT();
  const quickExit = useSession((state) => state.quickExit);
  return (
    <button type="button" className="quick-exit" title={t('quickExit.hint')} onClick={quickExit}>
      {t('quickExit.button')}
    </button>
  );
}
