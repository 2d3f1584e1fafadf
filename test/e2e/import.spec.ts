import { expect, test, type Page } from '@playwright/test';
import { startApp } from './harness';

/**
 * The import dialog as a person uses it: a country of its own, the file-level summary of
 * numbers that look like another country's with its one-click fix, the encoding shown and
 * changeable, possible duplicates decided row by row.
 */

const GOOGLE_HEADER = 'First Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value';
/** A Google export from an Indian office, imported under the US default. */
export const INDIAN_CSV = [
  GOOGLE_HEADER,
  'Asha,Rao,Infosys,,,Mobile,98765 43210', // not a US number (no area code 987)
  'Bala,Iyer,,,,Mobile,99887 76655', // not a US number
  'Chitra,Nair,,,,Mobile,98450 12345', // a US number too (area code 984): ambiguous
  'Dev,Kumar,,,,Mobile,97654 32109', // not a US number
  'Esha,Shah,,,,Work,(415) 555-0132', // written the American way: stays American
].join('\n');

const csvFile = (name: string, text: string | Buffer) => ({
  name,
  mimeType: 'text/csv',
  buffer: typeof text === 'string' ? Buffer.from(text, 'utf8') : text,
});

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'Contacts', exact: true }).click();
  const empty = page.getByRole('region', { name: 'No contacts yet' });
  if (await empty.isVisible()) await empty.getByRole('button', { name: 'Import' }).click();
  else await page.getByRole('button', { name: 'Import…' }).click();
  return page.getByRole('dialog', { name: 'Import contacts' });
}

test('Indian numbers under the US default: the summary says so, one click imports them as +91', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const dialog = await openImport(page);
    await expect(dialog.getByLabel('Numbers without a country code read as')).toHaveValue('US');
    await dialog.getByLabel('CSV or vCard file').setInputFiles(csvFile('india.csv', INDIAN_CSV));
    await expect(dialog.getByRole('status')).toHaveText('5 new · 0 merged into existing contacts · 0 skipped · 4 with a number to check');
    await expect(dialog).toContainText('Encoding: UTF-8 (detected) · Numbers without a country code read as: United States');

    const summary = dialog.getByRole('region', { name: 'Numbers that look like another country’s' });
    await expect(summary).toContainText(
      '4 numbers look Indian: 3 are valid as +91 and not as United States numbers, 1 is valid as both and cannot be called until you choose — import them as +91?',
    );
    const preview = dialog.getByRole('table', { name: 'Import preview' });
    await expect(preview.getByRole('row').filter({ hasText: 'Asha Rao' })).toContainText(
      'It looks like an Indian number: +91 98765 43210.',
    );

    await summary.getByRole('button', { name: 'Import these as India (+91)' }).click();
    await expect(summary).toContainText('4 numbers are read as Indian numbers (+91), not as United States numbers, as you chose.');
    // the button that was pressed is gone: focus moves to what replaced it, not to the page
    await expect(summary.getByRole('button', { name: 'Read them as United States numbers again' })).toBeFocused();
    const moved = summary.getByRole('region', { name: 'Numbers that look like India’s' });
    for (const e164 of ['+919876543210', '+919988776655', '+919845012345', '+919765432109']) await expect(moved).toContainText(e164);
    await expect(moved).not.toContainText('+14155550132');
    await expect(dialog.getByRole('status')).toHaveText('5 new · 0 merged into existing contacts · 0 skipped · 0 with a number to check');
    expect(app.core.contacts.size()).toBe(0); // still nothing written

    await dialog.getByRole('button', { name: 'Import 5 contacts' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Imported: 5 added, 0 merged into existing contacts, 0 skipped.');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const list = page.getByRole('listbox', { name: 'Contacts' });
    await expect(list.getByRole('option')).toHaveCount(5);
    await expect(list.getByRole('option', { name: /Asha Rao/ })).toContainText('+91 98765 43210');
    await expect(list.getByRole('option', { name: /Chitra Nair/ })).toContainText('+91 98450 12345');
    await expect(list.getByRole('option', { name: /Esha Shah/ })).toContainText('(415) 555-0132');
    const rows = app.core.contacts.query({ query: '', sort: 'name', favoritesOnly: false, tags: [], offset: 0, limit: 10 }).rows;
    expect(Object.fromEntries(rows.map((r) => [r.name, r.primaryPhone?.e164]))).toEqual({
      'Asha Rao': '+919876543210',
      'Bala Iyer': '+919988776655',
      'Chitra Nair': '+919845012345',
      'Dev Kumar': '+919765432109',
      'Esha Shah': '+14155550132',
    });
  } finally {
    await app.close();
  }
});

test('the country is the import’s own: changing it re-plans the preview and keeps focus on the select', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const dialog = await openImport(page);
    await dialog.getByLabel('CSV or vCard file').setInputFiles(csvFile('india.csv', INDIAN_CSV));
    await expect(dialog.getByRole('status')).toContainText('4 with a number to check');
    const select = dialog.getByLabel('Numbers without a country code read as');
    await select.focus();
    await select.selectOption('GB');
    await expect(dialog).toContainText('Numbers without a country code read as: United Kingdom');
    const summary = dialog.getByRole('region', { name: 'Numbers that look like another country’s' });
    await expect(summary).toContainText('4 numbers look Indian (valid as +91, not as United Kingdom numbers) — import them as +91?');
    await expect(summary).toContainText('1 number looks like a US number (valid as +1, not as United Kingdom numbers) — import it as +1?');
    await expect(dialog.getByRole('status')).toContainText('5 with a number to check');
    await expect(select).toBeFocused();
  } finally {
    await app.close();
  }
});

test('Windows-1252 names, a chosen encoding, and possible duplicates merged or kept row by row', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    let dialog = await openImport(page);
    await dialog
      .getByLabel('CSV or vCard file')
      .setInputFiles(
        csvFile(
          'first.csv',
          [GOOGLE_HEADER, 'Jane,Doe,Acme Ltd,Work,jane@acme.example,Work,(212) 555-0100', 'Kim,Lee,,,,Mobile,(212) 555-0197'].join('\n'),
        ),
      );
    await dialog.getByRole('button', { name: 'Import 2 contacts' }).click();
    await dialog.getByRole('button', { name: 'Close' }).click();

    dialog = await openImport(page);
    const latin1 = Buffer.from(
      [
        GOOGLE_HEADER,
        'Søren,Müller,Café Zürich,,,Mobile,(212) 555-0150',
        'Doe,Jane,ACME ltd,,,Mobile,(212) 555-0199',
        'J.,Doe,,Work,Jane@Acme.example,,',
        'Lee,Kim,,,,Mobile,(212) 555-0196',
      ].join('\r\n'),
      'latin1',
    );
    await dialog.getByLabel('CSV or vCard file').setInputFiles(csvFile('second.csv', latin1));
    await expect(dialog.getByRole('status')).toHaveText(
      '4 new · 0 merged into existing contacts · 0 skipped · 0 with a number to check · 3 possible duplicates',
    );
    await expect(dialog).toContainText('Encoding: Windows-1252 (detected)');
    const preview = dialog.getByRole('table', { name: 'Import preview' });
    await expect(preview).toContainText('Søren Müller');

    const encoding = dialog.getByLabel('Encoding');
    await encoding.focus();
    await encoding.selectOption('utf-8');
    await expect(dialog).toContainText('Encoding: UTF-8 (chosen)');
    await expect(dialog).toContainText('could not be read as UTF-8');
    await expect(preview).toContainText('S\ufffdren');
    await expect(encoding).toBeFocused();
    await encoding.selectOption('windows-1252');
    await expect(preview).toContainText('Søren Müller');

    const dups = dialog.getByRole('region', { name: 'Possible duplicates (3)' });
    await expect(dups).toContainText('Row 3: Doe Jane — possible duplicate of Jane Doe (same name and company)');
    await expect(dups).toContainText('Row 4: J. Doe — possible duplicate of Jane Doe (same email)');
    await expect(dups).toContainText('Row 5: Lee Kim — possible duplicate of Kim Lee (same name)');
    const jane = dups.getByRole('radiogroup', { name: 'Doe Jane, row 3' });
    await expect(jane.getByRole('radio', { name: 'Keep both' })).toBeChecked();
    await jane.getByRole('radio', { name: 'Merge' }).check();
    await expect(preview.getByRole('row').filter({ hasText: 'into Jane Doe' })).toContainText('Merge');
    // keyboard: arrows move within the row's choice
    await dups.getByRole('radiogroup', { name: 'Lee Kim, row 5' }).getByRole('radio', { name: 'Keep both' }).focus();
    await page.keyboard.press('ArrowUp');
    await expect(dups.getByRole('radiogroup', { name: 'Lee Kim, row 5' }).getByRole('radio', { name: 'Merge' })).toBeChecked();

    await dialog.getByRole('button', { name: 'Import 4 contacts' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Imported: 2 added, 2 merged into existing contacts, 0 skipped.');
    const all = app.core.contacts.query({ query: '', sort: 'name', favoritesOnly: false, tags: [], offset: 0, limit: 10 }).rows;
    expect(all.map((r) => [r.name, r.phoneCount])).toEqual([
      ['J. Doe', 0],
      ['Jane Doe', 2],
      ['Kim Lee', 2],
      ['Søren Müller', 1],
    ]);
  } finally {
    await app.close();
  }
});

test('an import’s progress reaches the window as main’s events: the window never asks how the job is doing', async () => {
  test.setTimeout(60_000); // 5,000 rows on a busy machine
  const app = await startApp();
  try {
    const { page } = app;
    const dialog = await openImport(page);
    // big enough that reading and writing take a moment: the progress shows while main works
    const rows = Array.from({ length: 5000 }, (_, i) => `Person,No ${i},,,,Mobile,+1 415 555 ${String(i).padStart(4, '0')}`);
    await dialog.getByLabel('CSV or vCard file').setInputFiles(csvFile('big.csv', [GOOGLE_HEADER, ...rows].join('\n')));
    await expect(dialog.getByRole('progressbar', { name: 'Reading file' })).toBeVisible();
    await expect(dialog.getByRole('status')).toContainText('5000 new', { timeout: 20_000 });
    await dialog.getByRole('button', { name: 'Import 5,000 contacts' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Imported: 5000 added, 0 merged into existing contacts, 0 skipped.', {
      timeout: 20_000,
    });
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();

    const reports = app.eventLog.filter((e) => e.event === 'import:progress').map((e) => e.payload as { phase: string; processed: number });
    expect([...new Set(reports.map((r) => r.phase))]).toEqual(['planning', 'ready', 'importing', 'done']);
    expect(reports.some((r) => r.phase === 'planning' && r.processed > 0)).toBe(true); // progress, not only phases
    // the window only started and committed the job (there is no channel to ask how it is doing)
    expect(app.bridgeLog.filter((c) => c.channel.startsWith('contacts:import')).map((c) => c.channel)).toEqual([
      'contacts:importPreview',
      'contacts:importCommit',
    ]);
  } finally {
    await app.close();
  }
});
