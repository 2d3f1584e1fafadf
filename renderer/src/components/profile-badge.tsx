import { profileLabel } from '../../../shared/profile-label';
import type { ProfileView } from '../../../shared/contract';

/** Which Feather the app talks to, always visible: a real server must never pass for the simulator. */
export function ProfileBadge({ profile, onClick }: { profile: ProfileView; onClick?: () => void }) {
  // A custom server is where real calls go: it says so, in its own colour, never the sandbox's.
  const label = profileLabel(profile);
  const noKey = profile.kind !== 'simulator' && !profile.hasKey;
  return (
    <button
      type="button"
      className={`profile-badge profile-${profile.kind}`}
      onClick={onClick}
      aria-label={`Connection: ${label}${noKey ? ', no key' : ''}. Change connection`}
    >
      <span className="dot" aria-hidden="true" />
      {label}
      {noKey ? <span className="badge-warning"> · no key</span> : null}
    </button>
  );
}
