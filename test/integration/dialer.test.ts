import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDialer } from '../../electron/core/dialer';
import { createFeatherClient } from '../../electron/core/feather-client';
import { nodeHttpTransport } from '../../electron/core/http-transport';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import type { CallIntent } from '../../shared/call-intent';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.clearFaults());

const dialer = (timeoutMs = 2000) =>
  createDialer({ client: async () => createFeatherClient({ baseUrl: sim.url, apiKey: sim.demoKey, transport: nodeHttpTransport, timeoutMs }) });
const intent = (patch: Partial<CallIntent> = {}): CallIntent => ({
  requestId: randomUUID(),
  toNumber: '415 555 0132',
  defaultCountry: 'US',
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
    const call = intent({ contextVariables: [{ key: 'clinic', value: 'Harbor' }, { key: 'favourite_colour', value: 'blue' }] });
    await expect(dialer().place(call)).rejects.toMatchObject({
      appError: { code: 'validation', fields: { 'contextVariables.1': expect.stringMatching(/Unknown context variable/) } },
    });
  });
});
