import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLauncherCore } from '../../electron/core/launcher-core';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS, DEMO_NUMBER_NAMES } from '../../electron/simulator/seed';
import { memorySecrets } from '../support/memory-secrets';

/**
 * `core.launch()` as main calls it for a link or the command line: names resolved in the connection in
 * use, one dial:request out (never a call), and on a very first start — no directory fetched yet — one
 * refresh first, or the names as typed when Feather cannot be reached.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function newCore(startDemo: () => Promise<Simulator>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-launch-'));
  const core = createLauncherCore({
    stores: confStoreFactory(dir),
    dataDir: dir,
    secrets: memorySecrets(),
    startSimulator: startDemo,
    demoNumberNames: DEMO_NUMBER_NAMES,
    localeRegion: 'US',
  });
  const events: Array<{ event: string; payload: unknown }> = [];
  core.events.subscribe((event, payload) => events.push({ event, payload }));
  cleanups.push(
    () => rm(dir, { recursive: true, force: true }),
    () => core.close(),
  );
  return { core, events };
}

describe('core.launch', () => {
  it('first start, nothing fetched yet: one refresh, then the names are IDs; one dial:request and no call', async () => {
    let simulator: Simulator | undefined;
    const { core, events } = await newCore(async () => (simulator = await startSimulator()));
    cleanups.push(async () => simulator?.close());
    const dial = await core.launch({
      source: 'link',
      to: '+14155550123',
      from: 'London office',
      agent: 'Sam',
      vars: { first_name: 'Zoë' },
    });
    expect(dial).toEqual({
      source: 'link',
      toNumber: '+14155550123',
      fromNumberId: DEMO_IDS.numberLondon,
      caller: { mode: 'agent', agentId: DEMO_IDS.agentSam },
      variables: { first_name: 'Zoë' },
    });
    expect(events.map((e) => e.event)).toEqual(['directory:changed', 'dial:request']);
    expect(events[1]!.payload).toMatchObject({ ...dial, surface: 'window' });
    expect(simulator!.outboundRequests()).toHaveLength(0);
    // the directory is known now: the next link does not fetch it again
    const listsBefore = simulator!.received.length;
    await core.launch({ source: 'cli', to: '+14155550124', team: 'sales' });
    expect(simulator!.received.length).toBe(listsBefore);
    expect(events.at(-1)!.payload).toMatchObject({ source: 'cli', caller: { mode: 'team', teamId: DEMO_IDS.teamSales } });
  });

  it('a card asked for before its window listens (a link that starts the app) waits in main, for that window, taken once', async () => {
    const { core } = await newCore(() => startSimulator());
    await core.launch({ source: 'link', to: '+14155550123' });
    core.requestDial({ source: 'hotkey', toNumber: '+14155550124' });
    expect(await core.handlers.call.takePending({ surface: 'window' })).toMatchObject({ source: 'link', toNumber: '+14155550123' });
    expect(await core.handlers.call.takePending({ surface: 'window' })).toBeNull();
    expect(await core.handlers.call.takePending({ surface: 'palette' })).toMatchObject({ source: 'hotkey', toNumber: '+14155550124' });
  });

  it('no key or no network for the connection in use: the card still opens, with the names as typed to pick from', async () => {
    const { core, events } = await newCore(() => startSimulator());
    await core.handlers.connection.use({ kind: 'custom', baseUrl: 'http://127.0.0.1:9' }); // a server with no key saved yet
    const before = events.length;
    const dial = await core.launch({ source: 'link', to: '+14155550123', agent: 'Riley', template: 'Reminder' });
    expect(dial).toEqual({ source: 'link', toNumber: '+14155550123', caller: { mode: 'agent', agentId: 'Riley' }, templateId: 'Reminder' });
    expect(events.slice(before).map((e) => e.event)).toEqual(['dial:request']);
    expect((await core.handlers.app.status()).activeProfile.kind).toBe('custom'); // and it stays the connection in use
  });

  it('a number and IDs only: no refresh needed; what the link says is checked again at core’s door', async () => {
    const { core, events } = await newCore(() => startSimulator());
    await core.launch({ source: 'link', to: '+14155550123', agent: DEMO_IDS.agentRiley });
    expect(events.map((e) => e.event)).toEqual(['dial:request']);
    await expect(core.launch({ source: 'link', to: '+1 415\n555' })).rejects.toThrow(/control characters/);
    await expect(core.launch({ source: 'link', to: '+14155550123', agent: 'A', team: 'B' })).rejects.toThrow(/not both/);
    await expect(core.launch({ source: 'tray', to: '1' } as never)).rejects.toThrow();
    expect(events).toHaveLength(1);
  });
});
