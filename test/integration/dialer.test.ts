import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDialer } from '../../electron/core/calls/dialer';
import { createFeatherClient } from '../../electron/core/feather/feather-client';
import { nodeHttpTransport } from '../../electron/core/feather/http-transport';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import type { CallIntent } from '../../shared/call-intent';
import type { ApiVersion } from '../../shared/feather-api';
import { planCall } from '../../electron/core/calls/call-plan';
import type { DialerDeps } from '../../electron/core/calls/dialer';

/** The dialer's plan without a directory (or with only the API version), numbers read as US. */
const planAs =
  (apiVersion: ApiVersion | null = null): DialerDeps['plan'] =>
  async (intent, idempotencyKey) => ({
    plan: planCall({
      intent: { ...intent, defaultCountry: 'US', oneOff: undefined },
      directory: apiVersion
        ? {
            apiVersion,
            phoneNumbers: [],
            agents: [],
            teams: [],
            bindings: {},
            variables: {},
            revisionVariables: {},
            unavailable: [],
            fetchedAt: null,
          }
        : null,
      context: { contact: null, user: { name: null }, now: new Date() },
      idempotencyKey,
    }),
    apiVersion,
    contactId: null,
    changed: false,
    profileId: 'test',
  });

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.clearFaults());

const dialer = (timeoutMs = 2000) =>
  createDialer({
    plan: planAs(),
    client: async () => createFeatherClient({ baseUrl: sim.url, apiKey: sim.demoKey, transport: nodeHttpTransport, timeoutMs }),
  });
const intent = (patch: Partial<CallIntent> = {}): CallIntent => ({
  requestId: randomUUID(),
  toNumber: '415 555 0132',
  fromNumberId: DEMO_IDS.numberSf,
  caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley },
  contextVariables: [],
  ...patch,
});
const posts = () => sim.outboundRequests().length;

describe('dialer: one request id places at most one call', () => {
  it('the same intent submitted twice at once places one call (double click, Enter held down)', async () => {
    sim.injectFault({ path: '/v1/voice/outbound', delayMs: 200 });
    const d = dialer();
    const before = posts();
    const call = intent();
    const [a, b, c] = await Promise.all([d.place(call), d.place(call), d.place({ ...call })]);
    expect(posts() - before).toBe(1);
    expect(a.sessionId).toBe(b.sessionId);
    expect(c.sessionId).toBe(a.sessionId);
  });

  it('submitting a placed request id again returns the first result instead of calling again', async () => {
    const d = dialer();
    const call = intent();
    const first = await d.place(call);
    const before = posts();
    const again = await d.place(call);
    expect(posts()).toBe(before);
    expect(again).toEqual(first);
  });

  it('different request ids are different calls', async () => {
    const d = dialer();
    const before = posts();
    await d.place(intent());
    await d.place(intent());
    expect(posts() - before).toBe(2);
  });

  it('after "outcome unknown" the same request id never posts again', async () => {
    const d = dialer(300);
    const call = intent();
    sim.injectFault({ path: '/v1/voice/outbound', delayMs: 1000 });
    await expect(d.place(call)).rejects.toMatchObject({ appError: { code: 'outcome_unknown' } });
    const before = posts();
    await expect(d.place(call)).rejects.toMatchObject({ appError: { code: 'outcome_unknown' } });
    expect(posts()).toBe(before);
  });

  it('a call that certainly did not go out may be tried again with the same card', async () => {
    const d = dialer();
    const call = intent();
    sim.injectFault({ path: '/v1/voice/outbound', status: 429, headers: { 'retry-after': '1' } });
    await expect(d.place(call)).rejects.toMatchObject({ appError: { code: 'rate_limited' } });
    const result = await d.place(call);
    expect(result.sessionId).toBeTruthy();
  });

  it('invalid input is refused before anything is sent', async () => {
    const before = posts();
    await expect(dialer().place(intent({ toNumber: '555' }))).rejects.toMatchObject({
      appError: { code: 'validation', fields: { toNumber: expect.stringMatching(/Too short/) } },
    });
    expect(posts()).toBe(before);
  });

  it('maps a 422 on a context variable back to its row', async () => {
    const call = intent({
      contextVariables: [
        { key: 'clinic', value: 'Harbor' },
        { key: 'favourite_colour', value: 'blue' },
      ],
    });
    await expect(dialer().place(call)).rejects.toMatchObject({
      appError: { code: 'validation', fields: { 'contextVariables.1': expect.stringMatching(/Unknown context variable/) } },
    });
  });
});

describe('dialer on API 1.90: queued calls, idempotency key, safe resend', () => {
  const dialer190 = (version: '1.21' | '1.90', more: Partial<DialerDeps> = {}) =>
    createDialer({
      client: async () => createFeatherClient({ baseUrl: sim.url, apiKey: sim.demoKey, transport: nodeHttpTransport, timeoutMs: 2000 }),
      plan: planAs(version),
      ...more,
    });

  it('a queued answer is placed (queued), with when it expires; when it may dial follows from Feather after the answer', async () => {
    const windows: Array<{ requestId: string; eligibleAt: string | null; queueExpiresAt: string | null }> = [];
    const d = dialer190('1.90', { onQueueWindow: (requestId, w) => windows.push({ requestId, ...w }) });
    const result = await d.place(intent({ expiresInSeconds: 3600 }));
    expect(result).toMatchObject({ queued: true, roomName: null, dispatchId: null, instant: false, detailsUnknown: false });
    expect(Date.parse(result.queueExpiresAt!) - Date.parse(result.placedAt)).toBeGreaterThan(3500_000);
    await d.idle();
    expect(windows).toEqual([{ requestId: result.requestId, eligibleAt: expect.any(String), queueExpiresAt: expect.any(String) }]);
    expect(Date.parse(windows[0]!.eligibleAt!)).toBeGreaterThan(Date.now() - 1000);
    const sent = sim.outboundRequests().at(-1)!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ expires_in_seconds: 3600 });
    expect(sent.idempotency_key).toBe(result.requestId);
  });

  it('"Call now" sends instant and is dialled at once', async () => {
    const result = await dialer190('1.90').place(intent({ instant: true }));
    expect(result).toMatchObject({ queued: false, instant: true, roomName: expect.stringMatching(/^outbound-/) });
  });

  it('after a dropped connection, a resend of the same card gets the same queued envelope — one call, not two', async () => {
    const d = dialer190('1.90');
    const call = intent();
    const calls = sim.conversations.length;
    sim.injectFault({ path: '/v1/voice/outbound', reset: true });
    await expect(d.place(call)).rejects.toMatchObject({ appError: { code: 'outcome_unknown', resendable: true } });
    expect(sim.conversations.length).toBe(calls + 1); // the server did place it
    const [a, b] = await Promise.all([d.resend(call.requestId), d.resend(call.requestId)]);
    expect(a).toMatchObject({ queued: true, replayed: true, sessionId: sim.conversations.at(-1)!.id });
    expect(b).toEqual(a);
    expect(sim.conversations.length).toBe(calls + 1);
    const sent = sim
      .outboundRequests()
      .slice(-2)
      .map((r) => r.body);
    expect(sent[0]).toEqual(sent[1]); // exactly the same request, key included
  });

  it('on 1.21 there is no resend, and no idempotency key is sent', async () => {
    const d = dialer190('1.21');
    const call = intent();
    sim.injectFault({ path: '/v1/voice/outbound', reset: true });
    await expect(d.place(call)).rejects.toMatchObject({ appError: { code: 'outcome_unknown', resendable: false } });
    const before = posts();
    await expect(d.resend(call.requestId)).rejects.toMatchObject({ appError: { code: 'validation' } });
    expect(posts()).toBe(before);
    expect(sim.outboundRequests().at(-1)!.body).not.toHaveProperty('idempotency_key');
  });

  it('after a certain "not placed" (429), the same card tries again with a fresh idempotency key', async () => {
    const d = dialer190('1.90');
    const call = intent();
    sim.injectFault({ path: '/v1/voice/outbound', status: 429, headers: { 'retry-after': '1' } });
    await expect(d.place(call)).rejects.toMatchObject({ appError: { code: 'rate_limited' } });
    await d.place(call);
    const keys = sim
      .outboundRequests()
      .slice(-2)
      .map((r) => (r.body as { idempotency_key: string }).idempotency_key);
    expect(keys).toEqual([call.requestId, `${call.requestId}-r1`]);
  });

  it('a 5xx after the request is outcome unknown, final for the card', async () => {
    const d = dialer190('1.21');
    const call = intent();
    sim.injectFault({ path: '/v1/voice/outbound', status: 502 });
    await expect(d.place(call)).rejects.toMatchObject({ appError: { code: 'outcome_unknown', httpStatus: 502 } });
    const before = posts();
    await expect(d.place(call)).rejects.toMatchObject({ appError: { code: 'outcome_unknown' } });
    expect(posts()).toBe(before);
  });

  it('the bookkeeping runs after the answer; its failure is a late notice for the placed card, never a failure', async () => {
    const order: string[] = [];
    const late: Array<{ requestId: string; notice: string }> = [];
    const d = dialer190('1.90', {
      onPlaced: () => {
        order.push('bookkeeping');
        throw new Error('ENOSPC: no space left on device');
      },
      onLateNotice: (requestId, notice) => late.push({ requestId, notice }),
    });
    const result = await d.place(intent()).then((r) => (order.push('answer'), r));
    expect(result.sessionId).toBeTruthy();
    expect(result.notices.join(' ')).not.toMatch(/saving/);
    await d.idle();
    expect(order).toEqual(['answer', 'bookkeeping']);
    expect(late).toEqual([{ requestId: result.requestId, notice: expect.stringMatching(/placed, but saving it on this computer failed/) }]);
  });

  it('the history entry is written before the answer: the one write a placed call waits for', async () => {
    const order: string[] = [];
    const d = dialer190('1.90', {
      onAttempt: (report) => order.push(`history ${report.result ? 'placed' : 'not placed'}`),
      onPlaced: () => void order.push('bookkeeping'),
    });
    await d.place(intent()).then(() => order.push('answer'));
    await d.idle();
    expect(order).toEqual(['history placed', 'answer', 'bookkeeping']);
  });
});

describe('recently-uncertain guard: a number whose last call had an unknown outcome', () => {
  const make = (clock: { t: number }, saved: { calls: Array<{ e164: string; at: string; requestId: string }> }) =>
    createDialer({
      plan: planAs(),
      client: async () => createFeatherClient({ baseUrl: sim.url, apiKey: sim.demoKey, transport: nodeHttpTransport, timeoutMs: 2000 }),
      now: () => new Date(clock.t),
      uncertain: { load: () => saved.calls, save: (calls) => (saved.calls = calls) },
    });

  it('needs an explicit confirmation for 10 minutes, for every new card to that number, across a restart', async () => {
    const clock = { t: Date.now() };
    const saved = { calls: [] as Array<{ e164: string; at: string; requestId: string }> };
    const d = make(clock, saved);
    sim.injectFault({ path: '/v1/voice/outbound', status: 504 });
    await expect(d.place(intent())).rejects.toMatchObject({ appError: { code: 'outcome_unknown' } });
    const before = posts();
    const second = intent();
    await expect(d.place(second)).rejects.toMatchObject({
      appError: {
        code: 'recently_uncertain',
        uncertainAt: expect.any(String),
        message: expect.stringMatching(/A call to this number at \d\d:\d\d may have been placed/),
      },
    });
    // the same number typed another way is the same number
    await expect(d.place(intent({ toNumber: '+1 (415) 555-0132' }))).rejects.toMatchObject({ appError: { code: 'recently_uncertain' } });
    expect(posts()).toBe(before);
    // another number is not affected
    await d.place(intent({ toNumber: '415 555 0199' }));
    // a restart keeps the guard
    const restarted = make(clock, saved);
    await expect(restarted.place(intent())).rejects.toMatchObject({ appError: { code: 'recently_uncertain' } });
    // the explicit confirmation (a distinct button in the UI) lets the same card through, once
    const confirmed = await restarted.place({ ...second, confirmUncertain: true });
    expect(confirmed.sessionId).toBeTruthy();
    // ten minutes later the guard is gone
    clock.t += 10 * 60_000 + 1;
    await make(clock, saved).place(intent());
  });

  it('is lifted when a safe resend (1.90) learns the outcome', async () => {
    const saved = { calls: [] as Array<{ e164: string; at: string; requestId: string }> };
    const d = createDialer({
      client: async () => createFeatherClient({ baseUrl: sim.url, apiKey: sim.demoKey, transport: nodeHttpTransport, timeoutMs: 2000 }),
      plan: planAs('1.90'),
      uncertain: { load: () => saved.calls, save: (calls) => (saved.calls = calls) },
    });
    const call = intent({ toNumber: '415 555 0177' });
    sim.injectFault({ path: '/v1/voice/outbound', reset: true });
    await expect(d.place(call)).rejects.toMatchObject({ appError: { code: 'outcome_unknown' } });
    // the guard (the note written before the POST goes once the answer is out)
    expect(saved.calls.filter((c) => !('placing' in c))).toHaveLength(1);
    await d.resend(call.requestId);
    expect(d.uncertainAbout('+14155550177')).toBeNull();
    await d.close();
    expect(saved.calls).toHaveLength(0);
  });
});
