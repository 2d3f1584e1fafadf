import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp } from './harness';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/contacts/${name}`, import.meta.url));

/** Who calls is chosen once on Dial; calls from contacts reuse it. */
async function chooseCaller(page: Page) {
  await page.getByLabel('From number', { exact: true }).fill(DEMO_IDS.numberSf);
  await page.getByRole('radio', { name: 'Agent' }).check();
  await page.getByLabel('Agent ID', { exact: true }).fill(DEMO_IDS.agentRiley);
}
const openContacts = (page: Page) => page.getByRole('button', { name: 'Contacts', exact: true }).click();
const contactOptions = (page: Page) => page.getByRole('listbox', { name: 'Contacts' });
const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search contacts' });

test('import a Google CSV through the preview, search by name and by digits, call a work number', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await chooseCaller(page);
    await openContacts(page);
    await expect(page.getByRole('heading', { name: 'No contacts yet' })).toBeVisible();
    await page.getByRole('region', { name: 'No contacts yet' }).getByRole('button', { name: 'Import' }).click();

    const dialog = page.getByRole('dialog', { name: 'Import contacts' });
    await dialog.getByLabel('CSV or vCard file').setInputFiles(fixture('google.csv'));
    await expect(dialog).toContainText('Google Contacts CSV');
    // Ana Ruiz shares Aisha Khan's mobile under another name: a possible duplicate, kept apart unless merged
    await expect(dialog.getByRole('status')).toHaveText(
      '7 new · 0 merged into existing contacts · 1 skipped · 2 with a number to check · 1 possible duplicate',
    );
    const preview = dialog.getByRole('table', { name: 'Import preview' });
    await expect(preview.getByRole('row').filter({ hasText: 'No name and no phone number.' })).toContainText('7');
    await expect(preview.getByRole('row').filter({ hasText: 'scientific notation' })).toContainText('Aisha Khan');
    expect(app.core.contacts.size()).toBe(0); // nothing written before the user confirms

    await dialog.getByRole('button', { name: 'Import 7 contacts' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Imported: 7 added, 0 merged into existing contacts, 1 skipped.');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByText('7 contacts', { exact: true })).toBeVisible();

    await searchBox(page).fill('alva');
    await expect(contactOptions(page).getByRole('option')).toHaveCount(1);
    await expect(contactOptions(page).getByRole('option').first()).toHaveAccessibleName(/José Álvarez/);
    await searchBox(page).fill('(212) 555');
    await expect(contactOptions(page).getByRole('option')).toHaveCount(1);
    await expect(contactOptions(page).getByRole('option').first()).toHaveAccessibleName(/Tom Baker/);

    const detail = page.getByRole('region', { name: 'Contact Tom Baker' });
    await expect(detail).toContainText('extension 42 is not dialled');
    await detail.getByRole('button', { name: 'Call work 212-555-0100 ext. 42' }).click();
    const card = page.getByRole('region', { name: 'Call card' });
    await expect(card).toContainText('Tom Baker');
    await expect(card.getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();

    const posts = (await app.demoSimulator()).outboundRequests();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toMatchObject({
      to_phone_number: '+12125550100',
      from_phone_number_id: DEMO_IDS.numberSf,
      agent_id: DEMO_IDS.agentRiley,
    });
    await openContacts(page);
    await expect(page.getByRole('region', { name: 'Contact Tom Baker' })).toContainText('1, last');
  } finally {
    await app.close();
  }
});

test('keyboard: type to search, arrows to move, Enter to call the selected contact', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await chooseCaller(page);
    await openContacts(page);
    await page.getByRole('button', { name: 'Import…' }).click();
    await page.getByLabel('CSV or vCard file').setInputFiles(fixture('iphone.vcf'));
    await page.getByRole('button', { name: 'Import 3 contacts' }).click();
    await page.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('heading', { name: 'Émilie Dubois' }).click(); // focus leaves the search box
    await page.keyboard.type('kim');
    await expect(searchBox(page)).toHaveValue('kim');
    await searchBox(page).fill('');
    await expect(page.getByText('3 contacts', { exact: true })).toBeVisible();
    await searchBox(page).press('ArrowDown');
    await expect(contactOptions(page).getByRole('option', { selected: true })).toHaveAccessibleName(/Kim Lee/);
    await searchBox(page).press('Enter');
    await expect(page.getByRole('region', { name: 'Call card' })).toContainText('Kim Lee');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    expect((await app.demoSimulator()).outboundRequests().map((r) => (r.body as { to_phone_number: string }).to_phone_number)).toEqual([
      '+12125550100',
    ]);
  } finally {
    await app.close();
  }
});

test('a do-not-call contact cannot be called from any path, and the card says why', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await chooseCaller(page);
    await openContacts(page);
    await page.getByRole('button', { name: 'Add contact' }).first().click();
    const form = page.getByRole('form', { name: 'New contact' });
    await form.getByLabel('First name').fill('Dana');
    await form.getByLabel('Last name').fill('Scully');
    await form.getByLabel('Number 1', { exact: true }).fill('(202) 555-0111');
    await form.getByLabel('Do not call this contact').check();
    await form.getByRole('button', { name: 'Save contact' }).click();
    await expect(form.getByText('Say why this contact must not be called.')).toBeVisible();
    await form.getByLabel('Why not').fill('Asked us to stop calling on 2 Oct');
    await form.getByRole('button', { name: 'Save contact' }).click();

    const detail = page.getByRole('region', { name: 'Contact Dana Scully' });
    await expect(detail).toContainText('Do not call: Asked us to stop calling on 2 Oct');
    await expect(detail.getByRole('button', { name: 'Call mobile (202) 555-0111' })).toBeDisabled();

    // Enter from the list opens the card, which refuses
    await searchBox(page).fill('scully');
    await searchBox(page).press('Enter');
    const card = page.getByRole('region', { name: 'Call card' });
    await expect(card.getByRole('alert')).toContainText('Do not call. Dana Scully: Asked us to stop calling on 2 Oct');
    await expect(card.getByRole('button', { name: 'Call', exact: true })).toHaveCount(0);

    // typing the number by hand is refused too (the plan blocks, so the form stays editable)
    await expect(page.locator('#toNumber-error')).toContainText('Do-not-call');
    await page.getByLabel('To number').fill('202.555.0111');
    await expect(card.getByRole('alert')).toContainText('Do not call');

    // and so is any other caller of the dialer (hotkey, tray, tel: links all use it)
    const result = await page.evaluate(() =>
      window.launcher.call.place({
        requestId: crypto.randomUUID(),
        toNumber: '+12025550111',
        fromNumberId: '0b6f3c1e-8d2a-4f57-b9e4-1a2c3d4e5f60',
        caller: { mode: 'auto' },
        contextVariables: [],
      }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'do_not_call' } });
    expect((await app.demoSimulator()).outboundRequests()).toHaveLength(0);
  } finally {
    await app.close();
  }
});

test('delete is undoable and the contact comes back whole', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await openContacts(page);
    await page.getByRole('button', { name: 'Import…' }).click();
    await page.getByLabel('CSV or vCard file').setInputFiles(fixture('outlook.csv'));
    await page.getByRole('button', { name: 'Import 4 contacts' }).click();
    await page.getByRole('button', { name: 'Close' }).click();
    await searchBox(page).fill('soren');
    const detail = page.getByRole('region', { name: 'Contact Søren Kierkegaard' });
    await expect(detail).toContainText('Nørrebro Apotek');
    await detail.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Deleted Søren Kierkegaard.' })).toBeVisible();
    await expect(page.getByText('No contact matches “soren”.')).toBeVisible();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(contactOptions(page).getByRole('option')).toHaveCount(1);
    await expect(page.getByRole('region', { name: 'Contact Søren Kierkegaard' })).toContainText('+45 20 12 34 56');
    expect(app.core.contacts.size()).toBe(4);
  } finally {
    await app.close();
  }
});
