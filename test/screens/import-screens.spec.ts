import { test, type Page } from '@playwright/test';
import { startApp } from '../e2e/harness';

/**
 * The import preview for `npm run screenshots`: a Windows-1252 Google export from an Indian
 * office under the US default, with possible duplicates of contacts already there — the
 * encoding, the country summary with its fix, the duplicates list; then after the fix.
 */
const shot = (page: Page, name: string, scheme: string) => page.screenshot({ path: `screenshots/${name}-${scheme}.png`, fullPage: true });
const HEADER = 'First Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value';
const file = (name: string, text: string, encoding: BufferEncoding = 'utf8') => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text, encoding),
});

const EXISTING = [
  HEADER,
  'Priya,Sharma,Tata Consultancy,Work,priya@tcs.example,Work,+91 22 6778 9999',
  'Jane,Doe,Acme Ltd,Work,jane@acme.example,Work,(212) 555-0100',
].join('\n');
const OFFICE = [
  HEADER,
  'Asha,Rao,Infosys,,,Mobile,98765 43210',
  'Bala,Iyer,,,,Mobile,99887 76655',
  'Chitra,Nair,,,,Mobile,98450 12345',
  'Dev,Kumar,,,,Mobile,97654 32109',
  'Sharma,Priya,Tata Consultancy,,,Mobile,98200 11223',
  'J.,Doe,,Work,Jane@Acme.example,,',
  'Zoë,Müller,Café Zürich,,,Work,(415) 555-0132',
].join('\r\n');

for (const scheme of ['light', 'dark'] as const) {
  test(`import preview: country summary, encoding, possible duplicates (${scheme})`, async () => {
    test.setTimeout(120_000);
    const app = await startApp({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Contacts', exact: true }).click();
      await page.getByRole('region', { name: 'No contacts yet' }).getByRole('button', { name: 'Import' }).click();
      let dialog = page.getByRole('dialog', { name: 'Import contacts' });
      await dialog.getByLabel('CSV or vCard file').setInputFiles(file('existing.csv', EXISTING));
      await dialog.getByRole('button', { name: 'Import 2 contacts' }).click();
      await dialog.getByRole('button', { name: 'Close' }).click();

      await page.getByRole('button', { name: 'Import…' }).click();
      dialog = page.getByRole('dialog', { name: 'Import contacts' });
      await dialog.getByLabel('CSV or vCard file').setInputFiles(file('office-export.csv', OFFICE, 'latin1'));
      await dialog.getByRole('region', { name: 'Possible duplicates (2)' }).waitFor();
      await dialog.getByText(/numbers look Indian/).waitFor();
      // the README's import preview (docs/screenshots/): the window as a person sees it, before any choice
      await page.screenshot({ path: `screenshots/readme/import-preview-${scheme}.png`, animations: 'disabled', caret: 'hide' });
      await dialog.getByRole('radiogroup', { name: 'Sharma Priya, row 6' }).getByRole('radio', { name: 'Merge' }).check();
      await shot(page, '60-import-country-summary', scheme);

      await dialog.getByRole('button', { name: 'Import these as India (+91)' }).click();
      await dialog.getByText(/numbers are read as Indian/).waitFor();
      await shot(page, '61-import-country-fixed', scheme);
    } finally {
      await app.close();
    }
  });
}
