import { expect, test, type Page } from '@playwright/test';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp, type RunningApp } from './harness';
import { connectServer, fillCall, reviewAndCall, useCustomServer } from './helpers';

const KEY = 'fth_live_e2eKEYe2eKEYe2eKEY8cja';
let server: Simulator;
test.beforeEach(async () => {
  // "another server on loopback": a second, independent Feather implementation
  server = await startSimulator({
    keys: [{ key: KEY, user: { user_id: 'u1', role: 'admin', email: 'ana@northwind.example', display_name: 'Ana Ruiz' } }],
  });
});
test.afterEach(() => server.close());

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(await readFile(full, 'utf8'));
  }
  return out;
}

test('custom base URL: a bad key is refused, a good key is saved and never exposed, the call goes to that server', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await useCustomServer(page, 'http://example.com');
    await expect(page.getByText('Use https. Plain http is only allowed for a server on this computer')).toBeVisible();

    await useCustomServer(page, server.url);
    await expect(page.getByRole('button', { name: /Connection: Custom \(127\.0\.0\.1/ })).toBeVisible();

    await page.getByLabel('API key').fill('fth_live_thisIsNotTheKey000');
    await page.getByRole('button', { name: 'Verify and save' }).click();
    await expect(page.getByText('Feather did not accept this key')).toBeVisible();
    await expect(page.getByLabel('API key')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('API key')).toHaveValue('fth_live_thisIsNotTheKey000'); // nothing the user typed is lost

    await page.getByLabel('API key').fill(KEY);
    await page.getByRole('button', { name: 'Verify and save' }).click();
    await expect(page.getByLabel('Saved key hint')).toHaveText('fth_live_…8cja');
    await expect(page.getByText('Ana Ruiz (admin)')).toBeVisible();
    await expect(page.getByText('Northwind Clinics (demo)', { exact: true })).toBeVisible();

    await fillCall(page, { agent: DEMO_IDS.agentMorgan, variables: [['plan', 'pro']] });
    await reviewAndCall(page);
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();

    const posts = server.outboundRequests();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers['x-api-key']).toBe(KEY);
    expect(posts[0]!.body).toEqual({
      from_phone_number_id: DEMO_IDS.numberSf,
      to_phone_number: '+14155550132',
      agent_id: DEMO_IDS.agentMorgan,
      context_variables: { plan: 'pro' },
      idempotency_key: expect.any(String),
    });
    await expect(page.getByTestId('session-id')).toHaveText(server.conversations[0]!.id);

    // The key is nowhere the renderer can see, nor in any file of ours.
    expect(await page.content()).not.toContain(KEY);
    const answers = app.bridgeLog.map((c) => JSON.stringify(c.response));
    expect(answers.length).toBeGreaterThan(5);
    for (const answer of answers) expect(answer).not.toContain(KEY);
    for (const line of app.consoleLog) expect(line).not.toContain(KEY);
    const files = await filesUnder(app.userDataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const text of files) expect(text).not.toContain(KEY);
  } finally {
    await app.close();
  }
});

test('the saved key survives a restart: read back from the keychain, not from a file', async () => {
  const first = await startApp();
  await connectServer(first.page, server.url, KEY);
  await expect(first.page.getByLabel('Saved key hint')).toHaveText('fth_live_…8cja');
  await first.close({ keepData: true });

  const second = await startApp({ userDataDir: first.userDataDir, keychainService: first.keychainService });
  try {
    await expect(second.page.getByRole('button', { name: /Connection: Custom \(127\.0\.0\.1/ })).toBeVisible();
    await fillCall(second.page);
    await reviewAndCall(second.page);
    await expect(second.page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    expect(server.outboundRequests().at(-1)!.headers['x-api-key']).toBe(KEY);
  } finally {
    await second.close();
  }
});

test('removing the key asks for confirmation, then the app asks for a key before calling', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await connectServer(page, server.url, KEY);
    await page.getByRole('button', { name: 'Remove key…' }).click();
    await page.getByRole('button', { name: 'Keep it' }).click();
    await expect(page.getByLabel('Saved key hint')).toBeVisible();
    await page.getByRole('button', { name: 'Remove key…' }).click();
    await page.getByRole('button', { name: 'Remove key', exact: true }).click();
    await expect(page.getByLabel('API key')).toBeVisible();
    await expect(page.getByRole('button', { name: /no key/ })).toBeVisible();

    await fillCall(page);
    await reviewAndCall(page);
    await expect(page.getByRole('region', { name: 'Call card' }).getByRole('alert')).toContainText('No API key is saved');
    await page.getByRole('button', { name: 'Open Connection' }).click();
    await expect(page.getByRole('button', { name: 'Verify and save' })).toBeVisible();
    await expect(page.getByLabel('API key')).toBeFocused();
    expect(server.outboundRequests()).toHaveLength(0);
  } finally {
    await app.close();
  }
});

test('named connections: add, choose one and use it, each with its own key; removing one asks first', async () => {
  const other = await startSimulator({
    keys: [{ key: 'fth_live_secondserver0000aaaa', user: { user_id: 'u2', role: 'member', email: 'b@example.com', display_name: 'Bo' } }],
  });
  const app = await startApp();
  try {
    const { page } = app;
    await page.getByRole('button', { name: 'Connection', exact: true }).click();
    await page.getByRole('radio', { name: /Custom server/ }).check();
    await page.getByLabel('Base URL').fill(server.url);
    await page.getByLabel('Name (optional)').fill('Production EU');
    await page.getByRole('button', { name: 'Use this server' }).click();
    await expect(page.getByRole('button', { name: 'Connection: Production EU — live, no key. Change connection' })).toBeVisible();
    await page.getByLabel('API key').fill(KEY);
    await page.getByRole('button', { name: 'Verify and save' }).click();
    await expect(page.getByLabel('Saved key hint')).toHaveText('fth_live_…8cja');

    await page.getByLabel('Base URL').fill(other.url);
    await page.getByLabel('Name (optional)').fill('Production EU');
    await page.getByRole('button', { name: 'Use this server' }).click();
    await expect(page.getByText('Another connection has this name.')).toBeVisible();
    await page.getByLabel('Name (optional)').fill('Production US');
    await page.getByRole('button', { name: 'Use this server' }).click();
    await page.getByLabel('API key').fill('fth_live_secondserver0000aaaa');
    await page.getByRole('button', { name: 'Verify and save' }).click();
    await expect(page.getByLabel('Saved key hint')).toHaveText('fth_live_…aaaa');

    const servers = page.getByRole('radiogroup', { name: 'Your servers' });
    // Choosing a server shows it; "Use this connection" switches (before, the click alone switched: see the arrow-keys test).
    await servers.getByRole('radio', { name: /Production EU/ }).click();
    await expect(page.getByRole('button', { name: /Connection: Production US — live\. Change/ })).toBeVisible();
    await page.getByRole('region', { name: 'Production EU connection' }).getByRole('button', { name: 'Use this connection' }).click();
    await expect(page.getByRole('button', { name: /Connection: Production EU — live\. Change/ })).toBeVisible();
    await expect(page.getByLabel('Saved key hint')).toHaveText('fth_live_…8cja');

    await page.getByRole('button', { name: 'Remove “Production EU”…' }).click();
    await page.getByRole('button', { name: 'Remove connection' }).click();
    await expect(page.getByRole('button', { name: /Connection: Simulator — no real calls/ })).toBeVisible();
    await expect(servers.getByRole('radio')).toHaveCount(1);
  } finally {
    await app.close();
    await other.close();
  }
});

/** the calls that change where calls go */
const switches = (app: RunningApp) =>
  app.bridgeLog.filter((c) => c.channel === 'connection:use' || c.channel === 'connection:switchProfile').map((c) => c.request);
const focusOnBody = (page: Page) => page.evaluate(() => !document.activeElement || document.activeElement === document.body);
const badge = (page: Page) => page.getByRole('button', { name: /^Connection: / });

test('arrow keys through the Connection radios only show a connection; "Use this connection" or Enter switches', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await page.getByRole('button', { name: 'Connection', exact: true }).click();
    const choices = page.getByRole('radiogroup', { name: 'Connect to' });
    await expect(choices.getByRole('radio', { name: /Simulator/ })).toBeFocused();
    await expect(choices.getByRole('radio', { name: /^Simulator In use/ })).toBeChecked();

    // Simulator → Sandbox → Custom → Sandbox → Custom → Sandbox: shown one after the other, none used.
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowLeft', 'ArrowRight', 'ArrowLeft']) await page.keyboard.press(key);
    await expect(choices.getByRole('radio', { name: /Feather Sandbox/ })).toBeChecked();
    const sandbox = page.getByRole('region', { name: 'Feather Sandbox connection' });
    await expect(sandbox.getByRole('status')).toHaveText('Not in use. Calls go to Simulator — no real calls.');
    await expect(badge(page)).toHaveAccessibleName('Connection: Simulator — no real calls. Change connection');
    expect(switches(app)).toEqual([]);

    // Enter on the radio uses it; focus goes to the line that says so.
    await page.keyboard.press('Enter');
    await expect(badge(page)).toHaveAccessibleName('Connection: Feather Sandbox, no key. Change connection');
    await expect(sandbox.getByRole('status')).toBeFocused();
    await expect(sandbox.getByRole('status')).toContainText('In use Calls go to Feather Sandbox.');
    await expect(choices.getByRole('radio', { name: /Feather Sandbox In use/ })).toBeChecked();
    expect(switches(app)).toEqual([{ profileId: 'sandbox' }]);

    // A click shows; the button switches.
    await choices.getByRole('radio', { name: /Simulator/ }).click();
    const simulator = page.getByRole('region', { name: 'Simulator connection' });
    await expect(simulator.getByRole('status')).toHaveText('Not in use. Calls go to Feather Sandbox.');
    expect(switches(app)).toHaveLength(1);
    await simulator.getByRole('button', { name: 'Use this connection' }).click();
    await expect(badge(page)).toHaveAccessibleName('Connection: Simulator — no real calls. Change connection');
    await expect(simulator.getByRole('status')).toBeFocused();
    await expect(simulator.getByRole('button', { name: 'Use this connection' })).toHaveCount(0);
    expect(await focusOnBody(page)).toBe(false);
    expect(switches(app)).toEqual([{ profileId: 'sandbox' }, { profileId: 'simulator' }]);
  } finally {
    await app.close();
  }
});

test('arrow keys through "Your servers" do not switch either; Enter uses the server chosen', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await page.getByRole('button', { name: 'Connection', exact: true }).click();
    await page.getByRole('radio', { name: /Custom server/ }).check();
    for (const name of ['EU', 'US']) {
      await page.getByLabel('Name (optional)').fill(name);
      await page.getByLabel('Base URL').fill(server.url);
      await page.getByRole('button', { name: 'Use this server' }).click();
      await expect(badge(page)).toHaveAccessibleName(`Connection: ${name} — live, no key. Change connection`);
    }
    const before = switches(app).length;
    const servers = page.getByRole('radiogroup', { name: 'Your servers' });
    await servers.getByRole('radio', { name: /^US/ }).focus();
    await page.keyboard.press('ArrowUp');
    await expect(servers.getByRole('radio', { name: /^EU/ })).toBeChecked();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('region', { name: 'EU connection' }).getByRole('status')).toHaveText('Not in use. Calls go to US — live.');
    await expect(badge(page)).toHaveAccessibleName('Connection: US — live, no key. Change connection');
    expect(switches(app)).toHaveLength(before);

    await page.keyboard.press('Enter');
    await expect(badge(page)).toHaveAccessibleName('Connection: EU — live, no key. Change connection');
    await expect(servers.getByRole('radio', { name: /^EU In use/ })).toBeChecked();
    expect(switches(app)).toHaveLength(before + 1);
  } finally {
    await app.close();
  }
});

test('"Use this server" puts focus in the new server\'s key field: a key typed at once is not lost', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await useCustomServer(page, server.url);
    await expect(page.getByLabel('API key')).toBeFocused();
    await page.keyboard.type(KEY);
    await expect(page.getByLabel('API key')).toHaveValue(KEY);
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Saved key hint')).toHaveText('fth_live_…8cja');
    // the form went away: focus is on the line that says where calls go and what was done
    const state = page.getByRole('region', { name: /Custom \(127\.0\.0\.1.* connection/ }).getByRole('status');
    await expect(state).toBeFocused();
    await expect(state).toContainText('Key verified and saved');

    // the same server again: it has its key, so focus goes to that line
    await page.getByRole('button', { name: 'Use this server' }).click();
    await expect(state).toBeFocused();
    expect(await focusOnBody(page)).toBe(false);
  } finally {
    await app.close();
  }
});

test('"Replace key", "Remove key…" and "Add a key" never drop focus to <body>, and keep what was typed', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await connectServer(page, server.url, KEY);
    const panel = page.getByRole('region', { name: /Custom \(127\.0\.0\.1.* connection/ });

    await page.getByRole('button', { name: 'Replace key' }).click();
    await expect(page.getByLabel('API key')).toBeFocused();
    await page.keyboard.type('fth_live_half');
    // looking at another connection, or another screen, keeps it
    await page.getByRole('radio', { name: /Simulator/ }).click();
    await page.getByRole('button', { name: 'Dial', exact: true }).click();
    await page.getByRole('button', { name: 'Connection', exact: true }).click();
    await page.getByRole('radio', { name: /Custom server/ }).click();
    await expect(page.getByLabel('API key')).toHaveValue('fth_live_half');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('button', { name: 'Replace key' })).toBeFocused();

    await page.getByRole('button', { name: 'Remove key…' }).click();
    await expect(page.getByRole('button', { name: 'Keep it' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Remove key…' })).toBeFocused();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Remove key', exact: true }).click();
    await expect(panel.getByRole('status')).toBeFocused();
    await expect(panel.getByRole('status')).toContainText('Key removed');

    // Typed here, then "Add a key" on the Dial screen (with another connection shown meanwhile).
    await page.getByLabel('API key').fill('fth_live_e2eKEY');
    await page.getByRole('radio', { name: /Feather Sandbox/ }).click();
    await page.getByRole('button', { name: 'Dial', exact: true }).click();
    await page.getByRole('button', { name: 'Add a key' }).click();
    await expect(page.getByLabel('API key')).toBeFocused();
    await expect(page.getByLabel('API key')).toHaveValue('fth_live_e2eKEY');
    await page.keyboard.type(KEY.slice('fth_live_e2eKEY'.length));
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Saved key hint')).toHaveText('fth_live_…8cja');
    await expect(panel.getByRole('status')).toBeFocused();
    expect(switches(app)).toEqual([{ kind: 'custom', baseUrl: server.url }]); // only connectServer's "Use this server"
  } finally {
    await app.close();
  }
});
