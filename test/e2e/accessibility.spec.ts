import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp } from './harness';
import { fillCall } from './helpers';

/**
 * axe-core on every main screen and state, light and dark: 0 critical, 0 serious, 0 moderate.
 * Only what is visible is checked (hidden screens stay mounted but are not in the tree).
 */
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/contacts/${name}`, import.meta.url));

async function audit(page: Page, state: string, found: string[]) {
  const result = await new AxeBuilder({ page }).analyze();
  for (const v of result.violations) {
    if (v.impact === 'minor' || !v.impact) continue;
    found.push(
      `${state}: ${v.impact} ${v.id} — ${v.help} (${v.nodes.length}×: ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')})`,
    );
  }
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: every main screen and state, ${scheme}`, async () => {
    test.setTimeout(120_000);
    const app = await startApp({ colorScheme: scheme });
    const found: string[] = [];
    try {
      const { page } = app;
      await page.getByLabel('To number').waitFor();
      await audit(page, 'dial', found);
      await fillCall(page, { agent: DEMO_IDS.agentRiley, variables: [['clinic', 'Harbor']] });
      await page.getByLabel('To number').press('Enter');
      await page.getByRole('button', { name: 'Call', exact: true }).waitFor();
      await audit(page, 'call card', found);
      await page.getByRole('button', { name: 'Call', exact: true }).click();
      await page.getByRole('region', { name: 'Call placed' }).waitFor();
      await audit(page, 'placed', found);

      await page.getByRole('button', { name: 'Contacts', exact: true }).click();
      await page.getByRole('region', { name: 'No contacts yet' }).getByRole('button', { name: 'Import' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import contacts' });
      await dialog.getByLabel('CSV or vCard file').setInputFiles(fixture('google.csv'));
      await expect(dialog.getByRole('status')).toContainText('new');
      await audit(page, 'import preview', found);
      await dialog.getByRole('button', { name: /^Import \d+/ }).click();
      await page.getByRole('listbox', { name: 'Contacts' }).getByRole('option').first().click();
      await audit(page, 'contacts with a selection', found);

      await page.getByRole('button', { name: 'History', exact: true }).click();
      await page.getByRole('listbox', { name: 'Calls' }).getByRole('option').first().click();
      await page.getByRole('heading', { name: 'Body sent' }).waitFor();
      await audit(page, 'history with a call selected', found);
      await page.getByRole('button', { name: /^Outcome/ }).click();
      await page.getByRole('checkbox', { name: 'Queued' }).waitFor();
      await audit(page, 'history outcome filter open', found);
      await page.keyboard.press('Escape');
      await page.getByRole('radio', { name: 'Queued calls' }).check();
      await page.getByRole('button', { name: 'Refresh', exact: true }).and(page.locator(':enabled')).waitFor();
      await audit(page, 'history queued calls', found);
      await page.getByRole('radio', { name: 'Calls', exact: true }).check();

      await page.getByRole('button', { name: 'Templates', exact: true }).click();
      await page.getByRole('button', { name: 'New template' }).first().click();
      await audit(page, 'template editor', found);

      await page.getByRole('button', { name: 'Connection', exact: true }).click();
      await page.locator('[data-screen="connection"]').getByText('Feather API 1.90').waitFor();
      await audit(page, 'connection (simulator)', found);
      await page.getByRole('radio', { name: /Feather Sandbox/ }).check();
      await page.getByLabel('API key').waitFor();
      await audit(page, 'connection (sandbox)', found);

      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('heading', { name: 'On the desktop' }).waitFor();
      await audit(page, 'settings', found);

      const { page: palette } = await app.openPalette();
      // a number not called above (a second card to that one asks about the call on its way, and has no plain Call)
      await palette.getByRole('combobox', { name: 'Call who?' }).fill('415 555 0199');
      await audit(palette, 'palette search', found);
      await palette.getByRole('combobox', { name: 'Call who?' }).press('Enter');
      await palette.getByRole('button', { name: 'Call', exact: true }).waitFor();
      await audit(palette, 'palette card', found);
    } finally {
      await app.close();
    }
    expect(found).toEqual([]);
  });
}

/** The import preview at its fullest: encoding select, country summary and its fix, possible duplicates with their choices. */
const IMPORT_HEADER = 'First Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value';
for (const scheme of ['light', 'dark'] as const) {
  test(`axe: import preview with a country summary, encoding and possible duplicates, ${scheme}`, async () => {
    test.setTimeout(60_000);
    const app = await startApp({ colorScheme: scheme });
    const found: string[] = [];
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Contacts', exact: true }).click();
      await page.getByRole('region', { name: 'No contacts yet' }).getByRole('button', { name: 'Import' }).click();
      let dialog = page.getByRole('dialog', { name: 'Import contacts' });
      const csv = (name: string, lines: string[]) => ({
        name,
        mimeType: 'text/csv',
        buffer: Buffer.from([IMPORT_HEADER, ...lines].join('\r\n'), 'latin1'),
      });
      await dialog
        .getByLabel('CSV or vCard file')
        .setInputFiles(csv('first.csv', ['Jane,Doe,Acme Ltd,Work,jane@acme.example,Work,(212) 555-0100']));
      await dialog.getByRole('button', { name: 'Import 1 contact' }).click();
      await dialog.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: 'Import…' }).click();
      dialog = page.getByRole('dialog', { name: 'Import contacts' });
      await dialog
        .getByLabel('CSV or vCard file')
        .setInputFiles(
          csv('india.csv', [
            'Asha,Rao,,,,Mobile,98765 43210',
            'Bala,Iyer,,,,Mobile,99887 76655',
            'Chitra,Nair,,,,Mobile,98450 12345',
            'Doe,Jane,Acme Ltd,,,Mobile,(212) 555-0199',
            'Søren,Müller,,,,Work,(415) 555-0132',
          ]),
        );
      await dialog.getByRole('region', { name: 'Possible duplicates (1)' }).waitFor();
      await audit(page, 'import preview with country summary and duplicates', found);
      await dialog.getByRole('button', { name: 'Import these as India (+91)' }).click();
      await dialog.getByRole('button', { name: 'Read them as United States numbers again' }).waitFor();
      await audit(page, 'import preview after the country fix', found);
    } finally {
      await app.close();
    }
    expect(found).toEqual([]);
  });
}

/** History: an unknown outcome's "Was this call placed?" with Feather's conversation, and its confirmation dialog. */
for (const scheme of ['light', 'dark'] as const) {
  test(`axe: history, an unknown outcome to settle and its confirmation, ${scheme}`, async () => {
    test.setTimeout(60_000);
    // the real clock, as the simulator's: main finds the conversations started around the attempt by it
    const app = await startApp({ colorScheme: scheme, now: () => new Date() });
    const found: string[] = [];
    try {
      const { page } = app;
      await app.core.handlers.app.setPreferences({
        guards: { callingHours: { enabled: false, start: '08:00', end: '21:00', days: [0, 1, 2, 3, 4, 5, 6] } },
      });
      (await app.demoSimulator()).injectFault({ path: '/v1/voice/outbound', status: 502 });
      await fillCall(page, { agent: DEMO_IDS.agentRiley, variables: [['clinic', 'Harbor']] });
      await page.getByLabel('To number').press('Enter');
      await page.getByRole('button', { name: 'Call', exact: true }).click();
      await page.getByRole('heading', { name: 'Outcome unknown' }).waitFor();
      await page.getByRole('button', { name: 'History', exact: true }).click();
      await page.getByRole('listbox', { name: 'Calls' }).getByRole('option').first().click();
      await page.getByRole('button', { name: 'This is the call' }).waitFor();
      await audit(page, 'history: was this call placed?', found);
      await page.getByRole('button', { name: 'It was not placed' }).click();
      await page.getByRole('dialog', { name: 'Mark this call as not placed?' }).waitFor();
      await audit(page, 'history: mark not placed, confirmation', found);
    } finally {
      await app.close();
    }
    expect(found).toEqual([]);
  });
}
