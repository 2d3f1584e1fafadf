import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import { startApp, type RunningApp } from './harness';
import { fillCall } from './helpers';

/**
 * Calling hours and number types, decided by main for every entry point, with the core's clock
 * fixed: each block and its explicit override ("Call anyway" / "Call now anyway", buttons of their
 * own); Enter alone never overrides; a link's dial:request gets the same guard.
 */

/** Tuesday 10 March 2026, 22:40 in Madrid, 21:40 in London, 14:40 in San Francisco */
const LATE = new Date('2026-03-10T21:40:00Z');
const card = (page: Page) => page.getByRole('region', { name: 'Call card' });
const checks = (page: Page) => card(page).getByRole('group', { name: 'Check before calling' });

async function addMaria(app: RunningApp) {
  await app.core.handlers.contacts.create({
    draft: {
      ...emptyDraft(),
      firstName: 'Maria',
      lastName: 'García',
      timeZone: 'Europe/Madrid',
      phones: [{ label: 'mobile', raw: '+34 612 345 678', doNotCall: false }],
    },
  });
}

/** Enter in the To field arms the card; with something to confirm, focus is on Edit — Enter there goes back, and calls nothing. */
async function enterDoesNotOverride(app: RunningApp) {
  const { page } = app;
  await page.getByLabel('To number').press('Enter');
  await expect(card(page).getByRole('heading', { name: 'Ready to call' })).toBeVisible();
  await expect(card(page).getByRole('button', { name: 'Edit' })).toBeFocused();
  await page.keyboard.press('Enter'); // Edit: back to the form
  await expect(card(page).getByRole('heading', { name: 'Call card' })).toBeVisible();
  // focus is back in the form (not on <body>, not in the card) before the next key
  await expect
    .poll(() =>
      page.evaluate(() => {
        const at = document.activeElement;
        return Boolean(at && at !== document.body && !at.closest('[aria-label="Call card"]'));
      }),
    )
    .toBe(true);
  await page.keyboard.press('Enter'); // review again
  await expect(card(page).getByRole('button', { name: 'Edit' })).toBeFocused();
  await page.keyboard.press('Enter');
  expect((await app.demoSimulator()).outboundRequests()).toHaveLength(0);
  await page.getByLabel('To number').press('Enter');
  await expect(card(page).getByRole('button', { name: 'Edit' })).toBeFocused();
}

test('API 1.21, outside the callee’s hours: the card says what time it is for Maria and needs “Call anyway”; Enter never calls', async () => {
  const app = await startApp({ demoApiVersion: '1.21', now: () => LATE });
  try {
    const { page } = app;
    await addMaria(app);
    await fillCall(page, { to: '+34 612 345 678', agent: DEMO_IDS.agentRiley });
    await expect(card(page).getByText('22:40 Tue · Europe/Madrid — outside your calling hours')).toBeVisible();
    await enterDoesNotOverride(app);
    await expect(checks(page)).toContainText(
      'It is 22:40 for Maria (Europe/Madrid), outside your calling hours (08:00–21:00, every day). This server (Feather API 1.21) has no calling-hours queue: the call rings at once.',
    );
    await expect(card(page).getByRole('button', { name: 'Call', exact: true })).toHaveCount(0);
    await expect(card(page).getByRole('button', { name: 'Call now anyway' })).toHaveCount(0); // 1.21 has no Call now
    await card(page).getByRole('button', { name: 'Call anyway' }).click();
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    const sim = await app.demoSimulator();
    expect(sim.outboundRequests()).toHaveLength(1);
    expect(sim.outboundRequests()[0]!.body).toMatchObject({ to_phone_number: '+34612345678' });
  } finally {
    await app.close();
  }
});

test('API 1.90, outside hours: Enter places a queued call (Feather waits for the organisation’s hours); only “Call now anyway” dials at once', async () => {
  const app = await startApp({ now: () => LATE });
  try {
    const { page } = app;
    await addMaria(app);
    await fillCall(page, { to: '+34 612 345 678', agent: DEMO_IDS.agentRiley });
    await page.getByLabel('To number').press('Enter');
    await expect(checks(page)).toContainText(
      'A plain Call waits in Feather’s queue for your organisation’s calling hours; Call now would ring at once.',
    );
    await expect(card(page).getByRole('button', { name: 'Call now', exact: true })).toHaveCount(0);
    await expect(card(page).getByRole('button', { name: 'Call now anyway' })).toBeVisible();
    await expect(card(page).getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    const sim = await app.demoSimulator();
    expect(sim.outboundRequests()).toHaveLength(1);
    expect(sim.outboundRequests()[0]!.body).not.toHaveProperty('instant');

    await page.getByRole('button', { name: 'New call' }).click();
    await fillCall(page, { to: '+34 612 345 678', agent: DEMO_IDS.agentRiley });
    await page.getByLabel('To number').press('Enter');
    await card(page).getByRole('button', { name: 'Call now anyway' }).click();
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    expect(sim.outboundRequests()).toHaveLength(2);
    expect(sim.outboundRequests()[1]!.body).toMatchObject({ instant: true });
  } finally {
    await app.close();
  }
});

test('a premium-rate number (+1 900) no longer goes straight to “Ready to call” with a Call button: Enter does not override, “Call anyway” does', async () => {
  const app = await startApp({ now: () => new Date('2026-03-10T18:00:00Z') });
  try {
    const { page } = app;
    await fillCall(page, { to: '+1 900 234 5678', agent: DEMO_IDS.agentRiley });
    await enterDoesNotOverride(app);
    await expect(checks(page)).toContainText(
      '+1 900 234 5678 is a premium-rate number: a call to it can cost far more than an ordinary call.',
    );
    await expect(card(page).getByText(/across the country’s time zones — inside your calling hours in all of them$/)).toBeVisible();
    await card(page).getByRole('button', { name: 'Call anyway' }).click();
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    expect((await app.demoSimulator()).outboundRequests()).toHaveLength(1);
  } finally {
    await app.close();
  }
});

test('the organisation’s policy blocks a type outright: a problem on To number, no “Call anyway”', async () => {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'feather-e2e-policy-'));
  await writeFile(
    path.join(userDataDir, 'policy.json'),
    JSON.stringify({ format: 'feather-launcher-policy', version: 1, blockNumberTypes: ['premium-rate', 'shared-cost'] }),
  );
  const app = await startApp({ userDataDir, now: () => new Date('2026-03-10T15:00:00Z') });
  try {
    const { page } = app;
    await fillCall(page, { to: '+44 906 123 4567', agent: DEMO_IDS.agentRiley });
    await page.getByLabel('To number').press('Enter');
    await expect(page.locator('#toNumber-error')).toContainText(
      'Not allowed: +44 906 123 4567 is a premium-rate number, and your organisation’s policy',
    );
    await expect(page.getByLabel('To number')).toBeFocused();
    await expect(card(page).getByRole('button', { name: /anyway/ })).toHaveCount(0);
    await page.keyboard.press('Enter');
    expect((await app.demoSimulator()).outboundRequests()).toHaveLength(0);
  } finally {
    await app.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
});

test('a link’s dial:request from main gets the same guard: armed with the confirmation, Enter does not call, “Call anyway” does once', async () => {
  const app = await startApp({ demoApiVersion: '1.21', now: () => LATE });
  try {
    const { page } = app;
    await addMaria(app);
    await page.getByRole('button', { name: 'Dial', exact: true }).click();
    // the organisation's numbers are in (this test is about the guards, not a link arriving before them)
    await expect(page.getByText(/^Numbers, agents and teams as of/)).toBeVisible();
    app.core.requestDial({ toNumber: '+34 612 345 678', source: 'link' });
    await expect(card(page).getByRole('heading', { name: 'Ready to call' })).toBeVisible();
    await expect(checks(page)).toContainText('It is 22:40 for Maria (Europe/Madrid)');
    await expect(card(page).getByRole('button', { name: 'Edit' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(card(page).getByRole('heading', { name: 'Call card' })).toBeVisible();
    expect((await app.demoSimulator()).outboundRequests()).toHaveLength(0);

    // the command line's request for a premium-rate number: the same
    app.core.requestDial({ toNumber: '+1 900 234 5678', source: 'cli' });
    await expect(checks(page)).toContainText('+1 900 234 5678 is a premium-rate number');
    await expect(card(page).getByRole('button', { name: 'Edit' })).toBeFocused();
    await page.keyboard.press('Enter');
    expect((await app.demoSimulator()).outboundRequests()).toHaveLength(0);
    await page.getByLabel('To number').press('Enter');
    await card(page).getByRole('button', { name: 'Call anyway' }).click();
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    const posts = (await app.demoSimulator()).outboundRequests();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toMatchObject({ to_phone_number: '+19002345678' });
  } finally {
    await app.close();
  }
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe: the card asking for confirmations (1.90, outside hours, international), ${colorScheme}`, async () => {
    const app = await startApp({ colorScheme, now: () => LATE });
    try {
      const { page } = app;
      await addMaria(app);
      await app.core.handlers.app.setPreferences({ guards: { flagInternational: true } });
      await fillCall(page, { to: '+34 612 345 678', agent: DEMO_IDS.agentRiley });
      await page.getByLabel('To number').press('Enter');
      await expect(checks(page).getByRole('listitem')).toHaveCount(2);
      await expect(card(page).getByRole('button', { name: 'Call anyway' })).toBeVisible();
      const { violations } = await new AxeBuilder({ page }).include('[aria-label="Call card"]').analyze();
      expect(violations.filter((v) => v.impact && v.impact !== 'minor').map((v) => `${v.impact} ${v.id}: ${v.help}`)).toEqual([]);
    } finally {
      await app.close();
    }
  });
}
