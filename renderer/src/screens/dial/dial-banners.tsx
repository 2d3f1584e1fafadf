import type { AppStatus } from '../../../../shared/contract';
import { api } from '../../api';
import type { DialStore } from '../../dial/dial-store';
import { setStatus } from '../../stores/status-store';
import { focusSoon } from '../../keyboard/focus';

/** A banner's button takes the banner away: focus goes on to the number, never to <body>. */
const focusNumber = () => focusSoon(() => document.querySelector<HTMLElement>('[data-field="toNumber"]'));

interface Props {
  status: AppStatus;
  liveWarning: string | null;
  store: DialStore;
  onOpenConnection(): void;
}

/** What the user must know before calling: calls are real now, demo samples, no key yet. */
export function DialBanners({ status, liveWarning, store, onOpenConnection }: Props) {
  const profile = status.activeProfile;
  const { contacts, templates } = status.samples;
  return (
    <>
      {liveWarning ? (
        <div className="banner banner-live" role="alert">
          <span>{liveWarning}</span>
          <button
            type="button"
            className="link"
            onClick={() => {
              store.dispatch({ type: 'dismissLiveWarning' });
              focusNumber();
            }}
          >
            Understood
          </button>
        </div>
      ) : null}
      {contacts + templates > 0 && profile.kind === 'simulator' ? (
        <div className="banner banner-info" role="note">
          <span>
            Demo mode comes with {contacts} sample contact{contacts === 1 ? '' : 's'} and {templates} sample template
            {templates === 1 ? '' : 's'} (marked “Sample”).
          </span>
          <button
            type="button"
            className="link"
            onClick={() => {
              void api()
                .app.removeSamples({})
                .then((r) => {
                  if (r.ok) setStatus(r.value);
                  focusNumber();
                });
            }}
          >
            Remove samples
          </button>
        </div>
      ) : null}
      {!profile.hasKey ? (
        <div className="banner banner-info" role="note">
          <span>No API key for {profile.name} yet.</span>
          <button type="button" className="link" onClick={onOpenConnection}>
            Add a key
          </button>
        </div>
      ) : null}
    </>
  );
}
