import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLauncherCore } from '../../electron/core/launcher-core';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { testKeychain } from '../support/test-keychain';

/** The core as main runs it: conf stores in a temp dir, the real keychain, real HTTP. */
const KEY_A = 'fth_live_aaaaaaaaaaaaaaaaaaaa8cja';
const KEY_B = 'fth_live_bbbbbbbbbbbbbbbbbbbb4xyz';
let serverA: Simulator;
let serverB: Simulator;
const keychain = testKeychain();
const user = (n: string) => ({ user_id: n, role: 'member', email: `${n}@example.com`, display_name: n });

beforeAll(async () => {
  serverA = await startSimulator({ keys: [{ key: KEY_A, user: user('alice') }] });
  serverB = await startSimulator({ keys: [{ key: KEY_B, user: user('bob') }] });
});
afterAll(async () => {
  await serverA.close();
  await serverB.close();
});
afterEach(() => keychain.cleanup());

async function newCore() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-core-'));
  const core = createLauncherCore({
    stores: confStoreFactory(dir),
    dataDir: dir,
    secrets: keychain.store,
    startSimulator: () => startSimulator(),
    localeRegion: 'GB',
  });
  return { core, dir, h: core.handlers };
}

describe('launcher core', () => {
  it('starts in demo mode with the OS region as default country', async () => {
    const { h, core } = await newCore();
    const status = await h.app.status();
    expect(status.activeProfile).toMatchObject({ kind: 'simulator', hasKey: true });
    expect(status.defaultCountry).toBe('GB');
    await core.close();
  });

  it('verifies a key before saving it, stores it only in the keychain, and shows a hint', async () => {
    const { h, dir, core } = await newCore();
    const status = await h.connection.use({ kind: 'custom', baseUrl: serverA.url });
    const profileId = status.activeProfile.id;
    await expect(h.connection.saveKey({ profileId, apiKey: 'fth_live_notthekey12345' })).rejects.toMatchObject({
      appError: { code: 'invalid_key', fields: { apiKey: expect.stringMatching(/did not accept/) } },
    });
    expect(await keychain.store.get(`profile:${profileId}`)).toBeNull();

    const saved = await h.connection.saveKey({ profileId, apiKey: `  ${KEY_A}\n` });
    expect(saved.activeProfile).toMatchObject({ hasKey: true, keyHint: 'fth_live_…8cja', identity: { displayName: 'alice' } });
    expect(JSON.stringify(saved)).not.toContain(KEY_A);
    expect(await keychain.store.get(`profile:${profileId}`)).toBe(KEY_A);
    for (const file of await readdir(dir)) expect(await readFile(path.join(dir, file), 'utf8')).not.toContain(KEY_A);
    await core.close();
  });

  it('keeps profiles apart: each request carries its own profile key', async () => {
    const { h, core } = await newCore();
    const a = (await h.connection.use({ kind: 'custom', baseUrl: serverA.url })).activeProfile.id;
    await h.connection.saveKey({ profileId: a, apiKey: KEY_A });
    const b = (await h.connection.use({ kind: 'custom', baseUrl: serverB.url })).activeProfile.id;
    expect(b).not.toBe(a);
    await h.connection.saveKey({ profileId: b, apiKey: KEY_B });

    const call = (requestId: string) => ({
      requestId,
      toNumber: '+1 415 555 0132',
      fromNumberId: DEMO_IDS.numberSf,
      caller: { mode: 'auto' as const },
      contextVariables: [],
    });
    await h.call.place(call(randomUUID()));
    await h.connection.use({ kind: 'custom', baseUrl: serverA.url });
    await h.call.place(call(randomUUID()));
    expect(serverB.outboundRequests().at(-1)!.headers['x-api-key']).toBe(KEY_B);
    expect(serverA.outboundRequests().at(-1)!.headers['x-api-key']).toBe(KEY_A);
    await core.close();
  });

  it('removing a key deletes it from the keychain and calls then ask for one', async () => {
    const { h, core } = await newCore();
    const id = (await h.connection.use({ kind: 'custom', baseUrl: serverA.url })).activeProfile.id;
    await h.connection.saveKey({ profileId: id, apiKey: KEY_A });
    const status = await h.connection.removeKey({ profileId: id });
    expect(status.activeProfile).toMatchObject({ hasKey: false, keyHint: null });
    expect(await keychain.store.get(`profile:${id}`)).toBeNull();
    await expect(
      h.call.place({
        requestId: randomUUID(),
        toNumber: '+14155550132',
        fromNumberId: DEMO_IDS.numberSf,
        caller: { mode: 'auto' },
        contextVariables: [],
      }),
    ).rejects.toMatchObject({ appError: { code: 'no_key' } });
    expect((await h.directory.refresh()).refreshError).toMatch(/No API key/);
    await core.close();
  });

  it('refuses a plain-http base URL that is not loopback, on the field', async () => {
    const { h, core } = await newCore();
    await expect(h.connection.use({ kind: 'custom', baseUrl: 'http://api.example.com' })).rejects.toMatchObject({
      appError: { code: 'validation', fields: { baseUrl: expect.stringMatching(/https/) } },
    });
    await core.close();
  });

  it('lists the directory from the simulator: only active voice numbers', async () => {
    const { h, core } = await newCore();
    const dir = await h.directory.refresh();
    expect(dir.phoneNumbers.map((n: { id: string }) => n.id)).toEqual([DEMO_IDS.numberSf, DEMO_IDS.numberLondon]);
    expect(dir.agents).toHaveLength(3);
    expect(dir.unavailable).toEqual([]);
    await core.close();
  });

  it('closing waits for a directory refresh still running: its cache is on disk when close returns; a later request is refused', async () => {
    const { h, core, dir } = await newCore();
    const profileId = (await h.connection.use({ kind: 'custom', baseUrl: serverA.url })).activeProfile.id;
    await h.connection.saveKey({ profileId, apiKey: KEY_A });
    serverA.injectFault({ method: 'GET', path: '/v1/communication/phone-numbers', delayMs: 300 });
    const refreshing = h.directory.refresh();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the refresh is waiting for Feather
    await core.close();
    const cache = JSON.parse(await readFile(path.join(dir, 'directory.json'), 'utf8')) as {
      profiles: Record<string, { phoneNumbers: unknown[] }>;
    };
    expect(cache.profiles[profileId]?.phoneNumbers.length).toBeGreaterThan(0);
    await expect(refreshing).resolves.toMatchObject({ phoneNumbers: expect.any(Array) });
    expect(() => h.app.status()).toThrow(/closing/);
  });

  it('remembers the last caller after a call', async () => {
    const { h, core } = await newCore();
    await h.call.place({
      requestId: randomUUID(),
      toNumber: '020 7946 0958',
      fromNumberId: DEMO_IDS.numberLondon,
      caller: { mode: 'team', teamId: DEMO_IDS.teamSales },
      contextVariables: [],
    });
    // saved once the window has the call's answer
    await vi.waitFor(async () =>
      expect((await h.app.status()).lastCaller).toEqual({
        fromNumberId: DEMO_IDS.numberLondon,
        caller: { mode: 'team', teamId: DEMO_IDS.teamSales },
      }),
    );
    // another caller next time is remembered too (the same one again is not written again)
    await h.call.place({
      requestId: randomUUID(),
      toNumber: '020 7946 0959',
      fromNumberId: DEMO_IDS.numberLondon,
      caller: { mode: 'auto' },
      contextVariables: [],
    });
    await vi.waitFor(async () =>
      expect((await h.app.status()).lastCaller).toEqual({
        fromNumberId: DEMO_IDS.numberLondon,
        caller: { mode: 'auto' },
      }),
    );
    await core.close();
  });
});
