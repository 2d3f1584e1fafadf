import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSimulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp, type RunningApp } from '../e2e/harness';
import { fillCall, useCustomServer } from '../e2e/helpers';

/** `npm run screenshots`: every screen and error state, light and dark, into screenshots/. Not part of npm test. */
const KEY = 'fth_live_screenshotKEY00008cja';
const shot = (page: Page, name: string, scheme: string) => page.screenshot({ path: `screenshots/${name}-${scheme}.png`, fullPage: true });

for (const scheme of ['light', 'dark'] as const) {
  test(`screens (${scheme})`, async () => {
    test.setTimeout(120_000);
    const server = await startSimulator({
      keys: [{ key: KEY, user: { user_id: 'u', role: 'admin', email: 'ana@northwind.example', display_name: 'Ana Ruiz' } }],
    });
    let app: RunningApp | undefined;
    try {
      app = await startApp({ colorScheme: scheme });
      const { page } = app;
      const sim = await app.demoSimulator();
      await page.getByLabel('To number').waitFor();
      await shot(page, '01-dial-empty', scheme);

      await page.getByRole('button', { name: 'Review call' }).click();
      await fillCall(page, { to: '1.41555E+10', from: 'my usual line', agent: '' });
      await page.getByRole('button', { name: 'Review call' }).click();
      await shot(page, '02-dial-field-errors', scheme);

      await fillCall(page, {
        agent: DEMO_IDS.agentRiley,
        variables: [
          ['clinic', 'Harbor'],
          ['appointment_date', '2026-12-03'],
        ],
      });
      await page.getByLabel('To number').press('Enter');
      await page.getByRole('region', { name: 'Call card' }).locator('summary').click();
      await shot(page, '03-call-card-review', scheme);

      await page.keyboard.press('Escape');
      await page.getByLabel('Variable 2 name').fill('favourite_colour');
      await page.getByLabel('To number').press('Enter');
      await page.locator('#variable-1-error').waitFor();
      await shot(page, '04-undeclared-variable-flagged', scheme);

      await page.getByRole('button', { name: 'Remove variable 2' }).click();
      await page.getByLabel('To number').press('Enter');
      await page.getByRole('button', { name: 'Call', exact: true }).click();
      await page.getByRole('region', { name: 'Call placed' }).waitFor();
      await shot(page, '05-call-placed-queued', scheme);

      await page.getByRole('button', { name: 'New call' }).click();
      await fillCall(page, { team: DEMO_IDS.teamFrontDesk, variables: [['clinic', 'Harbor']] });
      await shot(page, '06-team-drops-variables', scheme);

      sim.injectFault({ path: '/v1/voice/outbound', status: 429, headers: { 'retry-after': '30' } });
      await page.getByLabel('To number').press('Enter');
      await page.getByRole('button', { name: 'Call', exact: true }).click();
      await page.getByRole('button', { name: 'Try again' }).waitFor();
      await shot(page, '07-rate-limited', scheme);

      sim.injectFault({ path: '/v1/voice/outbound', reset: true });
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('region', { name: 'Call outcome' }).waitFor();
      await shot(page, '08-outcome-unknown', scheme);
      await page.getByRole('button', { name: 'Ask Feather again (safe)' }).click();
      await page.getByRole('region', { name: 'Call placed' }).waitFor();
      await shot(page, '08b-asked-again-same-call', scheme);

      await page.getByRole('button', { name: 'Connection', exact: true }).click();
      await page.locator('[data-screen="connection"]').getByText('Feather API 1.90').waitFor();
      await shot(page, '09-connection-simulator', scheme);

      await useCustomServer(page, 'http://example.com');
      await page.locator('#baseUrl-error').waitFor();
      await shot(page, '10-connection-bad-url', scheme);

      await useCustomServer(page, server.url);
      await page.getByLabel('API key').fill('fth_live_wrongwrongwrong');
      await page.getByRole('button', { name: 'Verify and save' }).click();
      await page.locator('#apiKey-error').waitFor();
      await shot(page, '11-connection-bad-key', scheme);

      await page.getByLabel('API key').fill(KEY);
      await page.getByRole('button', { name: 'Verify and save' }).click();
      await page.getByLabel('Saved key hint').waitFor();
      await page.locator('[data-screen="connection"]').getByText('Feather API 1.90').waitFor();
      await page.getByLabel('Name for +442079460958').fill('London office');
      await page.getByLabel('Name for +442079460958').press('Enter');
      await expect(page.getByRole('row', { name: /\+442079460958/ }).getByRole('button', { name: 'Save name' })).toBeDisabled();
      await shot(page, '12-connection-key-saved-number-named', scheme);
      await page.getByRole('button', { name: 'Remove key…' }).click();
      await shot(page, '12b-connection-remove-key-confirm', scheme);

      await page.getByRole('button', { name: 'Keep it' }).click();
      // choosing a connection only shows it; "Use this connection" switches
      await page.getByRole('radio', { name: /Feather Sandbox/ }).check();
      await page.getByRole('region', { name: 'Feather Sandbox connection' }).getByRole('button', { name: 'Use this connection' }).click();
      await page.getByRole('button', { name: 'Connection: Feather Sandbox, no key. Change connection' }).waitFor();
      await page.getByLabel('API key').waitFor();
      await shot(page, '13-connection-sandbox-no-key', scheme);
      await page.getByRole('button', { name: 'Dial', exact: true }).click();
      await fillCall(page);
      await shot(page, '14-dial-no-key', scheme);
      await app.close();
      app = undefined;

      const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-shot-'));
      await writeFile(path.join(dir, 'settings.json'), '{"schemaVersion":1,"profiles":[');
      app = await startApp({ userDataDir: dir, colorScheme: scheme });
      await app.page.getByRole('alert').first().waitFor();
      await shot(app.page, '15-settings-recovered', scheme);

      await app.page.setViewportSize({ width: 640, height: 900 });
      await fillCall(app.page, { agent: DEMO_IDS.agentRiley, variables: [['clinic', 'Harbor']] });
      await shot(app.page, '16-narrow-window', scheme);
      await app.close();

      // API 1.21: no queue; the call dials at once
      app = await startApp({ colorScheme: scheme, demoApiVersion: '1.21' });
      await fillCall(app.page, {
        agent: DEMO_IDS.agentRiley,
        variables: [
          ['clinic', 'Harbor'],
          ['reminder_count', '2'],
        ],
      });
      await app.page.getByLabel('To number').press('Enter');
      await shot(app.page, '17-call-card-api-1.21', scheme);
      await app.page.getByRole('button', { name: 'Call', exact: true }).click();
      await app.page.getByRole('region', { name: 'Call placed' }).waitFor();
      await shot(app.page, '18-call-placed-api-1.21', scheme);
    } finally {
      await app?.close();
      await server.close();
    }
  });
}
