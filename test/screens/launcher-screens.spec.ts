import { expect, test, type Page } from '@playwright/test';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import { startSimulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp, type RunningApp } from '../e2e/harness';
import { connectServer, fillCall } from '../e2e/helpers';

/**
 * The README's launcher screens (docs/screenshots/), light and dark, into screenshots/readme/: the hotkey
 * palette listing a contact's numbers, its armed call card, the Dial card opened from a link, a
 * second link waiting beside it, Settings, and History (the list, a call's details, the queued calls).
 */
const settle = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
const shot = async (page: Page, name: string, scheme: string) => {
  await settle(page);
  await page.screenshot({ path: `screenshots/readme/${name}-${scheme}.png`, animations: 'disabled', caret: 'hide' });
};

for (const scheme of ['light', 'dark'] as const) {
  test(`palette and a card opened from a link, ${scheme}`, async () => {
    const app = await startApp({ colorScheme: scheme, viewport: { width: 1100, height: 640 } });
    try {
      for (const [firstName, lastName, company, phones] of [
        ['Kim', 'Lee', 'Lee & Co', ['+1 415 555 0142', '+1 415 555 0143']],
        ['Kimberly', 'Ortiz', 'Northwind Clinics', ['+1 212 555 0188']],
      ] as const) {
        await app.core.handlers.contacts.create({
          draft: {
            ...emptyDraft(),
            firstName,
            lastName,
            company,
            phones: phones.map((raw, i) => ({ label: i ? 'work' : 'mobile', raw, doNotCall: false })),
          },
        });
      }
      const { page } = await app.openPalette({ viewport: { width: 560, height: 360 } });
      await page.getByRole('combobox', { name: 'Call who?' }).fill('kim');
      await page.getByRole('option').nth(2).waitFor();
      await shot(page, 'palette', scheme);
      await page.getByRole('combobox', { name: 'Call who?' }).press('Enter');
      await page.getByRole('button', { name: 'Call', exact: true }).waitFor();
      await shot(page, 'palette-card', scheme);

      await app.core.launch({ to: '+14155550132', agent: 'Riley', vars: { clinic: 'Uptown' }, source: 'link' });
      await app.page.getByRole('region', { name: 'Call card' }).getByText('Opened from a link').waitFor();
      await app.page.getByRole('button', { name: 'Edit' }).waitFor();
      await shot(app.page, 'link-card', scheme);

      // another link while that card is ready to call: it waits beside it
      await app.core.launch({ to: '+442079460958', source: 'link' });
      await app.page.getByRole('group', { name: 'Call waiting' }).waitFor();
      await shot(app.page, 'call-waiting', scheme);

      // Settings → On the desktop: the clipboard shortcut off, with one-click suggestions
      await app.page.keyboard.press('ControlOrMeta+6');
      await app.page.getByRole('heading', { name: 'On the desktop' }).waitFor();
      await shot(app.page, 'settings', scheme);
    } finally {
      await app.close();
    }
  });
}

/** Contacts to call in the History screenshots: their names show instead of the numbers. */
async function addContacts(app: RunningApp) {
  for (const [firstName, lastName, raw] of [
    ['María', 'García', '+1 415 555 0132'],
    ['Kim', 'Lee', '+1 415 555 0142'],
    ['Dana', 'Scully', '+1 202 555 0111'],
    ['Tomás', 'Ortiz', '+1 212 555 0188'],
  ] as const)
    await app.core.handlers.contacts.create({
      draft: { ...emptyDraft(), firstName, lastName, phones: [{ label: 'mobile', raw, doNotCall: false }] },
    });
}

/** The toasts of calls that ended (the browser shows no desktop notification) are closed: they would cover the screen. */
async function dismissToasts(page: Page) {
  for (const close of await page.getByRole('button', { name: /^Dismiss: / }).all()) await close.click();
}

/** A call from the Dial screen as Riley (clinic Harbor); `now`: Call now (dials at once) instead of the queue. */
async function call(page: Page, to: string, how: 'queue' | 'now' | 'refused' | 'unknown') {
  await fillCall(page, { to, agent: DEMO_IDS.agentRiley, variables: [['clinic', 'Harbor']] });
  await page.getByLabel('To number').press('Enter');
  const card = page.getByRole('region', { name: 'Call card' });
  await card.getByRole('button', { name: how === 'now' ? 'Call now' : 'Call', exact: true }).click();
  if (how === 'queue' || how === 'now') await page.getByRole('button', { name: 'New call' }).click();
  else if (how === 'unknown') await page.getByRole('button', { name: 'Start a new call' }).first().click();
  else await card.getByRole('alert').first().waitFor();
}

for (const scheme of ['light', 'dark'] as const) {
  test(`history: the list and a call's details, ${scheme}`, async () => {
    test.setTimeout(120_000);
    // the real clock, as the simulator's (main follows calls by it); calling hours off: nothing depends on the hour
    const app = await startApp({
      colorScheme: scheme,
      viewport: { width: 1100, height: 760 },
      now: () => new Date(),
      callTimings: { callMs: 7_000 },
    });
    try {
      const { page } = app;
      await app.core.handlers.app.setPreferences({
        guards: { callingHours: { enabled: false, start: '08:00', end: '21:00', days: [0, 1, 2, 3, 4, 5, 6] } },
      });
      await addContacts(app);
      const sim = await app.demoSimulator();
      await call(page, '+1 415 555 0132', 'now');
      await call(page, '+1 415 555 0142', 'queue');
      sim.injectFault({ path: '/v1/voice/outbound', status: 400 });
      await call(page, '+1 202 555 0111', 'refused');
      sim.injectFault({ path: '/v1/voice/outbound', status: 502 });
      await call(page, '+1 212 555 0188', 'unknown');

      await page.keyboard.press('ControlOrMeta+3');
      const list = page.getByRole('listbox', { name: 'Calls' });
      // María's call has ended: its summary and transcript are in (main follows it with a 2 s → 30 s backoff)
      await expect(list.getByRole('option', { name: /^María García, Ended/ })).toBeVisible({ timeout: 60_000 });
      await list.getByRole('option').first().click();
      await page.locator('.history-detail').getByRole('region', { name: 'Was this call placed?' }).getByRole('listitem').first().waitFor();
      await dismissToasts(page);
      await shot(page, 'history', scheme);

      await list.getByRole('option', { name: /^María García, Ended/ }).click();
      await page.locator('.history-detail').getByRole('region', { name: 'Transcript (last turns)' }).waitFor();
      await dismissToasts(page);
      await settle(page);
      await page.screenshot({
        path: `screenshots/readme/history-detail-${scheme}.png`,
        fullPage: true,
        animations: 'disabled',
        caret: 'hide',
      });

      // Contacts: each contact's last call and how it went
      await page.keyboard.press('ControlOrMeta+2');
      await page
        .getByRole('listbox', { name: 'Contacts' })
        .getByRole('option', { name: /^María García/ })
        .click();
      await page.getByRole('region', { name: 'Contact María García' }).getByText('Last call').waitFor();
      await shot(page, 'contacts-last-call', scheme);

      // Settings → History: a number main refuses, with its message at the field
      await page.keyboard.press('ControlOrMeta+6');
      const days = page.getByRole('spinbutton', { name: 'Keep calls for (days)' });
      await days.fill('0');
      await days.press('Enter');
      await page.getByText('Keep at least 1 day.').waitFor();
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await shot(page, 'settings-history', scheme);
    } finally {
      await app.close();
    }
  });

  test(`a call followed to its end on the card, and the toast when it ends, ${scheme}`, async () => {
    test.setTimeout(60_000);
    const app = await startApp({
      colorScheme: scheme,
      viewport: { width: 1100, height: 760 },
      now: () => new Date(),
      callTimings: { callMs: 6_000 },
    });
    try {
      const { page } = app;
      await app.core.handlers.app.setPreferences({
        guards: { callingHours: { enabled: false, start: '08:00', end: '21:00', days: [0, 1, 2, 3, 4, 5, 6] } },
      });
      await addContacts(app);
      await fillCall(page, { to: '+1 415 555 0132', agent: DEMO_IDS.agentRiley, variables: [['clinic', 'Harbor']] });
      await page.getByLabel('To number').press('Enter');
      await page.getByRole('region', { name: 'Call card' }).getByRole('button', { name: 'Call now', exact: true }).click();
      const placed = page.getByRole('region', { name: 'Call placed' });
      await expect(placed.getByRole('status', { name: 'Call status' })).toContainText('Ended', { timeout: 30_000 });
      await page.getByRole('button', { name: /^Show in History: / }).waitFor();
      await settle(page);
      await shot(page, 'call-ended', scheme);
    } finally {
      await app.close();
    }
  });

  test(`history: queued calls (API 1.90), ${scheme}`, async () => {
    test.setTimeout(60_000);
    // a server whose queue holds calls for hours (the demo simulator dials them after 5 s)
    const KEY = 'fth_live_screensqueue00000000000';
    const server = await startSimulator({
      queueDelayMs: 3 * 3600_000,
      keys: [{ key: KEY, user: { user_id: 'u', role: 'member', email: 'ana@northwind.example', display_name: 'Ana Ruiz' } }],
    });
    const app = await startApp({ colorScheme: scheme, viewport: { width: 1100, height: 640 } });
    try {
      const { page } = app;
      await addContacts(app);
      await connectServer(page, server.url, KEY);
      await call(page, '+1 415 555 0132', 'queue');
      await call(page, '+1 415 555 0142', 'queue');
      await page.keyboard.press('ControlOrMeta+3');
      await page.getByRole('radio', { name: 'Queued calls' }).check();
      const waiting = page.getByRole('list', { name: 'Calls waiting' }).getByRole('listitem');
      await expect(waiting).toHaveCount(2);
      await waiting.filter({ hasText: 'Kim Lee' }).getByRole('button', { name: 'Pause' }).click();
      await waiting.filter({ hasText: 'Kim Lee' }).getByText('Paused', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Refresh' }).focus();
      await shot(page, 'history-queue', scheme);
      await waiting.filter({ hasText: 'María García' }).getByRole('button', { name: 'Cancel…' }).click();
      await page.getByRole('dialog', { name: 'Cancel this queued call?' }).waitFor();
      await shot(page, 'history-queue-cancel', scheme);
    } finally {
      await app.close();
      await server.close();
    }
  });
}
