import { useEffect, useState } from 'react';
import type { AppStatus } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { api } from './api';
import { ProfileBadge } from './components/profile-badge';
import { ConnectionScreen } from './screens/connection-screen';
import { DialScreen } from './screens/dial-screen';

type Screen = 'dial' | 'connection';

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [screen, setScreen] = useState<Screen>('dial');
  const [dismissed, setDismissed] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    void api()
      .app.status({})
      .then((result) => {
        if (!live) return;
        if (result.ok) setStatus(result.value);
        else setLoadError(result.error);
      });
    return () => {
      live = false;
    };
  }, []);

  if (loadError) {
    return (
      <main className="fatal" role="alert">
        <h1>Feather Launcher could not start</h1>
        <p>{loadError.message}</p>
      </main>
    );
  }
  if (!status) return <main className="loading" aria-busy="true">Starting…</main>;

  const notices = status.notices.filter((n) => !dismissed.includes(n));
  return (
    <div className="app" data-profile-kind={status.activeProfile.kind}>
      <header className="topbar">
        <span className="brand" aria-hidden="true">
          <span className="brand-mark">◆</span> Feather Launcher
        </span>
        <nav aria-label="Main" className="tabs">
          <button type="button" aria-current={screen === 'dial' ? 'page' : undefined} onClick={() => setScreen('dial')}>
            Dial
          </button>
          <button type="button" aria-current={screen === 'connection' ? 'page' : undefined} onClick={() => setScreen('connection')}>
            Connection
          </button>
        </nav>
        <ProfileBadge profile={status.activeProfile} onClick={() => setScreen('connection')} />
      </header>
      {notices.map((notice) => (
        <div key={notice} className="banner banner-warning" role="alert">
          <span>{notice}</span>
          <button type="button" className="link" onClick={() => setDismissed((d) => [...d, notice])}>
            Dismiss
          </button>
        </div>
      ))}
      <main className="content">
        {screen === 'dial' ? (
          <DialScreen status={status} onOpenConnection={() => setScreen('connection')} onStatus={setStatus} />
        ) : (
          <ConnectionScreen status={status} onStatus={setStatus} onDone={() => setScreen('dial')} />
        )}
      </main>
    </div>
  );
}
