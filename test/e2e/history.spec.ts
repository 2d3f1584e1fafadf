import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { readFile } from 'node:fs/promises';
import { startSimulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp, type RunningApp } from './harness';
import { connectServer, fillCall, reviewAndCall } from './helpers';

/**
 * History, in Chromium over the real core and the simulator: calls placed, refused by Feather and
 * left with an unknown outcome are listed as main recorded them; filters narrow the list; the CSV
 * holds what the list shows; Redial opens the same card; an unknown outcome is settled both ways;
 * on Feather API 1.90 a queued call is cancelled from Queued calls.
 */

const RILEY = 'Riley — Appointment reminders';

/** A call from the Dial screen (Riley, clinic Harbor), reviewed and confirmed with Enter; then what the card says. */
async function placeCall(page: Page, to: string, expect_: 'placed' | 'refused' | 'unknown') {
  await fillCall(page, { to, agent: DEMO_IDS.agentRiley, variables: [['clinic', 'Harbor']] });
  await reviewAndCall(page);
  if (expect_ === 'placed') {
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    await page.getByRole('button', { name: 'New call' }).click();
  } else if (expect_ === 'unknown') {
    const outcome = page.getByRole('region', { name: 'Call outcome' });
    await expect(outcome.getByRole('heading', { name: 'Outcome unknown' })).toBeVisible();
    await outcome.getByRole('button', { name: 'Start a new call' }).first().click();
  } else {
    await expect(page.getByRole('region', { name: 'Call card' }).getByRole('alert').first()).toBeVisible();
  }
}

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
const calls = (page: Page) => page.getByRole('listbox', { name: 'Calls' });
const options = (page: Page) => calls(page).getByRole('option');
const detail = (page: Page) => page.locator('.history-detail');
const count = (page: Page) => page.locator('#history-count');

async function openHistory(page: Page) {
  await tab(page, 'History').click();
  await expect(tab(page, 'History')).toHaveAttribute('aria-current', 'page');
}

/** What the list shows, row by row: "who, outcome" and the detail line. */
async function listed(page: Page): Promise<Array<{ name: string; detail: string }>> {
  const out: Array<{ name: string; detail: string }> = [];
  for (const option of await options(page).all()) {
    const label = (await option.getAttribute('aria-label')) ?? '';
    out.push({
      name: label.split(', ').slice(0, 2).join(', '),
      detail: (await option.locator('.history-row-detail').textContent())!.trim(),
    });
  }
  return out;
}

/** Export CSV → the file the browser saved, read back as rows by column name. */
async function exportedCsv(page: Page): Promise<Array<Record<string, string>>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^feather-call-history-\d{4}-\d\d-\d\d\.csv$/);
  const text = await readFile((await download.path())!, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  return parsed.data;
}

/**
 * The core on the real clock, as the simulator is (main compares its times with Feather's), with
 * calling hours off so that nothing here depends on the hour it runs at.
 */
async function realClockApp(): Promise<RunningApp> {
  const app = await startApp({ now: () => new Date() });
  await app.core.handlers.app.setPreferences({
    guards: { callingHours: { enabled: false, start: '08:00', end: '21:00', days: [0, 1, 2, 3, 4, 5, 6] } },
  });
  return app;
}

const noPageErrors = (app: RunningApp) => expect(app.consoleLog.filter((l) => l.includes('pageerror'))).toEqual([]);

test('filters narrow the list; the CSV export holds exactly the calls the list shows', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const sim = await app.demoSimulator();
    await placeCall(page, '(415) 555-0132', 'placed');
    sim.injectFault({ path: '/v1/voice/outbound', status: 400 });
    await placeCall(page, '(415) 555-0150', 'refused');
    sim.injectFault({ path: '/v1/voice/outbound', status: 400 });
    await placeCall(page, '(212) 555-0199', 'refused');
    await placeCall(page, '(212) 555-0100', 'placed');

    await openHistory(page);
    await expect(count(page)).toHaveText('4 calls');
    await expect(options(page)).toHaveCount(4);
    // newest first, each with main's outcome and detail line
    expect((await listed(page)).map((r) => r.name)).toEqual([
      '+12125550100, Queued',
      '+12125550199, Not placed',
      '+14155550150, Not placed',
      '+14155550132, Queued',
    ]);
    await expect(options(page).first()).toContainText('Waiting for the calling-hours window');
    await expect(options(page).first()).toContainText(RILEY);

    // the whole list as CSV: the same calls, in the same order
    const everything = await exportedCsv(page);
    expect(everything.map((r) => `${r.To}, ${r.Outcome}`)).toEqual((await listed(page)).map((r) => r.name));

    // Outcome: Not placed
    await page.getByRole('button', { name: /^Outcome/ }).click();
    await page.getByRole('checkbox', { name: 'Not placed' }).check();
    await page.keyboard.press('Escape');
    await expect(count(page)).toHaveText('2 of 4 calls');
    await expect(options(page)).toHaveCount(2);
    const shown = await listed(page);
    expect(shown.every((r) => r.name.endsWith(', Not placed'))).toBe(true);
    expect(shown.every((r) => r.detail.length > 0)).toBe(true);

    // the CSV of the filtered list: what the list shows, with main's detail line
    const filtered = await exportedCsv(page);
    expect(filtered.map((r) => ({ name: `${r.To}, ${r.Outcome}`, detail: r.Detail }))).toEqual(shown);
    expect(filtered.every((r) => r.Caller === RILEY && r.Connection === 'Simulator')).toBe(true);

    // and a number's digits, whatever their format
    await page.getByRole('searchbox', { name: 'Name or number' }).fill('415 555 0150');
    await expect(count(page)).toHaveText('1 of 4 calls');
    expect((await listed(page)).map((r) => r.name)).toEqual(['+14155550150, Not placed']);
    await page.getByRole('searchbox', { name: 'Name or number' }).fill('nobody');
    await expect(page.getByText('No call matches these filters.')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(count(page)).toHaveText('4 calls');
    await expect(page.getByRole('searchbox', { name: 'Name or number' })).toBeFocused();
    noPageErrors(app);
  } finally {
    await app.close();
  }
});

test('Redial opens the Dial card with the same number and caller; placing it adds an entry on top, live', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const sim = await app.demoSimulator();
    sim.injectFault({ path: '/v1/voice/outbound', status: 400 });
    await placeCall(page, '(415) 555-0166', 'refused');

    await openHistory(page);
    await expect(count(page)).toHaveText('1 call');
    await options(page).first().click();
    await expect(detail(page).getByRole('heading', { name: '+14155550166' })).toBeVisible();
    await expect(detail(page)).toContainText('Not placed');
    const body = detail(page).getByRole('region', { name: 'Body sent' });
    await expect(body).toContainText('"to_phone_number": "+14155550166"');
    await expect(body).toContainText('"clinic": "Harbor"');

    await detail(page).getByRole('button', { name: 'Redial' }).click();
    await expect(tab(page, 'Dial')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByLabel('To number')).toHaveValue('+14155550166');
    await expect(page.getByRole('radio', { name: 'Agent' })).toBeChecked();
    await expect(page.getByLabel('Agent ID', { exact: true })).toHaveValue(RILEY);
    await expect(page.getByLabel('Variable 1 value')).toHaveValue('Harbor');
    // the card, reviewed by main and ready: a call only when the user says so
    const card = page.getByRole('region', { name: 'Call card' });
    await expect(card.getByRole('heading', { name: 'Ready to call' })).toBeVisible();
    await expect(card).toContainText('+1 415 555 0166');
    await expect(card).toContainText(RILEY);
    expect(sim.outboundRequests()).toHaveLength(1);
    // the list was read when History opened (twice when the refused call's own event came in while it loaded)
    const listsBefore = app.bridgeLog.filter((c) => c.channel === 'history:list').length;
    await card.getByRole('button', { name: 'Call', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    const posts = sim.outboundRequests();
    expect(posts).toHaveLength(2);
    const { idempotency_key: _first, ...sentFirst } = posts[0]!.body as Record<string, unknown>;
    const { idempotency_key: _second, ...sentAgain } = posts[1]!.body as Record<string, unknown>;
    expect(sentAgain).toEqual(sentFirst);

    // History had its list open: the new call is on top, the refused one still selected below it
    await openHistory(page);
    await expect(count(page)).toHaveText('2 calls');
    await expect(options(page).first()).toHaveAttribute('aria-label', /^\+14155550166, Queued, .*following the call$/);
    await expect(options(page).nth(1)).toHaveAttribute('aria-selected', 'true');
    expect(app.bridgeLog.filter((c) => c.channel === 'history:list')).toHaveLength(listsBefore); // from the event, not asked again
    noPageErrors(app);
  } finally {
    await app.close();
  }
});

test('outcome unknown, settled by linking Feather’s conversation: the call is followed', async () => {
  // main looks for conversations started around the attempt by its own clock: here the simulator's (real) one
  const app = await realClockApp();
  try {
    const { page } = app;
    const sim = await app.demoSimulator();
    sim.injectFault({ path: '/v1/voice/outbound', status: 502 });
    await placeCall(page, '(415) 555-0177', 'unknown');

    await openHistory(page);
    await options(page).first().click();
    await expect(detail(page).getByText('Outcome unknown', { exact: true })).toBeVisible();
    const panel = detail(page).getByRole('region', { name: 'Was this call placed?' });
    const found = panel.getByRole('list', { name: 'Conversations around this call' }).getByRole('listitem');
    await expect(found).toHaveCount(1);
    await expect(found.first()).toContainText('+14155550177');
    await expect(found.first()).toContainText('Same number');
    await found.first().getByRole('button', { name: 'This is the call' }).click();

    await expect(panel).toHaveCount(0);
    await expect(detail(page).getByRole('heading', { level: 2 })).toBeFocused();
    await expect(detail(page).getByText('Outcome unknown', { exact: true })).toHaveCount(0);
    await expect(detail(page).getByRole('region', { name: 'Timeline' })).toContainText('You linked this call to a Feather conversation');
    await expect(detail(page)).toContainText(sim.conversations[0]!.id);
    await expect(options(page).first()).toHaveAttribute('aria-label', /following the call$/);
    noPageErrors(app);
  } finally {
    await app.close();
  }
});

test('outcome unknown, marked not placed (confirmed): a new card to that number no longer asks', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const sim = await app.demoSimulator();
    sim.injectFault({ path: '/v1/voice/outbound', status: 502 });
    await placeCall(page, '(415) 555-0188', 'unknown');

    await openHistory(page);
    await options(page).first().click();
    const panel = detail(page).getByRole('region', { name: 'Was this call placed?' });
    await panel.getByRole('button', { name: 'It was not placed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark this call as not placed?' });
    await expect(dialog.getByRole('button', { name: 'Keep it unknown' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Mark not placed' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(detail(page).getByText('Not placed', { exact: true })).toBeVisible();
    await expect(detail(page)).toContainText('You marked this call as not placed.');
    await expect(options(page).first()).toHaveAttribute('aria-label', /^\+14155550188, Not placed/);

    // the same number again: main no longer says it may have been placed, and Enter calls
    await fillCall(page, { to: '+1 415 555 0188', agent: DEMO_IDS.agentRiley, variables: [['clinic', 'Harbor']] });
    await reviewAndCall(page);
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    await expect(page.getByText(/may have been placed/)).toHaveCount(0);
    expect(sim.outboundRequests()).toHaveLength(2);
    noPageErrors(app);
  } finally {
    await app.close();
  }
});

test('a notification clicked opens History with its call selected', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const sim = await app.demoSimulator();
    sim.injectFault({ path: '/v1/voice/outbound', status: 400 });
    await placeCall(page, '(415) 555-0101', 'refused');
    await placeCall(page, '(415) 555-0102', 'placed');
    const filter = { from: null, to: null, outcomes: [], profileId: null, callerId: null, text: '' };
    const older = (await app.core.handlers.history.list({ filter, offset: 1, limit: 1 })).rows[0]!;
    expect(older.toNumber).toBe('+14155550101');
    await expect(tab(page, 'Dial')).toHaveAttribute('aria-current', 'page');
    app.core.events.emit('history:open', { id: older.id });
    await expect(tab(page, 'History')).toHaveAttribute('aria-current', 'page');
    await expect(options(page).nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(detail(page).getByRole('heading', { name: '+14155550101' })).toBeFocused();
    // Esc: back to the list, on that call
    await page.keyboard.press('Escape');
    await expect(calls(page)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(options(page).first()).toHaveAttribute('aria-selected', 'true');
    await expect(detail(page).getByRole('heading', { name: '+14155550102' })).toBeVisible();
    noPageErrors(app);
  } finally {
    await app.close();
  }
});

test('API 1.90: a plain Call waits in Queued calls with when it may dial; Pause, Resume, and Cancel (confirmed) takes it out', async () => {
  // the demo simulator dials a queued call after 5 s; this server keeps it queued for 10 minutes
  const KEY = 'fth_live_historyqueue0000000000';
  const server = await startSimulator({
    queueDelayMs: 10 * 60_000,
    keys: [{ key: KEY, user: { user_id: 'u', role: 'member', email: 'u@example.com', display_name: 'U' } }],
  });
  const app = await startApp();
  try {
    const { page } = app;
    await connectServer(page, server.url, KEY);
    await placeCall(page, '(415) 555-0132', 'placed');
    const queued = server.conversations[0]!;

    await openHistory(page);
    await page.getByRole('radio', { name: 'Queued calls' }).check();
    const waiting = page.getByRole('list', { name: 'Calls waiting' }).getByRole('listitem');
    await expect(waiting).toHaveCount(1);
    const call = waiting.first();
    await expect(call).toContainText('+14155550132');
    await expect(call).toContainText(RILEY);
    const when = await page.evaluate((ms) => {
      const d = new Date(ms);
      return d.toDateString() === new Date().toDateString()
        ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
        : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
    }, queued.eligibleAt);
    await expect(call).toContainText(`May dial from ${when}`);
    await expect(call).toContainText('expires');

    await call.getByRole('button', { name: 'Pause' }).click();
    await expect(call.getByText('Paused', { exact: true })).toBeVisible();
    await expect(call.getByRole('button', { name: 'Resume' })).toBeFocused(); // the same button, now Resume
    expect(queued.paused).toBe(true);
    await call.getByRole('button', { name: 'Resume' }).click();
    await expect(call.getByText('Paused', { exact: true })).toHaveCount(0);

    await call.getByRole('button', { name: 'Cancel…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this queued call?' });
    await expect(dialog).toContainText(`Cancel the call to +14155550132 queued for ${when}? It will not be placed.`);
    await dialog.getByRole('button', { name: 'Cancel the call' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText('No calls are waiting in the queue.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeFocused();
    expect(queued.cancelledAt).not.toBeNull();

    await page.getByRole('radio', { name: 'Calls', exact: true }).check();
    await expect(options(page).first()).toHaveAttribute('aria-label', /^\+14155550132, Cancelled/);
    await options(page).first().click();
    await expect(detail(page).getByRole('region', { name: 'Timeline' })).toContainText('Cancelled by you');
    noPageErrors(app);
  } finally {
    await app.close();
    await server.close();
  }
});
