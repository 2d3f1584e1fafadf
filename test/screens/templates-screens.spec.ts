import { test, type Page } from '@playwright/test';
import { startSimulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp } from '../e2e/harness';
import { startTemplate, useCustomServer } from '../e2e/helpers';

/** Pickers, template editor with warnings, call card with a template, connections — for `npm run screenshots`. */
const shot = (page: Page, name: string, scheme: string) => page.screenshot({ path: `screenshots/${name}-${scheme}.png`, fullPage: true });
const tab = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

for (const scheme of ['light', 'dark'] as const) {
  test(`templates and pickers (${scheme})`, async () => {
    test.setTimeout(120_000);
    const app = await startApp({ colorScheme: scheme });
    try {
      const { page } = app;
      await page.getByText(/Numbers, agents and teams as of/).waitFor();
      await page.getByLabel('From number', { exact: true }).fill(DEMO_IDS.numberSf);
      await page.getByRole('radio', { name: 'Agent' }).check();
      await page.getByLabel('Agent ID', { exact: true }).click();
      await shot(page, '30-caller-pickers', scheme);
      await page.getByLabel('Agent ID', { exact: true }).fill(DEMO_IDS.agentRiley);

      const form = await startTemplate(page, 'Appointment reminder', 'Riley — Appointment reminders', [
        ['patient_first_name', '{{contact.firstName}}'],
        ['clinic', '{{contact.custom.clinic}}', { defaultValue: 'Downtown' }],
        ['favourite_colour', 'blue'],
        ['call_started_at', ''],
      ]);
      await shot(page, '31-template-editor-warnings', scheme);
      await form.getByRole('button', { name: 'Remove variable 4' }).click();
      await form.getByRole('button', { name: 'Remove variable 3' }).click();
      await form.getByRole('button', { name: 'Save template' }).click();
      await page.getByText('Saved “Appointment reminder”.').waitFor();

      await tab(page, 'Contacts');
      await page.getByRole('button', { name: 'Add contact' }).first().click();
      const c = page.getByRole('form', { name: 'New contact' });
      await c.getByLabel('First name').fill('Zoë');
      await c.getByLabel('Last name').fill('Müller');
      await c.getByLabel('Number 1', { exact: true }).fill('(415) 555-0177');
      await c.getByRole('button', { name: 'Add custom field' }).click();
      await c.getByLabel('Custom field 1 name').fill('clinic');
      await c.getByLabel('Custom field 1 value').fill('Harbor');
      await c.getByRole('button', { name: 'Save contact' }).click();
      await tab(page, 'Dial');
      await page.getByLabel('Template', { exact: true }).selectOption({ label: 'Appointment reminder' });
      await tab(page, 'Contacts');
      await page.getByRole('button', { name: 'Call mobile (415) 555-0177' }).click();
      await page.getByRole('region', { name: 'Call card' }).locator('summary').click();
      await shot(page, '32-call-card-template', scheme);

      await page.keyboard.press('Escape');
      await page.getByRole('radio', { name: 'Team' }).check();
      await page.getByLabel('Team ID', { exact: true }).fill(DEMO_IDS.teamFrontDesk);
      await shot(page, '33-team-drops-template', scheme);

      const server = await startSimulator({
        keys: [
          {
            key: 'fth_live_screens0000000000aaaa',
            user: { user_id: 'u', role: 'admin', email: 'ana@example.com', display_name: 'Ana Ruiz' },
          },
        ],
      });
      await tab(page, 'Connection');
      await page.getByRole('radio', { name: /Custom server/ }).check();
      await page.getByLabel('Base URL').fill(server.url);
      await page.getByLabel('Name (optional)').fill('Production EU');
      await page.getByRole('button', { name: 'Use this server' }).click();
      await page.getByLabel('API key').fill('fth_live_screens0000000000aaaa');
      await page.getByRole('button', { name: 'Verify and save' }).click();
      await page.getByLabel('Saved key hint').waitFor();
      await useCustomServer(page, server.url.replace('127.0.0.1', 'localhost'));
      await shot(page, '34-connections', scheme);
      await page
        .getByRole('radiogroup', { name: 'Your servers' })
        .getByRole('radio', { name: /Production EU/ })
        .click();
      // choosing a server only shows it; the button switches
      await page.getByRole('region', { name: 'Production EU connection' }).getByRole('button', { name: 'Use this connection' }).click();
      await page.getByRole('button', { name: /Connection: Production EU — live\. Change/ }).waitFor();
      await tab(page, 'Dial');
      await page.getByText(/Numbers, agents and teams as of/).waitFor();
      await server.close();
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page
        .getByText(/could not be reached/)
        .first()
        .waitFor();
      await shot(page, '35-offline-cache', scheme);
    } finally {
      await app.close();
    }
  });
}
