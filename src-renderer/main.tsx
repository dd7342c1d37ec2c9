// The renderer's entry point, run after api/connect.ts has connected to the back end (Electron bridge or
// headless host): render the app, or, with no back end, how to open it.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isConnected } from './api/context.js';
import { App } from './App.js';
import { useLanguage } from './i18n/i18n.js';
import { useSession } from './stores/session.js';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
document.documentElement.lang = useLanguage.getState().language;
if (isConnected()) {
  // Which first screen to show (create, unlock, cases): the answer to the request sent on connecting.
  void useSession.getState().refresh();
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else {
  root.render(
    <main className="panel narrow">
      <h1>Sentinelle</h1>
      <p>Open the full address that `sentinelle serve` printed, including the part after #.</p>
      <p lang="fr">Ouvrez l’adresse complète affichée par `sentinelle serve`, y compris la partie après #.</p>
    </main>,
  );
}
