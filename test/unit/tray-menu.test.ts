import { describe, expect, it } from 'vitest';
import { trayMenu, type TrayItem } from '../../electron/core/desktop/tray-menu';
import { numberOnClipboard } from '../../electron/core/desktop/clipboard-number';
import type { ContactRow } from '../../shared/contacts/contacts-contract';

const row = (name: string, e164: string, over: Partial<ContactRow> = {}): ContactRow => ({
  id: `id-${name}`,
  name,
  company: '',
  primaryPhone: { label: 'mobile', raw: e164, e164 },
  phoneCount: 1,
  favorite: true,
  doNotCall: false,
  flagged: false,
  tags: [],
  lastCalledAt: null,
  ...over,
});
const base = {
  profile: { kind: 'simulator' as const, name: 'Simulator' },
  favorites: [],
  recents: [],
  clipboard: null,
  startAtLogin: false,
};
const labels = (items: TrayItem[]) => items.map((i) => (i.kind === 'separator' ? '—' : i.label));

describe('the tray menu model', () => {
  it('starts with where calls go, then favourites and recents, then the app’s commands', () => {
    expect(labels(trayMenu(base))).toEqual([
      'Simulator — no real calls',
      '—',
      'Favourites — none yet (star a contact)',
      '—',
      'Recent calls — none yet',
      '—',
      'Open palette…',
      'Open Feather Launcher',
      'Start at login',
      '—',
      'Quit',
    ]);
    expect(trayMenu({ ...base, profile: { kind: 'custom', name: 'Acme' } })[0]).toEqual({ kind: 'label', label: 'Acme — live' });
  });

  it('lists at most 10 favourites and 10 recents; a do-not-call favourite is not offered', () => {
    const favorites = Array.from({ length: 12 }, (_, i) => row(`F${i}`, `+1415555${String(1000 + i)}`));
    favorites[0] = row('Never', '+14155550000', { doNotCall: true });
    const recents = Array.from({ length: 15 }, (_, i) => ({
      e164: `+1212555${1000 + i}`,
      contactId: null,
      name: null,
      at: '2026-12-06T10:00:00Z',
    }));
    const items = trayMenu({ ...base, favorites, recents });
    const dials = items.filter((i): i is Extract<TrayItem, { kind: 'action' }> => i.kind === 'action' && i.action.type === 'dial');
    expect(dials).toHaveLength(20);
    expect(labels(items)).not.toContain('Never — +14155550000');
    // a favourite opens its card by contact (main picks the number); a recent by its number
    expect(dials[0]!.action).toEqual({ type: 'dial', request: { contactId: 'id-F1', source: 'tray' } });
    expect(dials[10]!.action).toEqual({ type: 'dial', request: { toNumber: '+12125551000', source: 'tray' } });
  });

  it('offers the number on the clipboard first, and Start at login as a checkbox that toggles', () => {
    const items = trayMenu({ ...base, clipboard: { e164: '+442079460958', international: '+44 20 7946 0958' }, startAtLogin: true });
    expect(items[2]).toEqual({
      kind: 'action',
      label: 'Call number on clipboard: +44 20 7946 0958',
      action: { type: 'dial', request: { toNumber: '+442079460958', source: 'tray' } },
    });
    expect(items.find((i) => i.kind === 'checkbox')).toEqual({
      kind: 'checkbox',
      label: 'Start at login',
      checked: true,
      action: { type: 'setStartAtLogin', on: false },
    });
  });
});

describe('the number on the clipboard', () => {
  it('finds a number in text, read in the default country; nothing in text without one', () => {
    expect(numberOnClipboard('ring Anna on (212) 555-0100 please', 'US')).toEqual({
      e164: '+12125550100',
      international: '+1 212 555 0100',
    });
    expect(numberOnClipboard('020 7946 0958', 'GB')).toEqual({ e164: '+442079460958', international: '+44 20 7946 0958' });
    expect(numberOnClipboard('020 7946 0958', 'US')).toBeNull(); // not a US number: never guessed into another country
    expect(numberOnClipboard('invoice 2026-12-06, total 123', 'US')).toBeNull();
    expect(numberOnClipboard('', 'US')).toBeNull();
    // Linux: the selection first, then the clipboard — words selected do not hide a copied number
    expect(numberOnClipboard(['some selected words', '+44 20 7946 0958'], 'US')?.e164).toBe('+442079460958');
    expect(numberOnClipboard(['(212) 555-0100', '+44 20 7946 0958'], 'US')?.e164).toBe('+12125550100');
  });
});
