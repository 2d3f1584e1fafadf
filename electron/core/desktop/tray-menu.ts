import type { ProfileView } from '../../../shared/contract';
import type { ContactRow } from '../../../shared/contacts/contacts-contract';
import type { DialRequest } from '../../../shared/main-events';
import { profileLabel } from '../../../shared/profile-label';
import type { RecentCall } from '../../../shared/recent-call';

/** What a tray item does when chosen: the Electron glue carries it out. */
export type TrayAction =
  | { type: 'dial'; request: DialRequest }
  | { type: 'openPalette' }
  | { type: 'openWindow' }
  | { type: 'setStartAtLogin'; on: boolean }
  | { type: 'quit' };

export type TrayItem =
  | { kind: 'label'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; label: string; action: TrayAction; enabled?: boolean }
  | { kind: 'checkbox'; label: string; checked: boolean; action: TrayAction };

export interface TrayInput {
  profile: Pick<ProfileView, 'kind' | 'name'>;
  /** favourite contacts, most called first */
  favorites: readonly ContactRow[];
  recents: readonly RecentCall[];
  /** a phone number on the clipboard, as it would be dialled */
  clipboard: { e164: string; international: string } | null;
  startAtLogin: boolean;
}

const MAX = 10;
const who = (name: string | null, number: string) => (name ? `${name} — ${number}` : number);

/**
 * The tray menu as data, built in core from what main knows (rebuilt by the glue when any input
 * changes): where calls go, favourites and recent calls to dial, the number on the clipboard, and
 * the app's own commands. Every dial item opens the call card (the palette): nothing calls by itself.
 */
export function trayMenu(input: TrayInput): TrayItem[] {
  const items: TrayItem[] = [{ kind: 'label', label: profileLabel(input.profile) }, { kind: 'separator' }];
  if (input.clipboard) {
    items.push({
      kind: 'action',
      label: `Call number on clipboard: ${input.clipboard.international}`,
      action: { type: 'dial', request: { toNumber: input.clipboard.e164, source: 'tray' } },
    });
    items.push({ kind: 'separator' });
  }
  const favorites = input.favorites.filter((row) => row.primaryPhone && !row.doNotCall).slice(0, MAX);
  items.push({ kind: 'label', label: favorites.length ? 'Favourites' : 'Favourites — none yet (star a contact)' });
  for (const row of favorites) {
    const phone = row.primaryPhone!;
    items.push({
      kind: 'action',
      label: who(row.name, phone.e164 ?? phone.raw),
      action: { type: 'dial', request: { contactId: row.id, source: 'tray' } },
    });
  }
  const recents = input.recents.slice(0, MAX);
  items.push({ kind: 'separator' }, { kind: 'label', label: recents.length ? 'Recent calls' : 'Recent calls — none yet' });
  for (const call of recents) {
    items.push({
      kind: 'action',
      label: who(call.name, call.e164),
      action: { type: 'dial', request: { toNumber: call.e164, ...(call.contactId ? { contactId: call.contactId } : {}), source: 'tray' } },
    });
  }
  items.push(
    { kind: 'separator' },
    { kind: 'action', label: 'Open palette…', action: { type: 'openPalette' } },
    { kind: 'action', label: 'Open Feather Launcher', action: { type: 'openWindow' } },
    {
      kind: 'checkbox',
      label: 'Start at login',
      checked: input.startAtLogin,
      action: { type: 'setStartAtLogin', on: !input.startAtLogin },
    },
    { kind: 'separator' },
    { kind: 'action', label: 'Quit', action: { type: 'quit' } },
  );
  return items;
}
