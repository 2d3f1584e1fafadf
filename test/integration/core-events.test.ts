import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLauncherCore } from '../../electron/core/launcher-core';
import { createEventBus } from '../../electron/core/event-bus';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import { emptyTemplateDraft } from '../../shared/templates/empty-template';
import { memorySecrets } from '../support/memory-secrets';

/** Main → renderer events: what each change emits, checked against the events contract. */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function newCore(options: { demoSamples?: boolean } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-events-'));
  let sim: Promise<Simulator> | undefined;
  const core = createLauncherCore({
    stores: confStoreFactory(dir),
    dataDir: dir,
    secrets: memorySecrets(),
    startSimulator: () => (sim ??= startSimulator()),
    localeRegion: 'US',
    ...options,
  });
  const events: Array<{ event: string; payload: unknown }> = [];
  core.events.subscribe((event, payload) => events.push({ event, payload }));
  const dispatch = createDispatcher(core.handlers, { trustedOrigins: ['app://feather'], validateResponses: true });
  const call = (channel: string, request: unknown = {}) =>
    dispatch({ url: 'app://feather/index.html', isMainFrame: true }, channel, request);
  cleanups.push(async () => {
    await core.close();
    if (sim) await (await sim).close();
    await rm(dir, { recursive: true, force: true });
  });
  return { core, events, call, names: () => events.map((e) => e.event) };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 120));

describe('main → renderer events', () => {
  it('a settings change sends the new status; a refused one sends nothing', async () => {
    const { call, events } = await newCore();
    expect((await call('app:setDefaultCountry', { country: 'ZZ' })).ok).toBe(false);
    expect(events).toHaveLength(0);
    await call('app:setDefaultCountry', { country: 'FR' });
    expect(events).toEqual([{ event: 'status:changed', payload: expect.objectContaining({ defaultCountry: 'FR' }) }]);
  });

  it('a saved or removed template sends the whole list', async () => {
    const { call, events } = await newCore();
    const saved = await call('templates:save', { draft: { ...emptyTemplateDraft(), name: 'Renewal' } });
    expect(saved.ok).toBe(true);
    // the whole list, then the status (it counts demo sample templates)
    expect(events.map((e) => e.event)).toEqual(['templates:changed', 'status:changed']);
    expect((events[0]!.payload as Array<{ name: string }>).map((t) => t.name)).toEqual(['Renewal']);
    await call('templates:remove', { id: (saved as { value: { id: string } }).value.id });
    expect(events.filter((e) => e.event === 'templates:changed').at(-1)).toEqual({ event: 'templates:changed', payload: [] });
  });

  it('contact edits send one contacts:changed per burst, with the count', async () => {
    const { call, names, events } = await newCore();
    for (const name of ['Ada', 'Grace', 'Alan'])
      await call('contacts:create', {
        draft: { ...emptyDraft(), displayName: name, phones: [{ label: 'mobile', raw: '+1 415 555 0100', doNotCall: false }] },
      });
    await settle();
    expect(names().filter((n) => n === 'contacts:changed')).toHaveLength(1);
    expect(events.find((e) => e.event === 'contacts:changed')?.payload).toEqual({ count: 3 });
  });

  it('a directory refresh sends the directory (and the status, which shows the detected API version); a placed call sends the new last caller', async () => {
    const { call, events, names } = await newCore();
    await call('directory:refresh');
    expect(names()).toEqual(['directory:changed', 'status:changed']);
    expect(events[0]!.payload).toMatchObject({ profileId: expect.any(String), directory: { apiVersion: '1.90' } });
    const placed = await call('call:place', {
      requestId: crypto.randomUUID(),
      toNumber: '+14155550132',
      defaultCountry: 'US',
      fromNumberId: DEMO_IDS.numberSf,
      caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley },
      contextVariables: [],
    });
    expect(placed.ok).toBe(true);
    // saved after the window has its answer, then announced
    await vi.waitFor(() => {
      const status = events.filter((e) => e.event === 'status:changed').at(-1)!.payload as { lastCaller: unknown };
      expect(status.lastCaller).toEqual({ fromNumberId: DEMO_IDS.numberSf, caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley } });
    });
  });

  it('a dial request from main (tray, hotkey, tel:) names the contact; the plan main makes for it reads that contact', async () => {
    const { core, call, events } = await newCore();
    const created = (await call('contacts:create', {
      draft: { ...emptyDraft(), displayName: 'Kim Lee', phones: [{ label: 'mobile', raw: '+1 415 555 0111', doNotCall: false }] },
    })) as { value: { id: string } };
    core.requestDial({ toNumber: '+14155550111', contactId: created.value.id, source: 'link' });
    expect(events.at(-1)).toEqual({
      event: 'dial:request',
      payload: { toNumber: '+14155550111', contactId: created.value.id, source: 'link', surface: 'window' }, // a link's card opens in the main window
    });
    const preview = (await call('call:preview', {
      toNumber: '+14155550111',
      contactId: created.value.id,
      fromNumberId: '',
      caller: { mode: 'auto' },
      contextVariables: [],
    })) as { value: { contact: { name: string; how: string } } };
    expect(preview.value.contact).toMatchObject({ name: 'Kim Lee', how: 'picked' });
    expect(() => core.requestDial({ toNumber: 'x'.repeat(500), source: 'link' })).toThrow();
  });
});

describe('first start in demo mode', () => {
  it('announces the sample templates and the status once they are seeded (a window that listed templates earlier is not left empty)', async () => {
    const { events, call } = await newCore({ demoSamples: true });
    await call('app:status');
    await settle();
    const templates = events.filter((e) => e.event === 'templates:changed').at(-1)?.payload as Array<{ sample?: boolean }> | undefined;
    expect(templates?.length).toBeGreaterThan(0);
    expect(templates!.every((t) => t.sample)).toBe(true);
    const status = events.filter((e) => e.event === 'status:changed').at(-1)?.payload as { samples: { templates: number } };
    expect(status.samples.templates).toBe(templates!.length);
  });
});

describe('the event bus', () => {
  it('never sends a payload that breaks the events contract, and one failing listener does not stop the others', () => {
    const errors: string[] = [];
    const bus = createEventBus({ onError: (event) => errors.push(event) });
    const got: string[] = [];
    bus.subscribe(() => {
      throw new Error('listener broke');
    });
    bus.subscribe((event) => got.push(event));
    bus.emit('contacts:changed', { count: -1 });
    expect(got).toEqual([]);
    bus.emit('contacts:changed', { count: 2 });
    expect(got).toEqual(['contacts:changed']);
    expect(errors).toEqual(['contacts:changed', 'contacts:changed']);
  });
});
