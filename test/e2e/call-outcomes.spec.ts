import { expect, test, type Page } from '@playwright/test';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { startApp, type RunningApp } from './harness';
import { connectServer, fillCall, reviewAndCall } from './helpers';

/**
 * Call history on the card (issue 16), against the real core and the simulator: the placed card
 * follows its call live and a toast says how it ended; what main's plan asks about the history —
 * a call already queued, an earlier outcome unknown, outbound paused — is on the card at Review,
 * before anything is sent; "Call now instead" cancels the queued call first and places only once
 * Feather confirms.
 */

const KEY = 'fth_live_calloutcomes000000000';
const user = { user_id: 'u', role: 'member' as const, email: 'u@example.com', display_name: 'U' };
const card = (page: Page) => page.getByRole('region', { name: 'Call card' });
const checks = (page: Page) => card(page).getByRole('group', { name: 'Check before calling' });
const placed = (page: Page) => page.getByRole('region', { name: 'Call placed' });
const liveStatus = (page: Page) => placed(page).getByRole('status', { name: 'Call status' });

/**
 * The core on the real clock (the tracker compares Feather's `eligible_at` with it; the simulator runs
 * on the real clock too), with calling hours off so that nothing here depends on the hour it runs at.
 */
async function realClockApp(options: { demoApiVersion?: '1.21' | '1.90' } = {}): Promise<RunningApp> {
  const app = await startApp({ ...options, now: () => new Date() });
  await app.core.handlers.app.setPreferences({
    guards: { callingHours: { enabled: false, start: '08:00', end: '21:00', days: [0, 1, 2, 3, 4, 5, 6] } },
  });
  return app;
}

/** Records every line the placed card's live status shows, in order (each change once). */
async function recordStatusLines(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __statusLines: string[] }).__statusLines = seen;
    const look = () => {
      const line = document.querySelector('[aria-label="Call placed"] [aria-label="Call status"] strong')?.textContent ?? null;
      if (line && seen.at(-1) !== line) seen.push(line);
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __statusLines: string[] }).__statusLines);
}

test('API 1.90: a demo call goes queued → (ringing) → in the call → ended on its card, each step main announces, then a toast with its summary', async () => {
  // queued 5 s, dialling 1 s, ringing 2 s, then 18 s in the call; main follows with a 2 → 30 s backoff
  test.setTimeout(90_000);
  const app = await realClockApp();
  try {
    const { page } = app;
    const lines = await recordStatusLines(page);
    await fillCall(page, { agent: DEMO_IDS.agentRiley, variables: [['clinic', 'Harbor']] });
    await reviewAndCall(page);
    await expect(placed(page).getByRole('heading', { name: 'Call placed (queued)' })).toBeVisible();
    await expect(liveStatus(page)).toContainText('Queued');
    await expect(liveStatus(page)).toContainText(/Waiting for the calling-hours window — may dial at \d\d:\d\d/);
    await expect(liveStatus(page)).toContainText('In the call', { timeout: 30_000 });
    await expect(liveStatus(page)).toContainText('Ended', { timeout: 45_000 });
    const sim = await app.demoSimulator();
    await expect(liveStatus(page)).toContainText(/ · 0:1\d/); // how long it lasted, from Feather
    await expect(liveStatus(page)).toContainText('confirmed the details'); // main's summary line

    // every step main announced for this call reached the card, in order (ringing only if main's poll caught it)
    const requestId = (app.bridgeLog.find((c) => c.channel === 'call:place')!.request as { requestId: string }).requestId;
    const announced = app.eventLog
      .filter((e) => e.event === 'history:changed')
      .map((e) => e.payload as { requestId: string; detail: string | null })
      .filter((row) => row.requestId === requestId)
      .map((row) => row.detail);
    const shown = await lines();
    expect(shown[0]).toBe('Queued');
    expect(shown).toContain('In the call');
    expect(shown.at(-1)).toBe('Ended');
    if (announced.includes('Ringing')) expect(shown.indexOf('Ringing')).toBeLessThan(shown.indexOf('In the call'));
    expect(shown.indexOf('In the call')).toBeLessThan(shown.indexOf('Ended'));

    // the browser preview has no desktop notification: the window shows a toast instead
    const toast = page.getByRole('status').filter({ hasText: 'Call with +1 415 555 0132 ended' });
    await expect(toast).toBeVisible();
    await expect(toast).toContainText('confirmed the details');
    const ended = app.eventLog.find((e) => e.event === 'call:ended')!.payload as { shownByDesktop: boolean; entryId: string };
    expect(ended.shownByDesktop).toBe(false);
    await page.getByRole('button', { name: 'Show in History: Call with +1 415 555 0132 ended' }).click();
    await expect(toast).toHaveCount(0);
    // "Show" goes to the call in History
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(sim.conversations).toHaveLength(1);
  } finally {
    await app.close();
  }
});

test('API 1.21: the call rings at once — the card follows it from the first poll (no queue line)', async () => {
  const app = await realClockApp({ demoApiVersion: '1.21' });
  try {
    const { page } = app;
    await fillCall(page, { agent: DEMO_IDS.agentRiley });
    await reviewAndCall(page);
    await expect(placed(page).getByRole('heading', { name: 'Call placed', exact: true })).toBeVisible();
    await expect(liveStatus(page)).not.toContainText('Queued');
    await expect(liveStatus(page)).toContainText(/Ringing|In the call/, { timeout: 10_000 });
  } finally {
    await app.close();
  }
});

/** A 1.90 server whose queue holds calls for 10 minutes, connected as a custom server. */
async function queueServer(app: RunningApp): Promise<Simulator> {
  const server = await startSimulator({ queueDelayMs: 10 * 60_000, keys: [{ key: KEY, user }] });
  await connectServer(app.page, server.url, KEY);
  return server;
}

/** A first call, queued; then a second card to the same number, reviewed: main warns about the first at Review. */
async function secondCardToQueuedNumber(page: Page) {
  await fillCall(page, { agent: DEMO_IDS.agentRiley });
  await reviewAndCall(page);
  await expect(placed(page).getByRole('heading', { name: 'Call placed (queued)' })).toBeVisible();
  await page.getByRole('button', { name: 'New call' }).click();
  await page.getByLabel('To number').fill('+1 415 555 0132');
  await page.getByLabel('To number').press('Enter');
  await expect(card(page).getByRole('heading', { name: 'Ready to call' })).toBeVisible();
  await expect(checks(page)).toContainText(
    /A call to \+1 415 555 0132 is queued for \d\d:\d\d — placed \d\d:\d\d\. Calling again starts a second call\./,
  );
  await expect(card(page).getByRole('button', { name: 'Edit' })).toBeFocused();
  await expect(card(page).getByRole('button', { name: 'Call', exact: true })).toHaveCount(0);
}

test('API 1.90: a second card to a number with a queued call warns at Review; “Call now instead” cancels it, then places one instant call', async () => {
  const app = await startApp();
  const server = await queueServer(app);
  try {
    const { page } = app;
    await secondCardToQueuedNumber(page);
    // Enter on Edit goes back: it never confirms
    await page.keyboard.press('Enter');
    await expect(card(page).getByRole('heading', { name: 'Call card' })).toBeVisible();
    expect(server.outboundRequests()).toHaveLength(1);
    await page.getByLabel('To number').press('Enter');
    const instead = card(page).getByRole('button', { name: 'Call now instead' });
    await expect(instead).toHaveAccessibleDescription(/cancels the queued call in Feather first/);
    await instead.click();
    await expect(placed(page).getByRole('heading', { name: 'Call placed', exact: true })).toBeVisible();

    const [first, second] = server.conversations;
    expect(server.conversations).toHaveLength(2);
    expect(first!.cancelledAt).not.toBeNull(); // the queued call never dials
    expect(second!.queued).toBe(false);
    const posts = server.outboundRequests();
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body).toMatchObject({ instant: true, to_phone_number: '+14155550132' });
    // the cancel came first, and was confirmed, before the new call was asked for
    const cancelAt = server.received.findIndex((r) => r.method === 'POST' && r.path === `/v1/voice/outbound/queued/${first!.id}/cancel`);
    const postAt = server.received.indexOf(posts[1]!);
    expect(cancelAt).toBeGreaterThanOrEqual(0);
    expect(cancelAt).toBeLessThan(postAt);
    const place = app.bridgeLog.filter((c) => c.channel === 'call:place').at(-1)!.request;
    expect(place).toMatchObject({ instant: true, replaceQueued: first!.id });
    await expect(liveStatus(page)).not.toContainText('Queued');
  } finally {
    await app.close();
    await server.close();
  }
});

test('API 1.90: when Feather does not confirm the cancel, “Call now instead” places nothing and the card says why; trying again works', async () => {
  const app = await startApp();
  const server = await queueServer(app);
  try {
    const { page } = app;
    await secondCardToQueuedNumber(page);
    // Feather fails the cancel (and does not carry it out)
    server.injectFault({ method: 'POST', path: /\/cancel$/, status: 500, processed: false });
    await card(page).getByRole('button', { name: 'Call now instead' }).click();
    await expect(card(page).getByRole('alert')).toContainText('Feather did not confirm cancelling the queued call');
    await expect(card(page).getByRole('alert')).toContainText('nothing was placed');
    expect(server.outboundRequests()).toHaveLength(1);
    expect(server.conversations[0]!.cancelledAt).toBeNull();
    // the card stays, armed: Edit, or the same button again
    await expect(card(page).getByRole('button', { name: 'Edit' })).toBeVisible();
    await card(page).getByRole('button', { name: 'Call now instead' }).click();
    await expect(placed(page).getByRole('heading', { name: 'Call placed', exact: true })).toBeVisible();
    expect(server.outboundRequests()).toHaveLength(2);
    expect(server.conversations[0]!.cancelledAt).not.toBeNull();
  } finally {
    await app.close();
    await server.close();
  }
});

test('after an unknown outcome, the next card to that number warns at Review — before any press — and only “Call anyway” calls', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const sim = await app.demoSimulator();
    sim.injectFault({ method: 'POST', path: '/v1/voice/outbound', status: 502 });
    await fillCall(page, { agent: DEMO_IDS.agentRiley });
    await reviewAndCall(page);
    const outcome = page.getByRole('region', { name: 'Call outcome' });
    await expect(outcome.getByRole('heading', { name: 'Outcome unknown' })).toBeVisible();
    await expect(outcome).toContainText('listed in History as “Outcome unknown”');
    await outcome.getByRole('button', { name: 'Start a new call' }).click();
    const placesBefore = app.bridgeLog.filter((c) => c.channel === 'call:place').length;

    await page.getByLabel('To number').fill('(415) 555-0132');
    await page.getByLabel('To number').press('Enter');
    await expect(checks(page)).toContainText(/A call to \+1 415 555 0132 at \d\d:\d\d may have been placed — its outcome is unknown/);
    await expect(card(page).getByRole('button', { name: 'Edit' })).toBeFocused();
    await expect(card(page).getByRole('button', { name: 'Call', exact: true })).toHaveCount(0);
    await page.keyboard.press('Enter'); // Edit
    expect(app.bridgeLog.filter((c) => c.channel === 'call:place')).toHaveLength(placesBefore); // nothing was even asked
    await page.getByLabel('To number').press('Enter');
    await card(page).getByRole('button', { name: 'Call anyway' }).click();
    await expect(placed(page)).toBeVisible();
    expect(sim.outboundRequests()).toHaveLength(2);
    expect(app.bridgeLog.filter((c) => c.channel === 'call:place').at(-1)!.request).toMatchObject({ confirmed: ['recently_uncertain'] });
  } finally {
    await app.close();
  }
});

test('an armed card learns of a call to its number whose outcome became unknown meanwhile, and asks before the press', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const sim = await app.demoSimulator();
    await fillCall(page, { agent: DEMO_IDS.agentRiley });
    await page.getByLabel('To number').press('Enter');
    await expect(card(page).getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    // the same number called from elsewhere (the tray, the palette), and its outcome is unknown
    sim.injectFault({ method: 'POST', path: '/v1/voice/outbound', status: 502 });
    const elsewhere = app.core.handlers.call.place({
      requestId: crypto.randomUUID(),
      toNumber: '+14155550132',
      fromNumberId: DEMO_IDS.numberSf,
      caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley },
      contextVariables: [],
    });
    await expect(elsewhere).rejects.toMatchObject({ appError: { code: 'outcome_unknown' } });
    await expect(checks(page)).toContainText('may have been placed — its outcome is unknown');
    await expect(card(page).getByRole('heading', { name: 'Ready to call' })).toBeVisible();
    await expect(card(page).getByRole('button', { name: 'Edit' })).toBeFocused();
    await expect(card(page).getByRole('button', { name: 'Call', exact: true })).toHaveCount(0);
    expect(sim.outboundRequests()).toHaveLength(1);
  } finally {
    await app.close();
  }
});

test('API 1.90: outbound paused for the agent is said on the card before anything is sent', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const sim = await app.demoSimulator();
    sim.setOutboundPause({ scope: 'agent', agentId: DEMO_IDS.agentRiley }, true, 'Script review');
    await fillCall(page, { agent: DEMO_IDS.agentRiley });
    const paused = card(page)
      .getByRole('note')
      .filter({ hasText: /Outbound calls are paused for Riley.*: your call will wait in Feather’s queue until outbound resumes\./ });
    await expect(paused).toBeVisible();
    await page.getByLabel('To number').press('Enter');
    await expect(card(page).getByRole('heading', { name: 'Ready to call' })).toBeVisible();
    await expect(paused).toBeVisible();
    expect(sim.outboundRequests()).toHaveLength(0);
  } finally {
    await app.close();
  }
});
