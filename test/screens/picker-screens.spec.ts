import { test, type Page } from '@playwright/test';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp } from '../e2e/harness';

/** `npm run screenshots`: the from-number and agent pickers, open and chosen, light and dark. */
const shot = (page: Page, name: string, scheme: string) => page.screenshot({ path: `screenshots/${name}-${scheme}.png`, fullPage: true });

for (const scheme of ['light', 'dark'] as const) {
  test(`pickers (${scheme})`, async () => {
    test.setTimeout(60_000);
    const app = await startApp({ colorScheme: scheme });
    try {
      const { page } = app;
      await page.getByText(/Numbers, agents and teams as of/).waitFor();
      await page.getByLabel('To number').fill('(415) 555-0132');
      await page.getByRole('button', { name: "Show your organisation's numbers" }).click();
      await page.getByRole('combobox', { name: 'From number' }).press('ArrowDown');
      await shot(page, '50-picker-from-number-open', scheme);
      await page.getByRole('option', { name: 'San Francisco main line' }).click();
      await page.getByRole('radio', { name: 'Agent' }).check();
      await page.getByRole('button', { name: 'Show agents you can call as' }).click();
      await page.getByRole('option', { name: 'Morgan — Renewals' }).hover();
      await shot(page, '51-picker-agent-open', scheme);
      await page.getByRole('option', { name: 'Morgan — Renewals' }).click();
      await page.getByRole('radio', { name: 'Team' }).check();
      await page.getByLabel('Team ID', { exact: true }).fill(DEMO_IDS.teamFrontDesk);
      await page.getByLabel('To number').click();
      await shot(page, '52-picker-chosen', scheme);
    } finally {
      await app.close();
    }
  });
}
