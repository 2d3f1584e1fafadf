import { expect, test } from '@playwright/test';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp } from './harness';
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
    expect(server.outboundRequests()).toHaveLength(0);
  } finally {
    await app.close();
  }
});

test('named connections: add, switch with one click, each with its own key; removing one asks first', async () => {
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
    await servers.getByRole('radio', { name: /Production EU/ }).click();
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
