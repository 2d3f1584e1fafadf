import type { ProfileView } from './contract';

/** Where calls go, in words: the badge, the tray's first line. */
export function profileLabel(profile: Pick<ProfileView, 'kind' | 'name'>): string {
  if (profile.kind === 'simulator') return 'Simulator — no real calls';
  if (profile.kind === 'sandbox') return 'Feather Sandbox';
  return `${profile.name} — live`;
}
