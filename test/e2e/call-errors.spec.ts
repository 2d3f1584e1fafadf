import { expect, test } from '@playwright/test';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp } from './harness';
import { connectServer, fillCall, reviewAndCall } from './helpers';
import { startSimulator } from '../../electron/simulator/server';

const KEY = 'fth_live_callerrors0000000000';

test('a 422 for an unknown variable shows on that variable row, and nothing typed is lost', async () => {
  // A server that does not list Riley's variables: the app cannot know them, so Feather's 422 is what tells.
  const server = await startSimulator({
    missingEndpoints: [`/v1/assistants/${DEMO_IDS.agentRiley}/variables`],
    keys: [{ key: KEY, user: { user_id: 'u', role: 'member', email: 'u@example.com', display_name: 'U' } }],
  });
  const app = await startApp();
  try {
    const { page } = app;
    await connectServer(page, server.url, KEY);
    await fillCall(page, {
      agent: DEMO_IDS.agentRiley,
      variables: [
        ['clinic', 'Harbor'],
        ['favourite_colour', 'blue'],
      ],
    });
    await reviewAndCall(page);
    const row2 = page.getByLabel('Variable 2 name');
    await expect(row2).toHaveAttribute('aria-invalid', 'true');
    await expect(row2).toBeFocused();
    await expect(page.locator('#variable-1-error')).toContainText("Unknown context variable 'favourite_colour'");
    await expect(page.getByLabel('Variable 1 name')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Variable 2 value')).toHaveValue('blue');
    await expect(page.getByLabel('To number')).toHaveValue('(415) 555-0132');
    // fixing the row clears its message and the call goes through
    await page.getByRole('button', { name: 'Remove variable 2' }).click();
    await reviewAndCall(page);
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    expect(server.outboundRequests()).toHaveLength(2);
    expect(server.conversations).toHaveLength(1);
  } finally {
    await app.close();
    await server.close();
  }
});

test('an undeclared variable is flagged before anything is sent when the agent’s variables are known', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await fillCall(page, {
      agent: DEMO_IDS.agentRiley,
      variables: [
        ['favourite_colour', 'blue'],
        ['call_started_at', 'now'],
      ],
    });
    await page.getByLabel('To number').press('Enter');
    await expect(page.locator('#variable-0-error')).toHaveText(
      'Riley — Appointment reminders does not declare "favourite_colour"; Feather would refuse the call (422).',
    );
    await expect(page.getByLabel('Variable 1 name')).toBeFocused();
    // A system variable is not refused (the spec does not forbid setting one) but flagged on the card.
    await expect(page.locator('#variable-1-error')).toHaveCount(0);
    await page.getByRole('button', { name: 'Remove variable 1' }).click();
    await expect(
      page.getByRole('region', { name: 'Call card' }).getByRole('note').filter({ hasText: '"call_started_at" is a system variable' }),
    ).toBeVisible();
    expect((await app.demoSimulator()).outboundRequests()).toHaveLength(0);
  } finally {
    await app.close();
  }
});

test('pressing Enter twice on the call card places one call', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const sim = await app.demoSimulator();
    sim.injectFault({ path: '/v1/voice/outbound', delayMs: 400 });
    await fillCall(page, { agent: DEMO_IDS.agentRiley });
    await page.getByLabel('To number').press('Enter');
    await expect(page.getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    await page.keyboard.press('Enter'); // now on "New call": starts a fresh card, places nothing
    await page.waitForTimeout(200);
    expect(sim.outboundRequests()).toHaveLength(1);
  } finally {
    await app.close();
  }
});

test('bad input is explained next to each field before anything is sent', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await fillCall(page, { to: '1.41555E+10', from: 'my usual line', agent: '' });
    await page.getByRole('button', { name: 'Review call' }).click();
    await expect(page.locator('#toNumber-error')).toContainText('scientific notation');
    await expect(page.getByLabel('To number')).toBeFocused();
    await expect(page.locator('#fromNumberId-error')).toContainText('UUID');
    await expect(page.locator('#agentId-error')).toContainText('Choose the agent');
    await page.getByLabel('To number').fill('0044 20 7946 0958');
    await expect(page.getByLabel('Number as sent')).toHaveText('+442079460958');
    expect((await app.demoSimulator()).outboundRequests()).toHaveLength(0);
  } finally {
    await app.close();
  }
});

test('a team call drops the variables, and the card says so before sending', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await fillCall(page, { team: DEMO_IDS.teamFrontDesk, variables: [['clinic', 'Harbor']] });
    await expect(page.getByRole('note').filter({ hasText: 'ignores context variables on team calls' }).first()).toBeVisible();
    await reviewAndCall(page);
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    const body = (await app.demoSimulator()).outboundRequests()[0]!.body;
    expect(body).toEqual({
      from_phone_number_id: DEMO_IDS.numberSf,
      to_phone_number: '+14155550132',
      team_id: DEMO_IDS.teamFrontDesk,
      idempotency_key: expect.any(String),
    });
  } finally {
    await app.close();
  }
});

test('API 1.21: a dropped connection after sending says "outcome unknown" and offers no retry', async () => {
  const server = await startSimulator({
    apiVersion: '1.21',
    keys: [{ key: KEY, user: { user_id: 'u', role: 'member', email: 'u@example.com', display_name: 'U' } }],
  });
  const app = await startApp();
  try {
    const { page } = app;
    await connectServer(page, server.url, KEY);
    server.injectFault({ path: '/v1/voice/outbound', reset: true });
    await fillCall(page, { agent: DEMO_IDS.agentRiley });
    await reviewAndCall(page);
    const outcome = page.getByRole('region', { name: 'Call outcome' });
    await expect(outcome.getByRole('heading', { name: 'Outcome unknown' })).toBeVisible();
    await expect(outcome).toContainText('check History before calling again');
    await expect(page.getByRole('button', { name: /Try again|Call|Ask Feather/ })).toHaveCount(0);
    expect(server.outboundRequests()).toHaveLength(1);
  } finally {
    await app.close();
    await server.close();
  }
});

test('API 1.90: after a dropped connection, asking again re-sends the same request and shows the first call, queued — not a second call', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const sim = await app.demoSimulator();
    sim.injectFault({ path: '/v1/voice/outbound', reset: true });
    await fillCall(page, { agent: DEMO_IDS.agentRiley });
    await reviewAndCall(page);
    const outcome = page.getByRole('region', { name: 'Call outcome' });
    await expect(outcome.getByRole('heading', { name: 'Outcome unknown' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Try again|^Call/ })).toHaveCount(0);
    await outcome.getByRole('button', { name: 'Ask Feather again (safe)' }).click();
    const placed = page.getByRole('region', { name: 'Call placed' });
    await expect(placed.getByRole('heading', { name: 'Call placed (queued)' })).toBeVisible();
    await expect(placed).toContainText('no second call was placed');
    await expect(placed.getByTestId('session-id')).toHaveText(sim.conversations[0]!.id);
    const posts = sim.outboundRequests();
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body).toEqual(posts[0]!.body);
    expect(sim.conversations).toHaveLength(1);
  } finally {
    await app.close();
  }
});

test('rate limiting shows the wait time and the same card can try again', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const sim = await app.demoSimulator();
    sim.injectFault({ path: '/v1/voice/outbound', status: 429, headers: { 'retry-after': '30' } });
    await fillCall(page, { agent: DEMO_IDS.agentRiley });
    await reviewAndCall(page);
    await expect(page.getByRole('region', { name: 'Call card' }).getByRole('alert')).toContainText('Wait 30 s');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    expect(sim.outboundRequests()).toHaveLength(2);
  } finally {
    await app.close();
  }
});

test('after "outcome unknown", a new card to the same number warns at Review and needs "Call anyway" — Enter does not confirm', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const sim = await app.demoSimulator();
    sim.injectFault({ path: '/v1/voice/outbound', status: 502 });
    await fillCall(page, { agent: DEMO_IDS.agentRiley });
    await reviewAndCall(page);
    const outcome = page.getByRole('region', { name: 'Call outcome' });
    await expect(outcome.getByRole('heading', { name: 'Outcome unknown' })).toBeVisible();
    await outcome.getByRole('button', { name: 'Start a new call' }).click();
    await page.getByLabel('To number').fill('+1 415 555 0132');
    await page.getByLabel('To number').press('Enter');
    const card = page.getByRole('region', { name: 'Call card' });
    // main's plan asks at Review, before anything is pressed: focus is on Edit, and there is no plain Call
    await expect(card.getByRole('group', { name: 'Check before calling' })).toContainText(
      /A call to \+1 415 555 0132 at \d\d:\d\d may have been placed — its outcome is unknown/,
    );
    await expect(card.getByRole('button', { name: 'Edit' })).toBeFocused();
    await expect(card.getByRole('button', { name: 'Call', exact: true })).toHaveCount(0);
    await page.keyboard.press('Enter'); // Edit: back to the form, nothing sent
    expect(sim.outboundRequests()).toHaveLength(1);
    await page.getByLabel('To number').press('Enter');
    await card.getByRole('button', { name: 'Call anyway' }).click();
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    expect(sim.outboundRequests()).toHaveLength(2);
  } finally {
    await app.close();
  }
});
