import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallIntent, DialDraft } from '../../shared/call-intent';
import type { CallPreview } from '../../shared/call-preview';
import type { AppStatus } from '../../shared/contract';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { createLauncherCore, type LauncherCore } from '../../electron/core/launcher-core';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { memorySecrets } from '../support/memory-secrets';

/**
 * Calling hours and number types through core and the dispatcher, with the core's clock fixed:
 * the preview lists what needs "Call anyway", `call:place` without it sends nothing, with it one
 * POST; a policy file blocks a type outright.
 */
const ORIGIN = 'app://feather';
const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true };
/** 22:40 in Madrid, 21:40 in London, a Tuesday */
const LATE = new Date('2026-03-10T21:40:00Z');
const running: Array<{ core: LauncherCore; sim: Promise<Simulator> | undefined }> = [];
afterAll(async () => {
  for (const r of running) {
    await r.core.close();
    await (await r.sim)?.close();
  }
});

async function start(options: { api?: '1.21' | '1.90'; policy?: string; now?: Date; clock?: { at: Date } } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-guards-'));
  if (options.policy !== undefined) await writeFile(path.join(dir, 'policy.json'), options.policy);
  const entry: { core: LauncherCore; sim: Promise<Simulator> | undefined } = { core: undefined as never, sim: undefined };
  entry.core = createLauncherCore({
    stores: confStoreFactory(dir),
    dataDir: dir,
    secrets: memorySecrets(),
    startSimulator: () => (entry.sim ??= startSimulator({ apiVersion: options.api ?? '1.90' })),
    localeRegion: 'US',
    now: () => options.clock?.at ?? options.now ?? LATE,
  });
  running.push(entry);
  const dispatch = createDispatcher(entry.core.handlers, { trustedOrigins: [ORIGIN], validateResponses: true });
  const call = async <T>(channel: string, request: unknown) =>
    (await dispatch(sender, channel, request)) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  await call('directory:refresh', {});
  const sim = (await entry.sim)!;
  const draft = (patch: Partial<DialDraft> = {}): DialDraft => ({
    toNumber: '',
    fromNumberId: DEMO_IDS.numberSf,
    caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley },
    contextVariables: [],
    ...patch,
  });
  return {
    sim,
    core: entry.core,
    call,
    draft,
    async preview(patch: Partial<DialDraft>): Promise<CallPreview> {
      const r = await call<CallPreview>('call:preview', draft(patch));
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    },
    place: (patch: Partial<CallIntent>) => call('call:place', { ...draft(patch), requestId: randomUUID(), ...patch }),
  };
}

async function addMaria(app: Awaited<ReturnType<typeof start>>) {
  return app.core.handlers.contacts.create({
    draft: {
      ...emptyDraft(),
      firstName: 'Maria',
      lastName: 'García',
      timeZone: 'Europe/Madrid',
      phones: [{ label: 'mobile', raw: '+34 612 345 678', doNotCall: false }],
    },
  });
}

describe('calling hours, Feather API 1.90', () => {
  it('the preview says only “Call now” needs confirming; a plain Call is queued without it', async () => {
    const app = await start({ api: '1.90' });
    await addMaria(app);
    const p = await app.preview({ toNumber: '+34 612 345 678' });
    expect(p.ok).toBe(true);
    expect(p.calleeTime).toEqual({ text: '22:40 Tue · Europe/Madrid — outside your calling hours', known: true, outsideHours: true });
    expect(p.confirmations).toEqual([
      {
        kind: 'outside_hours',
        callNowOnly: true,
        message: expect.stringMatching(
          /^It is 22:40 for Maria \(Europe\/Madrid\), outside your calling hours \(08:00–21:00, every day\)\. A plain Call waits/,
        ),
      },
    ]);
    const plain = await app.place({ toNumber: '+34 612 345 678', armedWith: p.digest });
    expect(plain).toMatchObject({ ok: true, value: { queued: true } });
    expect(app.sim.outboundRequests()).toHaveLength(1);
  });

  it('“Call now” without the confirmation sends nothing; with it, one POST with instant', async () => {
    const app = await start({ api: '1.90' });
    await addMaria(app);
    const refused = await app.place({ toNumber: '+34 612 345 678', instant: true });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'needs_confirmation', message: expect.stringMatching(/It is 22:40 for Maria/) },
    });
    expect(app.sim.outboundRequests()).toHaveLength(0);
    const placed = await app.place({ toNumber: '+34 612 345 678', instant: true, confirmed: ['outside_hours'] });
    expect(placed).toMatchObject({ ok: true, value: { instant: true } });
    expect(app.sim.outboundRequests()).toHaveLength(1);
    expect(app.sim.outboundRequests()[0]!.body).toMatchObject({ to_phone_number: '+34612345678', instant: true });
  });

  it('a card armed before the hours ended: “Call now” is sent back to review (plan_changed, nothing sent); a plain Call still queues', async () => {
    const clock = { at: new Date('2026-03-10T19:59:00Z') }; // 20:59 in Madrid
    const app = await start({ api: '1.90', clock });
    await addMaria(app);
    const armed = await app.preview({ toNumber: '+34 612 345 678' });
    expect(armed.confirmations).toEqual([]);
    clock.at = LATE; // the card stayed open until 22:40
    const refused = await app.place({ toNumber: '+34 612 345 678', instant: true, armedWith: armed.digest });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'plan_changed', message: expect.stringMatching(/now needs your confirmation\. It is 22:40/) },
    });
    expect(app.sim.outboundRequests()).toHaveLength(0);
    expect(await app.place({ toNumber: '+34 612 345 678', armedWith: armed.digest })).toMatchObject({ ok: true, value: { queued: true } });
    expect(app.sim.outboundRequests()).toHaveLength(1);
  });
});

describe('calling hours, Feather API 1.21', () => {
  it('every call outside hours needs “Call anyway”: without it nothing is sent, with it one POST', async () => {
    const app = await start({ api: '1.21' });
    await addMaria(app);
    const p = await app.preview({ toNumber: '+34 612 345 678' });
    expect(p.apiVersion).toBe('1.21');
    expect(p.confirmations).toEqual([
      expect.objectContaining({ kind: 'outside_hours', callNowOnly: false, message: expect.stringMatching(/the call rings at once\.$/) }),
    ]);
    expect(await app.place({ toNumber: '+34 612 345 678' })).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
    expect(app.sim.outboundRequests()).toHaveLength(0);
    expect(await app.place({ toNumber: '+34 612 345 678', confirmed: ['outside_hours'] })).toMatchObject({ ok: true });
    expect(app.sim.outboundRequests()).toHaveLength(1);
  });

  it('a US number with no contact zone: some of its zones inside the hours, some not — the card says so, and nothing is asked', async () => {
    const app = await start({ api: '1.21', now: new Date('2026-03-10T13:00:00Z') }); // 09:00 in New York, 06:00 in Los Angeles
    const p = await app.preview({ toNumber: '(415) 555-0132' });
    expect(p.calleeTime).toMatchObject({
      known: false,
      text: expect.stringMatching(/^Not known: .* across the country’s time zones, some outside your calling hours\./),
    });
    expect(p.confirmations).toEqual([]);
    expect(await app.place({ toNumber: '(415) 555-0132' })).toMatchObject({ ok: true });
  });

  it('a US number at night in every US zone needs “Call anyway” like a known zone: without it nothing is sent', async () => {
    const app = await start({ api: '1.21', now: new Date('2026-03-10T09:00:00Z') }); // 05:00 in New York … 23:00 in Honolulu
    const p = await app.preview({ toNumber: '(415) 555-0132' });
    expect(p.confirmations).toEqual([expect.objectContaining({ kind: 'outside_hours', callNowOnly: false })]);
    expect(await app.place({ toNumber: '(415) 555-0132' })).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
    expect(app.sim.outboundRequests()).toHaveLength(0);
    expect(await app.place({ toNumber: '(415) 555-0132', confirmed: ['outside_hours'] })).toMatchObject({ ok: true });
    expect(app.sim.outboundRequests()).toHaveLength(1);
  });
});

describe('number types', () => {
  it('premium-rate (+1 900) needs “Call anyway” on every version: the preview says so; place without it sends nothing', async () => {
    const app = await start({ api: '1.90', now: new Date('2026-03-10T15:00:00Z') });
    const p = await app.preview({ toNumber: '+1 900 234 5678' });
    expect(p.ok).toBe(true);
    expect(p.confirmations).toEqual([
      { kind: 'premium_rate', callNowOnly: false, message: expect.stringMatching(/is a premium-rate number/) },
    ]);
    expect(await app.place({ toNumber: '+1 900 234 5678' })).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
    expect(await app.place({ toNumber: '+1 900 234 5678', instant: true, confirmed: ['outside_hours'] })).toMatchObject({ ok: false });
    expect(app.sim.outboundRequests()).toHaveLength(0);
    expect(await app.place({ toNumber: '+1 900 234 5678', confirmed: ['premium_rate'] })).toMatchObject({ ok: true });
    expect(app.sim.outboundRequests()).toHaveLength(1);
  });

  it('after an unknown outcome, a new card needs both confirmations: “maybe already called” and the number type', async () => {
    const app = await start({ api: '1.90', now: new Date('2026-03-10T15:00:00Z') });
    app.sim.injectFault({ path: '/v1/voice/outbound', status: 502 });
    expect(await app.place({ toNumber: '+1 900 234 5678', confirmed: ['premium_rate'] })).toMatchObject({
      ok: false,
      error: { code: 'outcome_unknown' },
    });
    app.sim.clearFaults();
    const before = app.sim.outboundRequests().length;
    expect(await app.place({ toNumber: '+1 900 234 5678', confirmUncertain: true })).toMatchObject({
      ok: false,
      error: { code: 'needs_confirmation' },
    });
    expect(await app.place({ toNumber: '+1 900 234 5678', confirmed: ['premium_rate'] })).toMatchObject({
      ok: false,
      error: { code: 'recently_uncertain' },
    });
    expect(app.sim.outboundRequests()).toHaveLength(before);
    expect(await app.place({ toNumber: '+1 900 234 5678', confirmUncertain: true, confirmed: ['premium_rate'] })).toMatchObject({
      ok: true,
    });
    expect(app.sim.outboundRequests()).toHaveLength(before + 1);
  });

  it('international numbers are asked about once the preference says so', async () => {
    const app = await start({ now: new Date('2026-03-10T12:00:00Z') });
    expect((await app.preview({ toNumber: '+49 30 1234567' })).confirmations).toEqual([]);
    const status = await app.call<AppStatus>('app:setPreferences', { guards: { flagInternational: true } });
    expect(status).toMatchObject({ ok: true, value: { preferences: { guards: { flagInternational: true } } } });
    expect((await app.preview({ toNumber: '+49 30 1234567' })).confirmations.map((c) => c.kind)).toEqual(['international']);
  });

  it('a policy file blocks a type outright: a problem on To number, no override; the status shows it', async () => {
    const app = await start({
      policy: JSON.stringify({ format: 'feather-launcher-policy', version: 1, blockNumberTypes: ['premium-rate', 'shared-cost'] }),
      now: new Date('2026-03-10T15:00:00Z'),
    });
    const p = await app.preview({ toNumber: '+44 906 123 4567' });
    expect(p.ok).toBe(false);
    expect(p.problems.toNumber).toMatch(
      /^Not allowed: \+44 906 123 4567 is a premium-rate number, and your organisation’s policy \(.*policy\.json\) does not allow/,
    );
    const refused = await app.place({ toNumber: '+44 906 123 4567', confirmed: ['premium_rate', 'international', 'outside_hours'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(app.sim.outboundRequests()).toHaveLength(0);
    const status = await app.call<AppStatus>('app:status', {});
    expect(status.ok && status.value.preferences.policy).toEqual({
      path: expect.stringMatching(/policy\.json$/),
      blockedTypes: ['premium-rate', 'shared-cost'],
    });
  });

  it('a broken policy file is a notice, and premium-rate and shared-cost numbers are blocked until it is fixed', async () => {
    const app = await start({ policy: '{ "format": "feather-launcher-policy", "version": 1, "blockNumberTypes": ["premium"] }' });
    const status = await app.call<AppStatus>('app:status', {});
    expect(status.ok && status.value.notices.join('\n')).toMatch(/policy\.json cannot be used: blockNumberTypes\.0/);
    expect(status.ok && status.value.preferences.policy?.blockedTypes).toEqual(['premium-rate', 'shared-cost']);
    expect((await app.preview({ toNumber: '+1 900 234 5678' })).problems.toNumber).toMatch(
      /cannot be used, so premium-rate numbers are blocked/,
    );
    expect((await app.preview({ toNumber: '(415) 555-0132' })).ok).toBe(true);
  });
});
