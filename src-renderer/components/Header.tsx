// The bar at the top of every screen: the app's name, the language switch and the quick-exit button.
import { useLanguage, useT, type Language } from '../i18n/i18n.js';
import { QuickExitButton } from './QuickExitButton.js';

const LANGUAGES: { code: Language; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
];

export function Header() {
  const t = useT();
  const language = useLanguage((state) => state.language);
  const setLanguage = useLanguage((state) => state.setLanguage);
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      <div className="header-actions">
        <div role="group" aria-label={t('language.label')} className="language-switch">
          {LANGUAGES.map(({ code, name }) => (
            <button key={code} type="button" lang={code} aria-pressed={language === code} onClick={() => setLanguage(code)}>
              {name}
            </button>
          ))}
        </div>
        <QuickExitButton />
      </div>
    </header>
  );
}
