import { expect, test } from '@playwright/test';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import { emptyTemplateDraft } from '../../shared/templates/empty-template';
import { startApp } from './harness';

/**
 * The renderer follows main: changes made in main (as the tray, a tel: link or another window
 * would make them) reach the screens as events, with no reload and no polling.
 */
test('a dial request from main opens the Dial screen with the number and the contact, armed when it checks out', async () => {
  const app = await startApp();
  try {
    const { page, core } = app;
    await page.getByRole('button', { name: 'Contacts', exact: true }).click();
    const created = await core.handlers.contacts.create({
      draft: { ...emptyDraft(), displayName: 'Kim Lee', phones: [{ label: 'mobile', raw: '+1 415 555 0111', doNotCall: false }] },
    });
    await core.requestDial({ toNumber: '+14155550111', contactId: created.id, source: 'link' });
    await expect(page.getByRole('button', { name: 'Dial', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByLabel('To number')).toHaveValue('+14155550111');
    // the demo directory's first bound number was suggested; Automatic needs nothing else
    const card = page.getByRole('region', { name: 'Call card' });
    await expect(card.getByRole('heading', { name: 'Ready to call' })).toBeVisible();
    await expect(card).toContainText('Kim Lee');
    expect(app.eventLog.map((e) => e.event)).toContain('dial:request');
  } finally {
    await app.close();
  }
});

test('templates, contacts and settings changed in main show up at once; the directory is listed once per connection', async () => {
  const app = await startApp();
  try {
    const { page, core } = app;
    await expect(page.getByLabel('To number')).toBeVisible();
    await core.handlers.templates.save({ draft: { ...emptyTemplateDraft(), name: 'Made in main' } });
    await expect(page.getByLabel('Template', { exact: true })).toContainText('Made in main');

    await page.getByRole('button', { name: 'Contacts', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'No contacts yet' })).toBeVisible();
    await core.handlers.contacts.create({
      draft: { ...emptyDraft(), displayName: 'Grace Hopper', phones: [{ label: 'work', raw: '+1 202 555 0100', doNotCall: false }] },
    });
    await expect(page.getByRole('listbox', { name: 'Contacts' })).toContainText('Grace Hopper');

    await core.handlers.app.setDefaultCountry({ country: 'GB' });
    await page.getByRole('button', { name: 'Dial', exact: true }).click();
    await expect(page.getByLabel('Default country')).toHaveValue('GB');

    // every screen reads the one directory store: one list and one refresh for the connection
    const lists = app.bridgeLog.filter((c) => c.channel === 'directory:list').length;
    const refreshes = app.bridgeLog.filter((c) => c.channel === 'directory:refresh').length;
    expect(lists).toBe(1);
    expect(refreshes).toBe(1);
  } finally {
    await app.close();
  }
});
