import { expect, test, type Page } from '@playwright/test';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import type { TrayItem } from '../../electron/core/desktop/tray-menu';
import { startApp, type RunningApp } from './harness';

/**
 * The hotkey palette and the tray, from every entry point: each opens the palette's call card with
 * main's plan, nothing is sent until the user presses Call (Enter), and then exactly one POST.
 */
const card = (page: Page) => page.getByRole('region', { name: 'Call card' });
const search = (page: Page) => page.getByRole('combobox', { name: 'Call who?' });
const posts = async (app: RunningApp) => (await app.demoSimulator()).outboundRequests().length;

async function kim(app: RunningApp) {
  return app.core.handlers.contacts.create({
    draft: {
      ...emptyDraft(),
      firstName: 'Kim',
      lastName: 'Lee',
      company: 'Lee & Co',
      favorite: true,
      phones: [
        { label: 'mobile', raw: '+1 415 555 0142', doNotCall: false },
        { label: 'work', raw: '+1 415 555 0143', doNotCall: false },
      ],
    },
  });
}

/** Enter on the armed card places the call: exactly one POST, to this number. */
async function callAndCheck(app: RunningApp, page: Page, e164: string) {
  await expect(card(page).getByRole('button', { name: 'Call', exact: true })).toBeFocused();
  expect(await posts(app)).toBe(0);
  await page.keyboard.press('Enter');
  await expect(card(page).getByRole('heading', { name: /Call placed/ })).toBeVisible();
  const sent = (await app.demoSimulator()).outboundRequests();
  expect(sent).toHaveLength(1);
  expect(sent[0]!.body).toMatchObject({ to_phone_number: e164 });
}

test('palette: a name lists the contact with every number; Enter opens the card, Enter calls (one POST)', async () => {
  const app = await startApp();
  try {
    await kim(app);
    const { page } = await app.openPalette();
    await expect(search(page)).toBeFocused();
    await search(page).fill('kim');
    const list = page.getByRole('listbox', { name: 'Matches' });
    await expect(list.getByRole('option')).toHaveCount(2);
    await expect(list.getByRole('option').first()).toContainText('mobile · +1 415 555 0142 · Lee & Co');
    await search(page).press('ArrowDown'); // the work number
    await search(page).press('Enter');
    await expect(card(page)).toContainText('Kim Lee');
    await callAndCheck(app, page, '+14155550143');
    // the main window's Dial card was not touched
    await expect(app.page.getByRole('region', { name: 'Call card' })).toContainText('Fill in the number');
  } finally {
    await app.close();
  }
});

test('palette: digits offer "Call <number>"; Esc goes back from the card, and closes from the search', async () => {
  const app = await startApp();
  try {
    const { page, closeRequests } = await app.openPalette();
    await search(page).fill('415 555 0132');
    await expect(page.getByRole('option', { name: /Call 415 555 0132/ })).toBeVisible();
    await search(page).press('Enter');
    await expect(card(page).getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(search(page)).toBeVisible();
    expect(await posts(app)).toBe(0);
    await search(page).press('Escape'); // clears the text
    await search(page).press('Escape'); // closes
    expect(await closeRequests()).toBe(1);
  } finally {
    await app.close();
  }
});

test('tray favourite, tray recent and tray clipboard each open the palette card; nothing is sent until Enter', async () => {
  const app = await startApp();
  try {
    const contact = await kim(app);
    const { page } = await app.openPalette();
    const menu = (clipboard = '') => app.core.desktop.trayMenu(clipboard);
    /** a dial item of the menu, in the section under `section` (or anywhere) */
    const item = (all: TrayItem[], label: RegExp, section?: string) => {
      const from = section ? all.findIndex((i) => i.kind === 'label' && i.label === section) : 0;
      const items = all.slice(Math.max(0, from));
      const found = items.find((i): i is Extract<TrayItem, { kind: 'action' }> => i.kind === 'action' && label.test(i.label));
      if (!found || found.action.type !== 'dial') throw new Error(`no tray item ${label}`);
      return found.action.request;
    };
    expect(menu()[0]).toEqual({ kind: 'label', label: 'Simulator — no real calls' });

    // a favourite
    app.core.requestDial(item(menu(), /^Kim Lee/, 'Favourites'));
    await expect(card(page)).toContainText('Kim Lee');
    await callAndCheck(app, page, '+14155550142');
    await page.keyboard.press('Escape');

    // the call just placed is a recent call now (main lists it once the history has it)
    await expect.poll(() => menu().some((i) => i.kind === 'label' && i.label === 'Recent calls')).toBe(true);
    const recent = item(menu(), /^Kim Lee — \+14155550142/, 'Recent calls');
    expect(recent).toMatchObject({ toNumber: '+14155550142', contactId: contact.id, source: 'tray' });
    app.core.requestDial(recent);
    // that call still waits in Feather's queue (1.90): main asks before a second one, and offers to replace it
    await expect(card(page).getByRole('group', { name: 'Check before calling' })).toContainText(/A call to Kim Lee is queued for/);
    await expect(card(page).getByRole('button', { name: 'Edit' })).toBeFocused();
    await expect(card(page).getByRole('button', { name: 'Call now instead' })).toBeVisible();
    await page.keyboard.press('Escape');

    // the number on the clipboard: its card, and Enter places exactly one call to it
    const clip = item(menu('ring me on +44 20 7946 0958, thanks'), /^Call number on clipboard: \+44 20 7946 0958$/);
    app.core.requestDial(clip);
    await expect(card(page)).toContainText('+44 20 7946 0958');
    expect(await posts(app)).toBe(1); // still only the favourite's call
    await expect(card(page).getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(card(page).getByRole('heading', { name: /Call placed/ })).toBeVisible();
    const sent = (await app.demoSimulator()).outboundRequests();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toMatchObject({ to_phone_number: '+442079460958' });
  } finally {
    await app.close();
  }
});

test('the clipboard shortcut: a copied number → the palette card, armed → Enter places the call', async () => {
  const app = await startApp();
  try {
    const { page } = await app.openPalette();
    expect(app.core.desktop.dialClipboard('no number here')).toBe(false);
    expect(app.core.desktop.dialClipboard('Call me at +1 (415) 555-0177 after 3')).toBe(true);
    await callAndCheck(app, page, '+14155550177');
  } finally {
    await app.close();
  }
});

test('a save that fails after a call placed from the palette is told on its card', async () => {
  const app = await startApp();
  try {
    const { page } = await app.openPalette();
    expect(app.core.desktop.dialClipboard('+1 (415) 555-0178')).toBe(true);
    await callAndCheck(app, page, '+14155550178');
    const placed = app.eventLog.find(
      (e) => e.event === 'history:changed' && (e.payload as { toNumber?: string }).toNumber === '+14155550178',
    );
    const requestId = (placed!.payload as { requestId: string }).requestId;
    // what main sends when the contact's stats or the last caller could not be saved after the answer
    app.core.events.emit('call:notice', { requestId, notice: 'The call was placed, but saving it on this computer failed: disk full.' });
    await expect(card(page)).toContainText('saving it on this computer failed: disk full');
    // another call's notice is not this card's
    app.core.events.emit('call:notice', { requestId: '00000000-0000-4000-8000-000000000000', notice: 'Not for this card.' });
    await expect(card(page).getByRole('button', { name: 'Done' })).toBeVisible();
    await expect(card(page)).not.toContainText('Not for this card');
  } finally {
    await app.close();
  }
});

test('a card with something to fix opens in the main window from the palette', async () => {
  const app = await startApp();
  try {
    const { page, closeRequests } = await app.openPalette();
    app.core.requestDial({ toNumber: '+1 415 555', source: 'hotkey' }); // too short
    await expect(card(page)).toContainText('To number');
    await card(page).getByRole('button', { name: 'Open in Feather Launcher' }).click();
    expect(await closeRequests()).toBe(1);
    await expect(app.page.getByRole('combobox', { name: 'To number' })).toHaveValue('+1 415 555');
    expect(await posts(app)).toBe(0);
  } finally {
    await app.close();
  }
});

test('palette: Enter never confirms a guard (a premium-rate number): focus is on Edit, nothing is sent until “Call anyway”', async () => {
  const app = await startApp({ now: () => new Date('2026-03-10T18:00:00Z') });
  try {
    const { page } = await app.openPalette();
    app.core.requestDial({ toNumber: '+1 900 234 5678', source: 'hotkey' });
    await expect(card(page).getByRole('heading', { name: 'Ready to call' })).toBeVisible();
    await expect(card(page)).toContainText('premium-rate');
    await expect(card(page).getByRole('button', { name: 'Edit' })).toBeFocused();
    await page.keyboard.press('Enter'); // Edit: back to the search
    expect(await posts(app)).toBe(0);
    app.core.requestDial({ toNumber: '+1 900 234 5678', source: 'hotkey' });
    await card(page).getByRole('button', { name: 'Call anyway' }).click();
    await expect(card(page).getByRole('heading', { name: /Call placed/ })).toBeVisible();
    expect(await posts(app)).toBe(1);
  } finally {
    await app.close();
  }
});

test('palette: right after the shortcut nothing is chosen, so a stray Enter opens nothing; hidden, an armed card is put away', async () => {
  const app = await startApp({ now: () => new Date('2026-03-10T18:00:00Z') });
  try {
    const { page } = await app.openPalette();
    // one call placed: it is a recent call now, listed, not chosen
    app.core.requestDial({ toNumber: '+1 415 555 0131', source: 'hotkey' });
    await callAndCheck(app, page, '+14155550131');
    await page.keyboard.press('Escape');
    await expect(search(page)).toBeFocused();
    const recents = page.getByRole('listbox', { name: 'Recent calls' });
    await expect(recents.getByRole('option')).toHaveCount(1);
    await expect(recents.getByRole('option', { selected: true })).toHaveCount(0);
    await search(page).press('Enter');
    await expect(card(page)).toHaveCount(0);
    await search(page).press('ArrowDown'); // now it is chosen
    await expect(recents.getByRole('option', { selected: true })).toHaveCount(1);
    // a card ready to call, then the palette hidden (clicked away): shown again, it is the search
    app.core.requestDial({ toNumber: '+1 415 555 0132', source: 'hotkey' });
    await expect(card(page).getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect(search(page)).toBeVisible();
    await expect(card(page)).toHaveCount(0);
    expect(await posts(app)).toBe(1);
  } finally {
    await app.close();
  }
});
