import { expect, test } from '@playwright/test';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp } from './harness';

test('demo mode: first start places one real POST to the simulator and shows the session id', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await expect(page.getByRole('button', { name: /Connection: Simulator — no real calls/ })).toBeVisible();

    await page.getByLabel('To number').fill('(415) 555-0132');
    await expect(page.getByLabel('Number as sent')).toHaveText('+14155550132');
    await expect(page.getByLabel('Default country')).toHaveValue('US');
    await page.getByLabel('From number', { exact: true }).fill(DEMO_IDS.numberSf);
    await page.getByRole('radio', { name: 'Agent' }).check();
    await page.getByLabel('Agent ID', { exact: true }).fill(DEMO_IDS.agentRiley);
    await page.getByLabel('Variable 1 name').fill('clinic');
    await page.getByLabel('Variable 1 value').fill('Harbor');
    await page.getByLabel('Variable 1 value').press('Enter');

    const card = page.getByRole('region', { name: 'Call card' });
    await expect(card.getByRole('heading', { name: 'Ready to call' })).toBeVisible();
    await expect(card.getByLabel('Request body')).toContainText('"to_phone_number": "+14155550132"');
    await expect(card.getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');

    const placed = page.getByRole('region', { name: 'Call placed' });
    await expect(placed).toBeVisible();
    const sim = await app.demoSimulator();
    const posts = sim.outboundRequests();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({
      from_phone_number_id: DEMO_IDS.numberSf,
      to_phone_number: '+14155550132',
      agent_id: DEMO_IDS.agentRiley,
      context_variables: { clinic: 'Harbor' },
    });
    expect(posts[0]!.headers['x-api-key']).toBe(sim.demoKey);
    await expect(placed.getByTestId('session-id')).toHaveText(sim.conversations[0]!.id);
    await expect(placed).toContainText('Riley — Appointment reminders');
  } finally {
    await app.close();
  }
});
