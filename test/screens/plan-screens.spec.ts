import { test, type Page } from '@playwright/test';
import { startSimulator } from '../../electron/simulator/server';
import { DEMO_IDS, demoSeed } from '../../electron/simulator/seed';
import { startApp } from '../e2e/harness';
import { connectServer, fillCall } from '../e2e/helpers';

/** `npm run screenshots`: the call plan, samples, shortcuts and connection switch, light and dark. */
const shot = (page: Page, name: string, scheme: string) => page.screenshot({ path: `screenshots/${name}-${scheme}.png`, fullPage: true });
const KEY = 'fth_live_planscreens00000000aa';

for (const scheme of ['light', 'dark'] as const) {
  test(`call plan screens (${scheme})`, async () => {
    test.setTimeout(120_000);
    const seed = demoSeed();
    seed.phoneNumbers[1]!.channels = seed.phoneNumbers[1]!.channels.filter((c) => c.channel_type !== 'outbound_call');
    const server = await startSimulator({
      seed,
      keys: [{ key: KEY, user: { user_id: 'u', role: 'admin', email: 'ana@example.com', display_name: 'Ana Ruiz' } }],
    });
    const app = await startApp({ colorScheme: scheme, samples: true });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Remove samples' }).waitFor();
      await shot(page, '40-first-start-samples', scheme);
      await page.getByLabel('To number').fill('tel:+1-415-555-0132;ext=12');
      await page.getByRole('radio', { name: 'Agent' }).check();
      await page.getByLabel('Agent ID', { exact: true }).fill(DEMO_IDS.agentRiley);
      await page.getByLabel('Variable 1 name').fill('clinic');
      await page.getByLabel('Variable 1 value').fill('Nowhere');
      await page.getByLabel('To number').press('Enter');
      await shot(page, '41-plan-blocks-enum-extension-notice', scheme);
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      await shot(page, '42-shortcuts', scheme);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Templates', exact: true }).click();
      await page
        .getByRole('button', { name: /Sample: renewal/ })
        .first()
        .click();
      await page
        .getByRole('button', { name: /^Edit/ })
        .first()
        .click()
        .catch(() => undefined);
      await shot(page, '43-template-editor-leave-out', scheme);
      await connectServer(page, server.url, KEY);
      await fillCall(page, { from: DEMO_IDS.numberLondon });
      await page.getByLabel('To number').press('Enter');
      await shot(page, '44-live-warning-no-bindings', scheme);
    } finally {
      await app.close();
      await server.close();
    }
  });
}
