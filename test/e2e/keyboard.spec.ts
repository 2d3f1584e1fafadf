import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { startApp } from './harness';
import { fillCall } from './helpers';

/** Keyboard: shortcuts (Ctrl on Linux/Windows, Cmd on macOS) and where focus goes after Esc, save, delete, import. */
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/contacts/${name}`, import.meta.url));
const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search contacts' });
const contactList = (page: Page) => page.getByRole('listbox', { name: 'Contacts' });
/** the focused element as a person would describe it: its tag, role and name */
const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return 'body';
    const name = e.getAttribute('aria-label') ?? (e as HTMLInputElement).labels?.[0]?.textContent ?? (e as HTMLElement).innerText;
    return `${e.tagName.toLowerCase()}${e.getAttribute('role') ? `[role=${e.getAttribute('role')}]` : ''} “${name.trim()}”`;
  });
const notOnBody = async (page: Page) =>
  expect.poll(() => page.evaluate(() => document.activeElement !== null && document.activeElement !== document.body)).toBe(true);

async function importOutlook(page: Page) {
  await tab(page, 'Contacts').click();
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import contacts' });
  await expect(dialog.getByLabel('CSV or vCard file')).toBeFocused(); // a new form focuses its first field
  await dialog.getByLabel('CSV or vCard file').setInputFiles(fixture('outlook.csv'));
  await dialog.getByRole('button', { name: 'Import 4 contacts' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/^Imported: 4 added/);
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused(); // not <body> while the result is read out
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(contactList(page)).toBeFocused(); // after import: the contacts list
  await expect(contactList(page).getByRole('option')).toHaveCount(4);
}

test('Ctrl/Cmd+1…4 switch screens, Ctrl/Cmd+K and / focus the contacts search, Ctrl/Cmd+N starts a contact', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await expect(page.getByLabel('To number')).toBeFocused();
    for (const [key, name] of [
      ['2', 'Contacts'],
      ['3', 'History'],
      ['4', 'Templates'],
      ['5', 'Connection'],
      ['1', 'Dial'],
    ] as const) {
      await page.keyboard.press(`ControlOrMeta+${key}`);
      await expect(tab(page, name)).toHaveAttribute('aria-current', 'page');
      await notOnBody(page); // each screen puts focus where it starts
    }
    await expect(page.getByLabel('To number')).toBeFocused();
    await expect(tab(page, 'Templates')).toHaveAttribute('aria-keyshortcuts', /^(Control|Meta)\+4$/);

    // Ctrl/Cmd+K from Dial, even while typing in a field: Contacts, search focused with its text selected
    await page.keyboard.press('ControlOrMeta+K');
    await expect(tab(page, 'Contacts')).toHaveAttribute('aria-current', 'page');
    await expect(searchBox(page)).toBeFocused();
    await page.keyboard.type('dana');
    await page.keyboard.press('ControlOrMeta+1');
    await page.keyboard.press('ControlOrMeta+K');
    await expect(searchBox(page)).toBeFocused();
    await page.keyboard.type('x');
    await expect(searchBox(page)).toHaveValue('x'); // the old query was selected, so typing replaced it
    await searchBox(page).fill('');

    // `/` outside a field focuses the search (and is not typed into it); inside a field it is just a character
    await page.keyboard.press('ControlOrMeta+4');
    await expect(page.getByRole('button', { name: 'New template' })).toBeFocused();
    await page.keyboard.press('/');
    await expect(tab(page, 'Contacts')).toHaveAttribute('aria-current', 'page');
    await expect(searchBox(page)).toBeFocused();
    await expect(searchBox(page)).toHaveValue('');
    await page.keyboard.press('/');
    await expect(searchBox(page)).toHaveValue('/');
    await searchBox(page).fill('');

    // Ctrl/Cmd+N: a new contact, first field focused; Esc closes it and focus goes to Add contact
    await page.keyboard.press('ControlOrMeta+1');
    await page.keyboard.press('ControlOrMeta+N');
    const form = page.getByRole('form', { name: 'New contact' });
    await expect(form).toBeVisible();
    await expect(form.getByLabel('First name')).toBeFocused();
    await page.keyboard.type('Dana');
    await page.keyboard.press('ControlOrMeta+N'); // already open: stays, nothing typed is lost
    await expect(form.getByLabel('First name')).toHaveValue('Dana');
    await expect(form.getByLabel('First name')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(form).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Add contact' }).first()).toBeFocused();
    expect(app.consoleLog.filter((l) => l.startsWith('pageerror'))).toEqual([]);
  } finally {
    await app.close();
  }
});

test('going to Contacts (Ctrl/Cmd+2 or its tab) selects the old query, so typing replaces it', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await expect(tab(page, 'Dial')).toHaveAttribute('aria-current', 'page'); // the app has started
    await page.keyboard.press('ControlOrMeta+2');
    await expect(searchBox(page)).toBeFocused();
    await page.keyboard.type('dana');
    await page.keyboard.press('ControlOrMeta+1');
    await expect(tab(page, 'Dial')).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('ControlOrMeta+2');
    await expect(searchBox(page)).toBeFocused();
    await page.keyboard.type('kim');
    await expect(searchBox(page)).toHaveValue('kim');

    await tab(page, 'Templates').click();
    await tab(page, 'Contacts').click();
    await expect(searchBox(page)).toBeFocused();
    await page.keyboard.type('grace');
    await expect(searchBox(page)).toHaveValue('grace');
    expect(app.consoleLog.filter((l) => l.startsWith('pageerror'))).toEqual([]);
  } finally {
    await app.close();
  }
});

test('? opens the shortcuts list as a modal dialog; Esc closes it and focus goes back', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await expect(page.getByLabel('To number')).toBeFocused(); // the app has started
    await page.keyboard.press('ControlOrMeta+4');
    const opener = page.getByRole('button', { name: 'New template' });
    await expect(opener).toBeFocused();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
    const mod = process.platform === 'darwin' ? '⌘' : 'Ctrl';
    const listed: Array<[keys: string, does: string]> = [
      [`${mod}+1`, 'Dial'],
      [`${mod}+2`, 'Contacts'],
      [`${mod}+3`, 'History'],
      [`${mod}+4`, 'Templates'],
      [`${mod}+5`, 'Connection'],
      [`${mod}+6`, 'Settings'],
      [`${mod}+K or /`, 'Search contacts'],
      [`${mod}+N`, 'New contact'],
      ['?', 'This list'],
    ];
    for (const [keys, does] of listed) {
      await expect(dialog.getByRole('term').filter({ hasText: new RegExp(`^${keys.replace(/[+?/]/g, '\\$&')}$`) })).toBeVisible();
      await expect(dialog.getByRole('definition').filter({ hasText: new RegExp(`^${does}$`) })).toBeVisible();
    }
    await page.keyboard.press('ControlOrMeta+1'); // modal: shortcuts are off while it is open
    await expect(tab(page, 'Templates')).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(opener).toBeFocused();

    // the ? button in the top bar opens it too; Close returns focus to the button
    const button = page.getByRole('button', { name: 'Keyboard shortcuts' });
    await button.click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(button).toBeFocused();

    // typed into a field, ? is just a character
    await page.keyboard.press('ControlOrMeta+K');
    await page.keyboard.press('?');
    await expect(searchBox(page)).toHaveValue('?');
    await expect(dialog).toHaveCount(0);
  } finally {
    await app.close();
  }
});

test('Esc or Edit on the call card: focus goes back to where the review started, never to <body>', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await fillCall(page);
    const card = page.getByRole('region', { name: 'Call card' });
    await page.getByLabel('To number').press('Enter');
    await expect(card.getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(card.getByRole('button', { name: 'Call', exact: true })).toHaveCount(0);
    await notOnBody(page);
    expect(await focused(page)).toBe('input[role=combobox] “To number”'); // the To field takes a name or a number
    await expect(page.getByLabel('To number')).toBeFocused();

    // opened from another field: back to that field
    await page.getByLabel('From number', { exact: true }).press('Enter');
    await expect(card.getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByLabel('From number', { exact: true })).toBeFocused();

    // opened with the Review call button, closed with the card's Edit button: back to Review call
    await page.getByRole('button', { name: 'Review call' }).click();
    await card.getByRole('button', { name: 'Edit' }).click();
    await notOnBody(page);
    await expect(page.getByRole('button', { name: 'Review call' })).toBeFocused();

    // opened from a contact (Enter in the list): Esc goes to the To number field
    await page.keyboard.press('ControlOrMeta+N');
    const form = page.getByRole('form', { name: 'New contact' });
    await form.getByLabel('First name').fill('Kim');
    await form.getByLabel('Number 1', { exact: true }).fill('(212) 555-0100');
    await form.getByRole('button', { name: 'Save contact' }).click();
    await expect(contactList(page)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(tab(page, 'Dial')).toHaveAttribute('aria-current', 'page');
    await expect(card.getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByLabel('To number')).toBeFocused();
    expect((await app.demoSimulator()).outboundRequests()).toHaveLength(0);
  } finally {
    await app.close();
  }
});

test('contacts: focus after a new contact is saved, after Edit and Esc, after delete and undo, after import', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await importOutlook(page);

    // a new contact: first field focused; after Save the list has focus with the new contact selected
    await page.getByRole('button', { name: 'Add contact' }).click();
    const form = page.getByRole('form', { name: 'New contact' });
    await expect(form.getByLabel('First name')).toBeFocused();
    await page.keyboard.type('Dana');
    await form.getByLabel('Last name').fill('Scully');
    await form.getByLabel('Number 1', { exact: true }).fill('(202) 555-0111');
    await form.getByLabel('Last name').press('Enter');
    await expect(form).toHaveCount(0);
    await expect(contactList(page)).toBeFocused();
    await expect(contactList(page).getByRole('option', { selected: true })).toHaveAccessibleName('Dana Scully');
    await expect(page.getByRole('region', { name: 'Contact Dana Scully' })).toBeVisible();

    // the list takes the arrow keys; Edit → first field; Esc → back on Edit
    await page.keyboard.press('Home');
    await expect(contactList(page).getByRole('option', { selected: true })).toHaveAccessibleName('Charles de Gaulle, Élysée Médical');
    await page.keyboard.press('ArrowDown');
    await expect(contactList(page).getByRole('option', { selected: true })).toHaveAccessibleName('Dana Scully');
    const detail = page.getByRole('region', { name: 'Contact Dana Scully' });
    await detail.getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByRole('form', { name: 'Edit Dana Scully' });
    await expect(editor.getByLabel('First name')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(editor).toHaveCount(0);
    await expect(detail.getByRole('button', { name: 'Edit' })).toBeFocused();

    // edit and save: the saved contact in the list
    await detail.getByRole('button', { name: 'Edit' }).press('Enter');
    await editor.getByLabel('Company').fill('FBI');
    await editor.getByRole('button', { name: 'Save contact' }).click();
    await expect(contactList(page)).toBeFocused();
    await expect(contactList(page).getByRole('option', { selected: true })).toHaveAccessibleName('Dana Scully, FBI');

    // delete: the next contact, in the list
    await page.getByRole('region', { name: 'Contact Dana Scully' }).getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Deleted Dana Scully.' })).toBeVisible();
    await notOnBody(page);
    await expect(contactList(page)).toBeFocused();
    await expect(contactList(page).getByRole('option', { selected: true })).toHaveAccessibleName('Ingrid Bergman');
    await expect(page.getByRole('region', { name: 'Contact Ingrid Bergman' })).toBeVisible();

    // undo: the contact is back, selected, and the list has focus (the toast's button is gone)
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
    await expect(contactList(page)).toBeFocused();
    await expect(contactList(page).getByRole('option', { selected: true })).toHaveAccessibleName('Dana Scully, FBI');

    // delete the last match of a search: nothing left to select, so the search field
    await searchBox(page).fill('scully');
    await expect(contactList(page).getByRole('option')).toHaveCount(1);
    await page.getByRole('region', { name: 'Contact Dana Scully' }).getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('No contact matches “scully”.')).toBeVisible();
    await expect(searchBox(page)).toBeFocused();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(contactList(page)).toBeFocused();
    await expect(contactList(page).getByRole('option', { selected: true })).toHaveAccessibleName('Dana Scully, FBI');

    // a cancelled import: back on the button that opened it
    await page.getByRole('button', { name: 'Import…' }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Import contacts' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Import…' })).toBeFocused();
    expect(app.consoleLog.filter((l) => l.startsWith('pageerror'))).toEqual([]);
  } finally {
    await app.close();
  }
});

test('templates: first field focused, saved template focused in its list, Esc back to the opener, delete to the next', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await expect(page.getByLabel('To number')).toBeFocused(); // the app has started
    await page.keyboard.press('ControlOrMeta+4');
    const templates = page.getByRole('list', { name: 'Templates' });
    for (const name of ['Reminder', 'Follow-up']) {
      await page.getByRole('button', { name: 'New template' }).click();
      const form = page.getByRole('form', { name: 'New template' });
      await expect(form.getByLabel('Name')).toBeFocused();
      await page.keyboard.type(name);
      await form.getByRole('button', { name: 'Save template' }).click();
      await expect(page.getByRole('status').filter({ hasText: `Saved “${name}”.` })).toBeVisible();
      await notOnBody(page);
      await expect(templates.getByRole('button', { name: new RegExp(`^${name}`) })).toBeFocused();
    }

    // Esc in the editor: back on the template that opened it
    await templates.getByRole('button', { name: /^Reminder/ }).press('Enter');
    const editor = page.getByRole('form', { name: 'Edit Reminder' });
    await expect(editor.getByLabel('Name')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(editor).toHaveCount(0);
    await expect(templates.getByRole('button', { name: /^Reminder/ })).toBeFocused();

    // Delete… asks first (focus on Keep); Keep goes back to Delete…; deleting moves to the next template
    const first = await templates.getByRole('listitem').first().getByRole('button').first().innerText();
    const second = await templates.getByRole('listitem').nth(1).getByRole('button').first().innerText();
    const [firstName, secondName] = [first.split('\n')[0]!, second.split('\n')[0]!];
    await templates.getByRole('button', { name: `Delete ${firstName}` }).click();
    await expect(templates.getByRole('button', { name: 'Keep' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(templates.getByRole('button', { name: `Delete ${firstName}` })).toBeFocused();
    await templates.getByRole('button', { name: `Delete ${firstName}` }).click();
    await templates.getByRole('button', { name: `Delete “${firstName}”` }).click();
    await expect(templates.getByRole('listitem')).toHaveCount(1);
    await expect(templates.getByRole('button', { name: new RegExp(`^${secondName}`) })).toBeFocused();
    await templates.getByRole('button', { name: `Delete ${secondName}` }).click();
    await templates.getByRole('button', { name: `Delete “${secondName}”` }).click();
    await expect(templates.getByRole('listitem')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'New template' })).toBeFocused();
  } finally {
    await app.close();
  }
});
