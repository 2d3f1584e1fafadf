import { expect, test, type Page } from '@playwright/test';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp } from './harness';

/** Fills the demo call the way a first-time user would, and arms the card. */
async function fillDemoCall(page: Page) {
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
  return card;
}

test('demo mode, API 1.90: the first call is one POST with an idempotency key, placed and queued for calling hours', async () => {
  const app = await startApp({ demoApiVersion: '1.90' });
  try {
    const { page } = app;
    const card = await fillDemoCall(page);
    await expect(card).toContainText('Queued for your organisation’s calling hours');
    await expect(card.getByRole('button', { name: 'Call now' })).toBeVisible();
    await page.keyboard.press('Enter');

    const placed = page.getByRole('region', { name: 'Call placed' });
    await expect(placed.getByRole('heading', { name: 'Call placed (queued)' })).toBeVisible();
    await expect(placed).toContainText('when your organisation’s calling-hours window allows');
    await expect(placed).toContainText('May dial from');
    await expect(placed).toContainText('if not dialled by then');
    const sim = await app.demoSimulator();
    const posts = sim.outboundRequests();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({
      from_phone_number_id: DEMO_IDS.numberSf,
      to_phone_number: '+14155550132',
      agent_id: DEMO_IDS.agentRiley,
      context_variables: { clinic: 'Harbor' },
      idempotency_key: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(posts[0]!.headers['x-api-key']).toBe(sim.demoKey);
    await expect(placed.getByTestId('session-id')).toHaveText(sim.conversations[0]!.id);
    await expect(placed).toContainText('Riley — Appointment reminders');
  } finally {
    await app.close();
  }
});

test('demo mode, API 1.90: "Call now" is explicit, sends instant and dials at once; a queue expiry is sent when chosen', async () => {
  const app = await startApp({ demoApiVersion: '1.90' });
  try {
    const { page } = app;
    await page.getByLabel('If queued, give up after').selectOption({ label: '4 hours' });
    const card = await fillDemoCall(page);
    await expect(card).toContainText('expires after 4 hours if not dialled');
    await expect(card.getByRole('button', { name: 'Call now' })).toHaveAccessibleDescription(/rate limit/);
    await card.getByRole('button', { name: 'Call now' }).click();
    const placed = page.getByRole('region', { name: 'Call placed' });
    await expect(placed.getByRole('heading', { name: 'Call placed', exact: true })).toBeVisible();
    await expect(placed).toContainText('is calling +14155550132');
    const body = (await app.demoSimulator()).outboundRequests()[0]!.body as Record<string, unknown>;
    expect(body.instant).toBe(true);
    expect(body).not.toHaveProperty('expires_in_seconds'); // an instant call does not wait in the queue
  } finally {
    await app.close();
  }
});

test('demo mode, API 1.21: the same first call is dialled at once, with no queue options offered', async () => {
  const app = await startApp({ demoApiVersion: '1.21' });
  try {
    const { page } = app;
    const card = await fillDemoCall(page);
    await expect(card.getByRole('button', { name: 'Call now' })).toHaveCount(0);
    await expect(page.getByLabel('If queued, give up after')).toHaveCount(0);
    await page.keyboard.press('Enter');
    const placed = page.getByRole('region', { name: 'Call placed' });
    await expect(placed.getByRole('heading', { name: 'Call placed', exact: true })).toBeVisible();
    const sim = await app.demoSimulator();
    expect(sim.apiVersion).toBe('1.21');
    expect(sim.outboundRequests()).toHaveLength(1);
    expect(sim.received.some((r) => r.path === '/v1/agents')).toBe(true);
    await expect(placed.getByTestId('session-id')).toHaveText(sim.conversations[0]!.id);
    await expect(placed).toContainText(/outbound-/);
  } finally {
    await app.close();
  }
});
