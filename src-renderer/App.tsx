// The window: the header on every screen, the screen the session calls for, and the window-wide
// behaviours — quick exit on Esc pressed twice, activity pings for the inactivity lock, lock events.
import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { Header } from './components/Header.js';
import { ScreenFailed } from './components/ScreenFailed.js';
import { translate, useLanguage, useT } from './i18n/i18n.js';
import { CreateVault } from './screens/CreateVault.js';
import { Recover } from './screens/Recover.js';
import { RecoveryKey } from './screens/RecoveryKey.js';
import { Unlock } from './screens/Unlock.js';
import { useSession, type Screen } from './stores/session.js';

// What the unlock screen needs comes with the page; the screens behind it (the case list and its dashboard,
// a case, settings and the rule editor, bundle checks) load once it shows, while the advocate types.
interface LaterScreen {
  Screen: ComponentType;
  preload(): Promise<unknown>;
}

/**
 * A screen loaded after the first one: rendered at once when it is already loaded (a lazy component would
 * show its fallback for a moment every first time, and React holds a fallback on screen for 300 ms), and
 * through Suspense while it loads.
 */
function laterScreen<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): LaterScreen {
  let loaded: ComponentType | null = null;
  const preload = () => load().then((module) => (loaded = pick(module)));
  const Lazy = lazy(async () => ({ default: pick(await load()) }));
  function Screen() {
    const Loaded = loaded;
    return Loaded ? <Loaded /> : <Lazy />;
  }
  return { Screen, preload };
}

const later = {
  caseList: laterScreen(() => import('./screens/CaseList.js'), (module) => module.CaseList),
  caseView: laterScreen(() => import('./screens/case/CaseView.js'), (module) => module.CaseView),
  newCase: laterScreen(() => import('./screens/NewCase.js'), (module) => module.NewCase),
  settings: laterScreen(() => import('./screens/settings/Settings.js'), (module) => module.Settings),
  verifyBundle: laterScreen(() => import('./screens/VerifyBundle.js'), (module) => module.VerifyBundle),
};
const CaseList = later.caseList.Screen;
const CaseView = later.caseView.Screen;
const NewCase = later.newCase.Screen;
const Settings = later.settings.Screen;
const VerifyBundle = later.verifyBundle.Screen;

/** Fetches the screens behind the unlock screen once it shows, so that none waits when opened. */
function usePreloadedScreens(): void {
  useEffect(() => {
    const timer = setTimeout(() => {
      for (const screen of Object.values(later)) void screen.preload().catch(() => undefined);
    }, 200);
    return () => clearTimeout(timer);
  }, []);
}

const DOUBLE_ESCAPE_MS = 1000;
/** How long a new screen's heading is waited for, to name the window and take the keyboard's focus. */
const HEADING_PATIENCE_MS = 10_000;
const ACTIVITY_PING_MS = 30_000;

function useQuickExitShortcut(): void {
  const quickExit = useSession((s) => s.quickExit);
  useEffect(() => {
    let lastEscape = 0;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      if (event.timeStamp - lastEscape < DOUBLE_ESCAPE_MS) quickExit();
      lastEscape = event.timeStamp;
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [quickExit]);
}

function useActivityPings(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let last = 0;
    const ping = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_PING_MS) return;
      last = now;
      useSession.getState().reportActivity();
    };
    const events = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, ping, { passive: true });
    return () => {
      for (const name of events) window.removeEventListener(name, ping);
    };
  }, [active]);
}

function useLockEvents(): void {
  const followLocks = useSession((s) => s.followLocks);
  useEffect(() => followLocks(), [followLocks]);
}

/**
 * On each new screen, the window's title names it, and the keyboard focus goes to its heading unless the
 * screen put it somewhere itself (a passphrase field): a screen reader announces where the advocate is.
 */
function useScreenAnnouncement(screen: Screen): void {
  const language = useLanguage((s) => s.language);
  useEffect(() => {
    if (screen === 'blank') return;
    const started = performance.now();
    let request = 0;
    const settle = () => {
      const heading = document.querySelector<HTMLElement>('main h1');
      if (!heading) {
        // The screen may still be loading its content (a case, on a slow laptop): look again, for a while.
        if (performance.now() - started < HEADING_PATIENCE_MS) request = requestAnimationFrame(settle);
        return;
      }
      document.title = `${heading.textContent ?? ''} — ${translate(language, 'app.name')}`;
      if (document.activeElement === null || document.activeElement === document.body) {
        heading.tabIndex = -1;
        heading.focus();
      }
    };
    request = requestAnimationFrame(settle);
    return () => cancelAnimationFrame(request);
  }, [screen, language]);
}

function Blank() {
  const t = useT();
  const go = useSession((s) => s.go);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter') {
        document.title = 'Sentinelle';
        go('unlock');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);
  return (
    <div className="blank" data-testid="blank">
      <span className="visually-hidden">{t('blank.resume')}</span>
    </div>
  );
}

function ScreenLoading() {
  const t = useT();
  return <main className="panel narrow">{t('loading')}</main>;
}

function CurrentScreen({ screen }: { screen: Screen }) {
  const t = useT();
  switch (screen) {
    case 'loading':
      return <main className="panel narrow">{t('loading')}</main>;
    case 'no-connection':
      return (
        <main className="panel narrow">
          <h1>{t('noConnection.title')}</h1>
          <p>{t('noConnection.body')}</p>
        </main>
      );
    case 'create':
      return <CreateVault />;
    case 'recovery-key':
      return <RecoveryKey />;
    case 'unlock':
      return <Unlock />;
    case 'recover':
      return <Recover />;
    case 'cases':
      return <CaseList />;
    case 'new-case':
      return <NewCase />;
    case 'case':
      return <CaseView />;
    case 'verify':
      return <VerifyBundle />;
    case 'settings':
      return <Settings />;
    case 'blank':
      return <Blank />;
  }
}

export function App() {
  const screen = useSession((s) => s.screen);
  useQuickExitShortcut();
  useScreenAnnouncement(screen);
  // The recovery-key screen too: writing the key down takes time, and a lock there would lose it.
  useActivityPings(screen === 'recovery-key' || screen === 'cases' || screen === 'new-case' || screen === 'case' || screen === 'verify' || screen === 'settings');
  useLockEvents();
  usePreloadedScreens();

  if (screen === 'blank') return <Blank />;
  return (
    <>
      <Header />
      <ScreenFailed key={screen}>
        <Suspense fallback={<ScreenLoading />}>
          <CurrentScreen screen={screen} />
        </Suspense>
      </ScreenFailed>
    </>
  );
}
