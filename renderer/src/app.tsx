import { Suspense, useEffect, useRef, useState } from 'react';
import { ProfileBadge } from './components/profile-badge';
import { focusSoon, rememberFocus, type FocusTarget } from './keyboard/focus';
import { MOD, MOD_ARIA, useShortcuts } from './keyboard/use-shortcuts';
import {
  CallToasts,
  ConnectionScreen,
  ContactsScreen,
  DialScreen,
  HistoryScreen,
  LazyScreen,
  SettingsScreen,
  ShortcutsDialog,
  TemplatesScreen,
  whenMounted,
} from './lazy-screens';
import { requestKeyEntry } from './screens/connection/connection-shared';
import { addPageIcon } from './page-icon';
import { onDialRequest } from './stores/dial-requests';
import { setStatus, useStatus } from './stores/status-store';
import { onOpenHistoryEntry, useToasts } from './stores/toasts-store';

type Screen = 'dial' | 'contacts' | 'history' | 'templates' | 'connection' | 'settings';
const TABS: Array<[Screen, string]> = [
  ['dial', 'Dial'],
  ['contacts', 'Contacts'],
  ['history', 'History'],
  ['templates', 'Templates'],
  ['connection', 'Connection'],
  ['settings', 'Settings'],
];

export function App() {
  const { status, error: loadError } = useStatus();
  const toasts = useToasts();
  const [screen, setScreen] = useState<Screen>('dial');
  const onPage = useScreensOnPage(screen, status !== null);
  const [dismissed, setDismissed] = useState<string[]>([]);
  // A call started anywhere (a contact, the tray, a tel: link) opens the Dial screen.
  useEffect(() => onDialRequest(() => setScreen('dial')), []);
  // A call to show (a notification clicked, a toast's Show) opens History, which selects it.
  useEffect(() => onOpenHistoryEntry(() => setScreen('history')), []);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const shortcutsOpener = useRef<FocusTarget>(() => null);
  const screenStart = () => document.querySelector<HTMLElement>(`[data-screen="${screen}"] [data-autofocus]`);
  const openShortcuts = () => {
    shortcutsOpener.current = rememberFocus();
    setShortcutsOpen(true);
  };
  const closeShortcuts = () => {
    setShortcutsOpen(false);
    focusSoon([shortcutsOpener.current, screenStart]);
  };
  useShortcuts(
    {
      screen: (index) => setScreen(TABS[index]![0]),
      search: () => {
        setScreen('contacts');
        whenMounted('contacts', () => focusSoon(() => document.getElementById('contact-search'), { select: true }));
      },
      // the same as pressing Contacts → Add contact (which focuses the new form's first field)
      newContact: () => {
        setScreen('contacts');
        whenMounted('contacts', () => document.querySelector<HTMLButtonElement>('[data-shortcut="new-contact"]')?.click());
      },
      help: openShortcuts,
    },
    !shortcutsOpen,
  );

  // On a tab change, put focus where that screen starts, unless the screen already placed it
  // (a screen whose code is still loading: once it is on the page).
  useEffect(
    () =>
      whenMounted(screen, () => {
        const root = document.querySelector<HTMLElement>(`[data-screen="${screen}"]`);
        if (!root || root.contains(document.activeElement)) return;
        const start = root.querySelector<HTMLElement>('[data-autofocus]');
        start?.focus();
        // data-autofocus="select": the old text is selected, so typing replaces it (Contacts' search)
        if (start instanceof HTMLInputElement && start.dataset.autofocus === 'select') start.select();
      }),
    [screen],
  );

  if (loadError) {
    return (
      <main className="fatal" role="alert">
        <h1>Feather Launcher could not start</h1>
        <p>{loadError.message}</p>
      </main>
    );
  }
  // The shell (tabs, Contacts, History, Templates) is there at once; what reads the status (Dial, the
  // connection, Settings) says "Starting…" until main's first answer, so nothing waits on it that need not.
  const starting = (
    <p className="loading" aria-busy="true">
      Starting…
    </p>
  );
  const notices = status ? status.notices.filter((n) => !dismissed.includes(n)) : [];
  return (
    <div className="app" data-profile-kind={status?.activeProfile.kind}>
      <header className="topbar">
        <span className="brand" aria-hidden="true">
          <span className="brand-mark">◆</span> Feather Launcher
        </span>
        <nav aria-label="Main" className="tabs">
          {TABS.map(([id, label], i) => (
            <button
              key={id}
              type="button"
              aria-current={screen === id ? 'page' : undefined}
              aria-keyshortcuts={`${MOD_ARIA}+${i + 1}`}
              title={`${label} (${MOD}+${i + 1})`}
              onClick={() => setScreen(id)}
            >
              {label}
            </button>
          ))}
        </nav>
        {status ? <ProfileBadge profile={status.activeProfile} onClick={() => setScreen('connection')} /> : null}
        <button
          type="button"
          className="shortcuts-button"
          aria-label="Keyboard shortcuts"
          aria-keyshortcuts="?"
          title="Keyboard shortcuts (?)"
          onClick={openShortcuts}
        >
          ?
        </button>
      </header>
      {shortcutsOpen ? (
        <Suspense fallback={null}>
          <ShortcutsDialog onClose={closeShortcuts} />
        </Suspense>
      ) : null}
      {notices.map((notice) => (
        <div key={notice} className="banner banner-warning" role="alert">
          <span>{notice}</span>
          <button type="button" className="link" onClick={() => setDismissed((d) => [...d, notice])}>
            Dismiss
          </button>
        </div>
      ))}
      <main className="content">
        {/* Every screen stays mounted once it is on the page, so switching tabs never loses what was typed. */}
        <div data-screen="dial" hidden={screen !== 'dial'}>
          {status && onPage('dial') ? (
            <DialScreen
              status={status}
              // "Add a key", "Open Connection": Connection opens at the key field of the connection in use
              onOpenConnection={() => (setScreen('connection'), whenMounted('connection', requestKeyEntry))}
              onOpenTemplates={() => setScreen('templates')}
            />
          ) : (
            starting
          )}
        </div>
        <div data-screen="contacts" hidden={screen !== 'contacts'}>
          {onPage('contacts') ? <ContactsScreen active={screen === 'contacts'} /> : null}
        </div>
        <div data-screen="history" hidden={screen !== 'history'}>
          {onPage('history') ? (
            <LazyScreen name="history">
              <HistoryScreen />
            </LazyScreen>
          ) : null}
        </div>
        <div data-screen="templates" hidden={screen !== 'templates'}>
          {onPage('templates') ? (
            <LazyScreen name="templates">
              <TemplatesScreen />
            </LazyScreen>
          ) : null}
        </div>
        <div data-screen="connection" hidden={screen !== 'connection'}>
          {!onPage('connection') ? null : status ? (
            <LazyScreen name="connection">
              <ConnectionScreen status={status} onStatus={setStatus} onDone={() => setScreen('dial')} />
            </LazyScreen>
          ) : (
            starting
          )}
        </div>
        <div data-screen="settings" hidden={screen !== 'settings'}>
          {!onPage('settings') ? null : status ? (
            <LazyScreen name="settings">
              <SettingsScreen status={status} />
            </LazyScreen>
          ) : (
            starting
          )}
        </div>
      </main>
      {toasts.length > 0 ? (
        <Suspense fallback={null}>
          <CallToasts />
        </Suspense>
      ) : null}
    </div>
  );
}

/** after start, the window is left this long to draw the screen on show before the others are put on the page */
const WARM_AFTER_MS = 400;

/** the screens that show nothing without main's status ("Starting…" until it is in) */
const NEED_STATUS: ReadonlySet<Screen> = new Set(['dial', 'connection', 'settings']);

/**
 * Which screens are on the page. Each one, once there, stays (hidden when another is on show). The screen
 * on show is there as soon as it can be (with main's status, for those that read it); the others are put
 * there once the status is in and the window has been left a moment and is idle: their code, their render
 * and their first requests to main never hold up the screen the user is looking at (Contacts opened while
 * the window starts is not kept waiting on a Dial screen it hides).
 */
function useScreensOnPage(screen: Screen, started: boolean): (name: Screen) => boolean {
  const [opened, setOpened] = useState<ReadonlySet<Screen>>(() => new Set());
  if (!opened.has(screen) && (started || !NEED_STATUS.has(screen))) setOpened(new Set(opened).add(screen));
  const [warm, setWarm] = useState(false);
  useEffect(() => {
    if (!started || warm) return;
    let idle = 0;
    const warmUp = () => {
      setWarm(true);
      addPageIcon();
    };
    const wait = setTimeout(() => (idle = requestIdleCallback(warmUp, { timeout: 1000 })), WARM_AFTER_MS);
    return () => {
      clearTimeout(wait);
      cancelIdleCallback(idle);
    };
  }, [started, warm]);
  return (name) => warm || opened.has(name);
}
