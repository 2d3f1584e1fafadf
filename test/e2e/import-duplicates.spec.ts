import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { startApp } from './harness';

/**
 * The import preview as a person sees it on two real-shaped files: a Google export whose North
 * American numbers are not valid (offered as no other country) next to a UK mobile and a London
 * fax (offered as British); and an iPhone export where a family landline and an office
 * switchboard are on differently named cards (possible duplicates, Merge or Keep both).
 */
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/contacts/${name}`, import.meta.url));

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'Contacts', exact: true }).click();
  await page.getByRole('region', { name: 'No contacts yet' }).getByRole('button', { name: 'Import' }).click();
  return page.getByRole('dialog', { name: 'Import contacts' });
}

test('North American numbers that are not valid get no country offer; a UK mobile and a London fax are offered as British', async () => {
  const app = await startApp();
  try {
    const dialog = await openImport(app.page);
    await expect(dialog.getByLabel('Numbers without a country code read as')).toHaveValue('US');
    await dialog.getByLabel('CSV or vCard file').setInputFiles(fixture('google-nanp-uk-under-us.csv'));
    await expect(dialog.getByRole('status')).toHaveText('6 new · 0 merged into existing contacts · 0 skipped · 4 with a number to check');

    const summary = dialog.getByRole('region', { name: 'Numbers that look like another country’s' });
    await expect(summary.getByRole('listitem')).toHaveCount(1);
    await expect(summary).toContainText(
      '2 numbers look like UK numbers (valid as +44, not as United States numbers) — import them as +44?',
    );
    await expect(summary.getByRole('button', { name: /^Import these as/ })).toHaveAccessibleName('Import these as United Kingdom (+44)');
    const preview = dialog.getByRole('table', { name: 'Import preview' });
    for (const name of ['Sample Customer', 'Bayside Supplies', 'Liam Tremblay'])
      await expect(preview.getByRole('row').filter({ hasText: name })).toContainText(
        'Not a valid United States number. For another country, start with + and its country code.',
      );
    for (const shown of [summary, preview]) await expect(shown).not.toContainText(/Italian|Mexican|Indian|Italy|Mexico|India/);

    await summary.getByRole('button', { name: 'Import these as United Kingdom (+44)' }).click();
    await expect(summary).toContainText('2 numbers are read as UK numbers (+44), not as United States numbers, as you chose.');
    await expect(preview.getByRole('row').filter({ hasText: 'Sample Customer' })).toContainText('Not a valid United States number');
  } finally {
    await app.close();
  }
});

test('a shared landline and a switchboard are possible duplicates: Merge keeps both names, Keep both keeps two contacts', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const dialog = await openImport(page);
    await dialog.getByLabel('CSV or vCard file').setInputFiles(fixture('iphone-shared-numbers.vcf'));
    await expect(dialog.getByRole('status')).toHaveText(
      '6 new · 1 merged into existing contacts · 0 skipped · 0 with a number to check · 3 possible duplicates',
    );
    const dups = dialog.getByRole('region', { name: 'Possible duplicates (3)' });
    await expect(dups).toContainText('Row 2: Mary Smith — possible duplicate of John Smith (same number)');
    await expect(dups).toContainText('Row 4: Alice Chen — possible duplicate of Northwind Traders (same number)');
    await expect(dups).toContainText('Row 5: Bob Okafor — possible duplicate of Northwind Traders (same number)');
    await expect(dups).toContainText('a merge keeps the other name in the contact’s notes');

    const mary = dups.getByRole('radiogroup', { name: 'Mary Smith, row 2' });
    await expect(mary.getByRole('radio', { name: 'Keep both' })).toBeChecked();
    await mary.getByRole('radio', { name: 'Merge' }).check();
    await dialog.getByRole('button', { name: 'Import 7 contacts' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Imported: 5 added, 2 merged into existing contacts, 0 skipped.');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await expect(page.getByText('5 contacts', { exact: true })).toBeVisible();
    const list = page.getByRole('listbox', { name: 'Contacts' });
    await expect(list.getByRole('option', { name: /^Mary Smith/ })).toHaveCount(0);
    await list.getByRole('option', { name: /^John Smith/ }).click();
    await expect(page.getByRole('region', { name: 'Contact John Smith' })).toContainText('Also on this card: Mary Smith');
    for (const name of ['Alice Chen', 'Bob Okafor', 'Northwind Traders'])
      await expect(list.getByRole('option', { name: new RegExp(`^${name}`) })).toHaveCount(1);
  } finally {
    await app.close();
  }
});
