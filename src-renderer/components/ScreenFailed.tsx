// What shows when a screen cannot be drawn — a screen's code that failed to load (the app updated while it
// ran, a file missing) or an error while drawing it — instead of a window stuck on "loading": what happened,
// that nothing was changed, a way to reload, and the technical cause one click away.
import { Component, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.js';
import { TechnicalText } from './TechnicalText.js';

function Failed({ error }: { error: unknown }) {
  const t = useT();
  return (
    <main className="panel narrow" role="alert">
      <h1>{t('screenFailed.title')}</h1>
      <TechnicalText summary={t('screenFailed.body')} technical={error instanceof Error ? error.message : String(error)} />
      <button type="button" className="primary" onClick={() => window.location.reload()}>
        {t('screenFailed.reload')}
      </button>
    </main>
  );
}

export class ScreenFailed extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error: error ?? new Error('unknown error') };
  }

  override render(): ReactNode {
    return this.state.error === null ? this.props.children : <Failed error={this.state.error} />;
  }
}
