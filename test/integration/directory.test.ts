import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { createLauncherCore } from '../../electron/core/launcher-core';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_NUMBER_NAMES } from '../../electron/simulator/seed';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { testKeychain } from '../support/test-keychain';

const keychain = testKeychain();
const servers: Simulator[] = [];
afterEach(async () => {
  await keychain.cleanup();
  for (const s of servers.splice(0)) await s.close();
});
const KEY = 'fth_live_directorytestkey0001';
const user = { user_id: 'u', role: 'member', email: 'u@example.com', display_name: 'U' };

async function setup(options: Parameters<typeof startSimulator>[0] = {}, key = KEY) {
  const server = await startSimulator({ ...options, keys: [{ key, user }] });
  servers.push(server);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-dir-'));
  const core = createLauncherCore({
    stores: confStoreFactory(dir),
    dataDir: dir,
    secrets: keychain.store,
    startSimulator: () => startSimulator(),
  });
  const status = await core.handlers.connection.use({ kind: 'custom', baseUrl: server.url });
  await core.handlers.connection.saveKey({ profileId: status.activeProfile.id, apiKey: key });
  return { server, dir, core, h: core.handlers, profileId: status.activeProfile.id };
}

describe('discovery with an offline cache', () => {
  it.each(['1.21', '1.90'] as const)(
    'API %s: lists active voice numbers, their outbound bindings, agents, teams and declared variables',
    async (apiVersion) => {
      const { h, server } = await setup({ apiVersion });
      const d = await h.directory.refresh();
      expect(d.refreshError).toBeNull();
      expect(d.apiVersion).toBe(apiVersion);
      expect((await h.app.status()).activeProfile.apiVersion).toBe(apiVersion);
      // Feather numbers have no names: E.164 until the user names one
      expect(d.phoneNumbers.map((n) => n.label)).toEqual(['+14155550100', '+442079460958']);
      expect(d.phoneNumbers[0]).toMatchObject({ e164: '+14155550100', capabilities: ['voice', 'sms'], status: 'active', localName: null });
      // main formats numbers for the pickers: the window has no phone metadata
      expect(d.phoneNumbers.map((n) => n.international)).toEqual(['+1 415 555 0100', '+44 20 7946 0958']);
      expect(d.bindings[DEMO_IDS.numberSf]).toEqual({
        agentIds: [DEMO_IDS.agentRiley, DEMO_IDS.agentMorgan],
        teamIds: [DEMO_IDS.teamFrontDesk],
        agentRevisions: {},
      });
      expect(d.bindings[DEMO_IDS.numberLondon]).toMatchObject({ agentIds: [DEMO_IDS.agentSam], teamIds: [DEMO_IDS.teamSales] });
      expect(d.agents.map((a) => a.label)).toContain('Riley — Appointment reminders');
      expect(d.variables[DEMO_IDS.agentRiley]!.find((v) => v.name === 'clinic')).toMatchObject({
        type: 'enum',
        enumValues: ['Downtown', 'Uptown', 'Harbor'],
      });
      expect(d.variables[DEMO_IDS.agentRiley]!.find((v) => v.name === 'call_started_at')!.source).toBe('system');
      expect(d.fetchedAt).not.toBeNull();
      // the spec's own filters on the lists
      const numbers = server.received.find((r) => r.path === '/v1/communication/phone-numbers')!;
      expect(numbers.query).toMatchObject({ capability: 'voice', status: 'active' });
      expect(server.received.find((r) => r.path.endsWith('/channels'))!.query).toMatchObject({ channel_type: 'outbound_call' });
      if (apiVersion === '1.90') {
        expect(d.revisionVariables[DEMO_IDS.revisionSamPinned]!.map((v) => v.name)).toEqual(['first_name', 'visit_rating']);
        expect(server.received.some((r) => r.path === '/v1/agents')).toBe(false);
      } else {
        // 1.21 has no /v1/assistants: one 404, then /v1/agents — and the version is remembered
        expect(server.received.filter((r) => r.path === '/v1/assistants')).toHaveLength(1);
        await h.directory.refresh();
        expect(server.received.filter((r) => r.path === '/v1/assistants')).toHaveLength(1);
      }
    },
  );

  it('a 403 on one list (a role without that permission) marks that list only; the rest, and the version, still arrive', async () => {
    const { h, server } = await setup();
    server.injectFault({
      path: '/v1/teams',
      status: 403,
      body: { error: 'forbidden', message: 'Missing permission teams:read', retryable: false, retry_after: null },
    });
    const d = await h.directory.refresh();
    expect(d.refreshError).toBeNull();
    expect(d.unavailable).toEqual(['teams (not allowed for this key)']);
    expect(d.apiVersion).toBe('1.90');
    expect(d.agents).toHaveLength(3);
  });

  it('requests each list once per refresh, however many callers ask at the same time', async () => {
    const { h, server } = await setup();
    const before = server.received.length;
    await Promise.all([h.directory.refresh(), h.directory.refresh(), h.directory.refresh()]);
    const paths = server.received.slice(before).map((r) => r.path);
    expect(paths.length).toBe(new Set(paths).size);
    expect(paths.filter((p) => p === '/v1/assistants')).toHaveLength(1);
  });

  it('names numbers locally, per profile, and keeps the names across refreshes and restarts', async () => {
    const { h, dir } = await setup();
    await h.directory.refresh();
    const named = await h.directory.nameNumber({ id: DEMO_IDS.numberLondon, name: '  London   office ' });
    expect(named.phoneNumbers.find((n) => n.id === DEMO_IDS.numberLondon)).toMatchObject({
      label: '+442079460958 · London office',
      localName: 'London office',
    });
    await expect(h.directory.nameNumber({ id: DEMO_IDS.numberSf, name: 'london office' })).rejects.toMatchObject({
      appError: { code: 'validation' },
    });
    expect((await h.directory.refresh()).phoneNumbers.find((n) => n.id === DEMO_IDS.numberLondon)!.localName).toBe('London office');
    const again = createLauncherCore({
      stores: confStoreFactory(dir),
      dataDir: dir,
      secrets: keychain.store,
      startSimulator: () => startSimulator(),
    });
    expect((await again.handlers.directory.list()).phoneNumbers.find((n) => n.id === DEMO_IDS.numberLondon)!.label).toBe(
      '+442079460958 · London office',
    );
    expect(
      (await h.directory.nameNumber({ id: DEMO_IDS.numberLondon, name: '' })).phoneNumbers.find((n) => n.id === DEMO_IDS.numberLondon)!
        .label,
    ).toBe('+442079460958');
  });

  it('demo mode starts with names for the demo numbers (handed to core by whoever runs the simulator)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-dir-'));
    const core = createLauncherCore({
      stores: confStoreFactory(dir),
      dataDir: dir,
      secrets: keychain.store,
      startSimulator: () => startSimulator(),
      demoNumberNames: DEMO_NUMBER_NAMES,
    });
    try {
      const d = await core.handlers.directory.refresh();
      expect(d.phoneNumbers.map((n) => n.label)).toEqual(['+14155550100 · San Francisco main line', '+442079460958 · London office']);
    } finally {
      await core.close();
    }
  });

  it('migrates a version-1 cache (before local names and API versions)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-dir-'));
    const { writeFile } = await import('node:fs/promises');
    const entry = {
      fetchedAt: '2026-11-01T10:00:00.000Z',
      phoneNumbers: [{ id: DEMO_IDS.numberSf, label: '+14155550100', manual: false }],
      agents: [],
      teams: [],
      bindings: { [DEMO_IDS.numberSf]: { agentIds: [], teamIds: [] } },
      variables: {},
      unavailable: [],
    };
    await writeFile(path.join(dir, 'directory.json'), JSON.stringify({ schemaVersion: 1, profiles: { simulator: entry } }));
    const core = createLauncherCore({
      stores: confStoreFactory(dir),
      dataDir: dir,
      secrets: keychain.store,
      startSimulator: () => startSimulator(),
    });
    const d = await core.handlers.directory.list();
    expect(d).toMatchObject({
      apiVersion: null,
      fetchedAt: '2026-11-01T10:00:00.000Z',
      bindings: { [DEMO_IDS.numberSf]: { agentRevisions: {} } },
    });
    expect((await core.handlers.app.status()).notices).toEqual([]);
  });

  it('works from the cache when the server is gone, and says why it is not fresh', async () => {
    const { h, server, dir } = await setup();
    await h.directory.refresh();
    await server.close();
    const offline = await h.directory.refresh();
    expect(offline.refreshError).toMatch(/could not be reached/);
    expect(offline.phoneNumbers).toHaveLength(2);
    // a fresh start (new process) reads the cache from disk
    const again = createLauncherCore({
      stores: confStoreFactory(dir),
      dataDir: dir,
      secrets: keychain.store,
      startSimulator: () => startSimulator(),
    });
    expect((await again.handlers.directory.list()).agents).toHaveLength(3);
  });

  it('falls back to manual entries where a list endpoint is missing (404), and keeps them across refreshes', async () => {
    const { h } = await setup({ missingEndpoints: ['/v1/teams', '/v1/communication/phone-numbers'] });
    const d = await h.directory.refresh();
    expect(d.unavailable).toEqual(['phone numbers', 'teams']);
    expect(d.phoneNumbers).toEqual([]);
    expect(d.agents).toHaveLength(3); // what does exist is still used
    await expect(h.directory.addManual({ kind: 'phoneNumber', label: 'Main line', id: 'main-line' })).rejects.toMatchObject({
      appError: { fields: { id: expect.stringMatching(/UUID/) } },
    });
    await h.directory.addManual({ kind: 'phoneNumber', label: 'Main line', id: DEMO_IDS.numberSf.toUpperCase() });
    await h.directory.addManual({ kind: 'team', label: 'Front desk', id: DEMO_IDS.teamFrontDesk });
    const after = await h.directory.refresh();
    expect(after.phoneNumbers).toEqual([{ id: DEMO_IDS.numberSf, label: 'Main line', manual: true }]);
    // a number saved by hand is renamed in place
    expect((await h.directory.nameNumber({ id: DEMO_IDS.numberSf, name: 'Front line' })).phoneNumbers[0]!.label).toBe('Front line');
    expect(after.teams).toEqual([{ id: DEMO_IDS.teamFrontDesk, label: 'Front desk', manual: true }]);
    expect((await h.directory.removeManual({ kind: 'team', id: DEMO_IDS.teamFrontDesk })).teams).toEqual([]);
  });

  it('keeps profiles apart: each has its own cache and its own key on every request', async () => {
    const a = await setup({}, 'fth_live_profileAAAAAAAAAAAA');
    const seed = (await import('../../electron/simulator/seed')).demoSeed();
    seed.agents = seed.agents.slice(0, 1);
    const b = await startSimulator({ seed, keys: [{ key: 'fth_live_profileBBBBBBBBBBBB', user }] });
    servers.push(b);
    const second = await a.h.connection.addProfile({ name: 'Production', baseUrl: b.url });
    await a.h.connection.saveKey({ profileId: second.activeProfile.id, apiKey: 'fth_live_profileBBBBBBBBBBBB' });
    expect((await a.h.directory.refresh()).agents).toHaveLength(1);
    await a.h.connection.switchProfile({ profileId: a.profileId });
    expect((await a.h.directory.list()).agents).toHaveLength(0); // not refreshed yet on A: nothing leaks from B
    expect((await a.h.directory.refresh()).agents).toHaveLength(3);
    expect(new Set(a.server.received.map((r) => r.headers['x-api-key']))).toEqual(new Set(['fth_live_profileAAAAAAAAAAAA']));
    expect(new Set(b.received.map((r) => r.headers['x-api-key']))).toEqual(new Set(['fth_live_profileBBBBBBBBBBBB']));
    // removing a custom profile removes its key and cache
    await a.h.connection.removeProfile({ profileId: second.activeProfile.id });
    expect(await keychain.store.get(`profile:${second.activeProfile.id}`)).toBeNull();
  });
});
