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
    found.push(`${state}: ${v.impact} ${v.id} — ${v.help} (${v.nodes.length}×: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
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

      await page.getByRole('button', { name: 'Templates', exact: true }).click();
      await page.getByRole('button', { name: 'New template' }).first().click();
      await audit(page, 'template editor', found);

      await page.getByRole('button', { name: 'Connection', exact: true }).click();
      await page.getByText('Feather API 1.90').waitFor();
      await audit(page, 'connection (simulator)', found);
      await page.getByRole('radio', { name: /Feather Sandbox/ }).check();
      await page.getByLabel('API key').waitFor();
      await audit(page, 'connection (sandbox)', found);
    } finally {
      await app.close();
    }
    expect(found).toEqual([]);
  });
}
