import { expect, test, type Page } from '@playwright/test';
import type { ContactDraft } from '../../shared/contacts/contact';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp, type RunningApp } from './harness';

/** Fax, pager, telex, TTY and modem lines: shown with their type, never offered as callable, refused by main. */

const FAX_REASON = "This is Jane Doe's fax number: an AI voice agent cannot talk to a fax. Call a voice number instead.";

async function addJane(app: RunningApp) {
  // a fax first, then a voice number, then a label the editor does not list
  const draft: ContactDraft = {
    ...emptyDraft(),
    firstName: 'Jane',
    lastName: 'Doe',
    phones: [
      { label: 'fax', raw: '(415) 555-0190', doNotCall: false },
      { label: 'mobile', raw: '(415) 555-0161', doNotCall: false },
      { label: 'assistant', raw: '(415) 555-0162', doNotCall: false },
    ],
  };
  await app.core.handlers.contacts.create({ draft });
}

async function chooseCaller(page: Page) {
  await page.getByLabel('From number', { exact: true }).fill(DEMO_IDS.numberSf);
  await page.getByRole('radio', { name: 'Agent' }).check();
  await page.getByLabel('Agent ID', { exact: true }).fill(DEMO_IDS.agentRiley);
}
const openContacts = (page: Page) => page.getByRole('button', { name: 'Contacts', exact: true }).click();

test('a fax number is shown as a fax with no Call button; Enter on the contact calls its voice number', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await addJane(app);
    await chooseCaller(page);
    await openContacts(page);
    const detail = page.getByRole('region', { name: 'Contact Jane Doe' });
    const numbers = detail.getByRole('list', { name: 'Phone numbers' }).getByRole('listitem');
    const fax = numbers.filter({ hasText: '(415) 555-0190' });
    await expect(fax).toContainText('fax');
    await expect(fax).toContainText('Not callable');
    await expect(fax).toContainText('This is a fax number: an AI voice agent cannot talk to it.');
    await expect(fax.getByRole('button')).toHaveCount(0);
    await expect(detail.getByRole('button', { name: /^Call fax/ })).toHaveCount(0);
    await expect(detail.getByRole('button', { name: 'Call mobile (415) 555-0161' })).toBeEnabled();
    // the list row shows the first voice number, not the fax listed first
    await expect(page.getByRole('listbox', { name: 'Contacts' }).getByRole('option', { name: 'Jane Doe' })).toContainText('(415) 555-0161');

    await page.getByRole('searchbox', { name: 'Search contacts' }).press('Enter');
    const card = page.getByRole('region', { name: 'Call card' });
    await expect(card).toContainText('Jane Doe');
    await expect(card).toContainText('+1 415 555 0161');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    expect((await app.demoSimulator()).outboundRequests().map((r) => (r.body as { to_phone_number: string }).to_phone_number)).toEqual([
      '+14155550161',
    ]);
  } finally {
    await app.close();
  }
});

test('the fax number typed on the Dial screen is refused at To number, and Call places nothing', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await addJane(app);
    await chooseCaller(page);
    await page.getByLabel('To number').fill('415.555.0190');
    await page.getByLabel('To number').press('Enter');
    // Whether the card refuses at once or only main does when Call is pressed, Call never sends it.
    const call = page.getByRole('region', { name: 'Call card' }).getByRole('button', { name: 'Call', exact: true });
    const refusal = page.locator('#toNumber-error');
    await expect(refusal.or(call).first()).toBeVisible();
    if (await call.isVisible()) await call.click();
    await expect(refusal).toHaveText(FAX_REASON);
    await expect(page.getByLabel('To number')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('region', { name: 'Call placed' })).toHaveCount(0);
    expect((await app.demoSimulator()).outboundRequests()).toHaveLength(0);

    // pressing Enter again does not get it through either
    await page.getByLabel('To number').press('Enter');
    if (await call.isVisible()) await call.click();
    await expect(refusal).toHaveText(FAX_REASON);
    expect((await app.demoSimulator()).outboundRequests()).toHaveLength(0);
  } finally {
    await app.close();
  }
});

test('the editor offers fax, pager, telex and TTY, and keeps a label it does not list', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await addJane(app);
    await openContacts(page);
    await page.getByRole('region', { name: 'Contact Jane Doe' }).getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: /Edit/ });
    const first = form.getByRole('combobox', { name: 'Number 1 label' });
    await expect(first).toHaveValue('fax');
    await expect(first.getByRole('option')).toHaveText(['mobile', 'work', 'home', 'main', 'other', 'fax', 'pager', 'telex', 'tty']);
    await expect(form.getByRole('combobox', { name: 'Number 3 label' })).toHaveValue('assistant');
    await form.getByRole('combobox', { name: 'Number 2 label' }).selectOption('pager');
    await form.getByRole('button', { name: 'Save contact' }).click();

    const detail = page.getByRole('region', { name: 'Contact Jane Doe' });
    await expect(detail.getByRole('button', { name: 'Call assistant (415) 555-0162' })).toBeEnabled();
    await expect(detail.getByRole('listitem').filter({ hasText: '(415) 555-0161' })).toContainText('This is a pager');
    const stored = app.core.contacts.query({ query: 'jane', sort: 'name', favoritesOnly: false, tags: [], offset: 0, limit: 1 }).rows[0]!;
    expect(app.core.contacts.get(stored.id).phones.map((p) => p.label)).toEqual(['fax', 'pager', 'assistant']);
  } finally {
    await app.close();
  }
});
