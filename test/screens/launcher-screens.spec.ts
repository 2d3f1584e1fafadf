import { test, type Page } from '@playwright/test';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import { startApp } from '../e2e/harness';

/**
 * The README's launcher screens (docs/screenshots/), light and dark, into screenshots/readme/: the hotkey
 * palette listing a contact's numbers, its armed call card, the Dial card opened from a link, a
 * second link waiting beside it, and Settings.
 */
const settle = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
const shot = async (page: Page, name: string, scheme: string) => {
  await settle(page);
  await page.screenshot({ path: `screenshots/readme/${name}-${scheme}.png`, animations: 'disabled', caret: 'hide' });
};

for (const scheme of ['light', 'dark'] as const) {
  test(`palette and a card opened from a link, ${scheme}`, async () => {
    const app = await startApp({ colorScheme: scheme, viewport: { width: 1100, height: 640 } });
    try {
      for (const [firstName, lastName, company, phones] of [
        ['Kim', 'Lee', 'Lee & Co', ['+1 415 555 0142', '+1 415 555 0143']],
        ['Kimberly', 'Ortiz', 'Northwind Clinics', ['+1 212 555 0188']],
      ] as const) {
        await app.core.handlers.contacts.create({
          draft: {
            ...emptyDraft(),
            firstName,
            lastName,
            company,
            phones: phones.map((raw, i) => ({ label: i ? 'work' : 'mobile', raw, doNotCall: false })),
          },
        });
      }
      const { page } = await app.openPalette({ viewport: { width: 560, height: 360 } });
      await page.getByRole('combobox', { name: 'Call who?' }).fill('kim');
      await page.getByRole('option').nth(2).waitFor();
      await shot(page, 'palette', scheme);
      await page.getByRole('combobox', { name: 'Call who?' }).press('Enter');
      await page.getByRole('button', { name: 'Call', exact: true }).waitFor();
      await shot(page, 'palette-card', scheme);

      await app.core.launch({ to: '+14155550132', agent: 'Riley', vars: { clinic: 'Uptown' }, source: 'link' });
      await app.page.getByRole('region', { name: 'Call card' }).getByText('Opened from a link').waitFor();
      await app.page.getByRole('button', { name: 'Edit' }).waitFor();
      await shot(app.page, 'link-card', scheme);

      // another link while that card is ready to call: it waits beside it
      await app.core.launch({ to: '+442079460958', source: 'link' });
      await app.page.getByRole('group', { name: 'Call waiting' }).waitFor();
      await shot(app.page, 'call-waiting', scheme);

      // Settings → On the desktop: the clipboard shortcut off, with one-click suggestions
      await app.page.keyboard.press('ControlOrMeta+5');
      await app.page.getByRole('heading', { name: 'On the desktop' }).waitFor();
      await shot(app.page, 'settings', scheme);
    } finally {
      await app.close();
    }
  });
}
