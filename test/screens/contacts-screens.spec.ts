import { test, type Page } from '@playwright/test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateContacts } from '../../bench/generate-contacts';
import { startApp } from '../e2e/harness';
import { emptyDraft } from '../../shared/contacts/contact-helpers';

/** Contacts screens for `npm run screenshots`: empty, 10, 100k, detail, edit with errors, import preview. */
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/contacts/${name}`, import.meta.url));
const shot = (page: Page, name: string, scheme: string) => page.screenshot({ path: `screenshots/${name}-${scheme}.png` });

for (const scheme of ['light', 'dark'] as const) {
  test(`contacts screens (${scheme})`, async () => {
    test.setTimeout(120_000);
    const small = await startApp({ colorScheme: scheme });
    try {
      const { page } = small;
      await page.getByRole('button', { name: 'Contacts', exact: true }).click();
      await page.getByRole('heading', { name: 'No contacts yet' }).waitFor();
      await shot(page, '20-contacts-empty', scheme);

      await page.getByRole('region', { name: 'No contacts yet' }).getByRole('button', { name: 'Import' }).click();
      await page.getByLabel('CSV or vCard file').setInputFiles(fixture('generic.csv'));
      await page.getByRole('table', { name: 'Import preview' }).waitFor();
      await shot(page, '21-import-mapping', scheme);
      await page.getByLabel('CSV or vCard file').setInputFiles(fixture('google.csv'));
      await page.getByText('6 new ·').waitFor();
      await shot(page, '22-import-preview', scheme);
      await page.getByRole('button', { name: 'Import 7 contacts' }).click();
      await page.getByText('Imported:').waitFor();
      await page.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: 'Import…' }).click();
      await page.getByLabel('CSV or vCard file').setInputFiles(fixture('outlook.csv'));
      await page.getByRole('button', { name: /Import \d+ contacts/ }).click();
      await page.getByText('Imported:').waitFor();
      await page.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('searchbox', { name: 'Search contacts' }).fill('aisha');
      await page.getByRole('region', { name: 'Contact Aisha Khan' }).waitFor();
      await page.getByRole('searchbox', { name: 'Search contacts' }).fill('');
      await page.getByText('10 contacts', { exact: true }).waitFor();
      await page.getByRole('listbox', { name: 'Contacts' }).getByRole('option').nth(0).click();
      await shot(page, '23-contacts-10', scheme);

      await page.getByRole('searchbox', { name: 'Search contacts' }).fill('aisha');
      await page.getByRole('region', { name: 'Contact Aisha Khan' }).waitFor();
      await shot(page, '24-contact-detail-flagged', scheme);
      // a fax and a pager: shown with their type, no Call button
      await small.core.handlers.contacts.create({
        draft: {
          ...emptyDraft(),
          firstName: 'Jane',
          lastName: 'Doe',
          company: 'Acme Ltd',
          phones: [
            { label: 'fax', raw: '(415) 555-0190', doNotCall: false },
            { label: 'mobile', raw: '(415) 555-0161', doNotCall: false },
            { label: 'pager', raw: '(415) 555-0177', doNotCall: false },
          ],
        },
      });
      await page.getByRole('searchbox', { name: 'Search contacts' }).fill('jane doe');
      await page.getByRole('region', { name: 'Contact Jane Doe' }).waitFor();
      await shot(page, '24b-contact-detail-fax', scheme);
      await page.getByRole('searchbox', { name: 'Search contacts' }).fill('aisha');
      await page.getByRole('region', { name: 'Contact Aisha Khan' }).waitFor();
      await page.getByRole('button', { name: 'Edit' }).click();
      const form = page.getByRole('form', { name: 'Edit Aisha Khan' });
      await form.getByRole('button', { name: 'Add number' }).click();
      await form.getByLabel('Number 4', { exact: true }).fill('020 7946 0958');
      await form.getByLabel('Emails').fill('aisha@example');
      await form.getByRole('button', { name: 'Save contact' }).click();
      await form.locator('.field-error').first().waitFor();
      await shot(page, '25-contact-edit-errors', scheme);
    } finally {
      await small.close();
    }

    const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-100k-'));
    await writeFile(
      path.join(dir, 'contacts.json'),
      JSON.stringify({ schemaVersion: 1, generation: 0, contacts: generateContacts(100_000) }),
    );
    const big = await startApp({ userDataDir: dir, colorScheme: scheme });
    try {
      const { page } = big;
      await page.getByRole('button', { name: 'Contacts', exact: true }).click();
      await page.getByText('100,000 contacts', { exact: true }).waitFor();
      await page.getByRole('listbox', { name: 'Contacts' }).getByRole('option').nth(2).click();
      await shot(page, '26-contacts-100k', scheme);
      await page.getByRole('searchbox', { name: 'Search contacts' }).fill('müller 415');
      await page.getByText(/of 100,000 contacts/).waitFor();
      await shot(page, '27-contacts-100k-search', scheme);
    } finally {
      await big.close();
    }
  });
}
