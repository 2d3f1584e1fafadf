import { expect, test, type Page } from '@playwright/test';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp } from './harness';

/**
 * Main follows a placed call whatever happens meanwhile: the app restarts mid-call (tracking
 * resumes from the history, the demo simulator from its state file), the network drops while it
 * polls (it keeps trying and catches up), Feather does not know the conversation (404: "status not
 * available", and it stops). On 1.21 a call rings at once; the simulator's calls are short here.
 */
const TIMINGS = { ringMs: 1_500, callMs: 12_000 };

async function placeDemoCall(page: Page, toNumber = '(415) 555-0132') {
  await page.getByLabel('To number').fill(toNumber);
  await page.getByLabel('From number', { exact: true }).fill(DEMO_IDS.numberSf);
  await page.getByRole('radio', { name: 'Agent' }).check();
  await page.getByLabel('Agent ID', { exact: true }).fill(DEMO_IDS.agentRiley);
  await page.getByLabel('Agent ID', { exact: true }).press('Enter');
  const card = page.getByRole('region', { name: 'Call card' });
  await expect(card.getByRole('button', { name: 'Call', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  return page.getByRole('region', { name: 'Call placed' });
}

test('a restart mid-call: tracking resumes and the call ends in History with its summary', async () => {
  test.setTimeout(90_000);
  const first = await startApp({ demoApiVersion: '1.21', callTimings: TIMINGS });
  let second: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    const placed = await placeDemoCall(first.page);
    await expect(placed.getByRole('status', { name: 'Call status' })).toContainText('In the call', { timeout: 15_000 });
    await first.close({ keepData: true });

    second = await startApp({
      demoApiVersion: '1.21',
      callTimings: TIMINGS,
      userDataDir: first.userDataDir,
      keychainService: first.keychainService,
    });
    const { page } = second;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History' }).click();
    const list = page.getByRole('listbox', { name: 'Calls' });
    await expect(list.getByRole('option').first()).toContainText('Ended', { timeout: 30_000 });
    await expect(list.getByRole('option').first()).toContainText('confirmed');
    const sim = await second.demoSimulator();
    expect(sim.received.filter((r) => r.path.endsWith('/messages')).length).toBeGreaterThan(0);
  } finally {
    await second?.close();
    if (!second) await first.close();
  }
});

test('offline while polling: the polls fail, the card keeps following, and the call still ends on it', async () => {
  test.setTimeout(60_000);
  const app = await startApp({ demoApiVersion: '1.21', callTimings: TIMINGS });
  try {
    const sim = await app.demoSimulator();
    // the network drops: every poll in the next stretch has its connection reset
    sim.injectFault({ path: /\/messages$/, reset: true, times: 4 });
    const placed = await placeDemoCall(app.page);
    const status = placed.getByRole('status', { name: 'Call status' });
    await expect(status).toContainText('Ended', { timeout: 45_000 });
    await expect(status).toContainText('confirmed');
    const polls = sim.received.filter((r) => r.path.endsWith('/messages'));
    expect(polls.length).toBeGreaterThan(4);
  } finally {
    await app.close();
  }
});

test('404 on the poll: the card says the status is not available from Feather, and polling stops', async () => {
  const app = await startApp({ demoApiVersion: '1.21', callTimings: TIMINGS });
  try {
    const sim = await app.demoSimulator();
    sim.injectFault({ path: /\/messages$/, status: 404, times: Infinity });
    const placed = await placeDemoCall(app.page);
    await expect(placed.getByRole('status', { name: 'Call status' })).toContainText('Status not available from Feather', {
      timeout: 15_000,
    });
    const polls = sim.received.filter((r) => r.path.endsWith('/messages')).length;
    await app.page.waitForTimeout(5_000);
    expect(sim.received.filter((r) => r.path.endsWith('/messages'))).toHaveLength(polls);
  } finally {
    await app.close();
  }
});
