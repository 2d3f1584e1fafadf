import type { KeyboardEvent } from 'react';
import type { ProfileView } from '../../../../shared/contract';

interface Props {
  servers: ProfileView[];
  activeId: string;
  /** the server the screen shows; null when none is chosen */
  selectedId: string | null;
  onSelect(profileId: string): void;
  /** Enter on a radio: use the chosen server */
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
}

/** The named custom servers. Choosing one shows it; "Use this connection" (or Enter) makes it the one in use. */
export function SavedServers({ servers, activeId, selectedId, onSelect, onKeyDown }: Props) {
  if (servers.length === 0) return null;
  return (
    <div className="saved-profiles">
      <h2>Your servers</h2>
      <div role="radiogroup" aria-label="Your servers" className="profile-list" onKeyDown={onKeyDown}>
        {servers.map((p) => (
          <label key={p.id} className={`profile-option${p.id === selectedId ? ' selected' : ''}`}>
            <input type="radio" name="saved-profile" checked={p.id === selectedId} onChange={() => onSelect(p.id)} />
            <span className="choice-title">
              {p.name}
              {p.id === activeId ? (
                <>
                  {' '}
                  <span className="in-use-tag">In use</span>
                </>
              ) : null}
            </span>
            <span className="muted">
              {p.baseUrl} · {p.hasKey ? `key ${p.keyHint}` : 'no key'}
              {p.identity?.organizationName ? ` · ${p.identity.organizationName}` : ''}
            </span>
          </label>
        ))}
      </div>
    </div>
  );
}
