import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { createFeatherClient } from '../../electron/core/feather-client';
import { nodeHttpTransport } from '../../electron/core/http-transport';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS, demoSeed } from '../../electron/simulator/seed';
import { AgentSchema } from '../../shared/feather-api';
import { AppFailure } from '../../shared/result';

/** The real client over real loopback HTTP against the simulator, one case per outcome the UI handles. */
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.clearFaults());

const client = (overrides: { apiKey?: string; baseUrl?: string; timeoutMs?: number } = {}) =>
  createFeatherClient({ baseUrl: overrides.baseUrl ?? sim.url, apiKey: overrides.apiKey ?? sim.demoKey, transport: nodeHttpTransport, timeoutMs: overrides.timeoutMs ?? 2000 });

const body = { from_phone_number_id: DEMO_IDS.numberSf, to_phone_number: '+14155550132', agent_id: DEMO_IDS.agentRiley };
const fieldOf = (loc: Array<string | number>) => (loc[1] === 'context_variables' ? `var:${loc[2]}` : loc[1] === 'to_phone_number' ? 'toNumber' : undefined);

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppFailure) return error.appError;
    throw error;
  }
  throw new Error('expected a failure');
}
const postsSince = (before: number) => sim.outboundRequests().length - before;

describe('Feather client', () => {
  it('whoami returns who the key belongs to, and sends the key as x-api-key', async () => {
    const who = await client().whoami();
    expect(who.organizationName).toBe('Northwind Clinics (demo)');
    expect(sim.received.at(-1)!.headers['x-api-key']).toBe(sim.demoKey);
    expect(sim.received.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('places a call and parses the answer', async () => {
    const response = await client().placeOutbound(body, fieldOf);
    expect(response.agent_name).toBe('Riley — Appointment reminders');
    expect(response.session_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('401 → invalid_key', async () => {
    const error = await failure(client({ apiKey: 'fth_live_wrongwrongwrong' }).whoami());
    expect(error).toMatchObject({ code: 'invalid_key', httpStatus: 401 });
    expect(error.message).not.toContain('fth_live_wrongwrongwrong');
  });

  it('403 → invalid_key with a permission message', async () => {
    sim.injectFault({ path: '/v1/voice/outbound', status: 403, body: { detail: 'Key lacks voice:outbound' } });
    const error = await failure(client().placeOutbound(body, fieldOf));
    expect(error.code).toBe('invalid_key');
    expect(error.message).toContain('not allowed');
  });

  it('422 → validation with detail[].loc mapped to the field', async () => {
    const before = sim.outboundRequests().length;
    const error = await failure(client().placeOutbound({ ...body, context_variables: { favourite_colour: 'blue' } }, fieldOf));
    expect(error.code).toBe('validation');
    expect(error.fields?.['var:favourite_colour']).toMatch(/Unknown context variable 'favourite_colour'/);
    expect(postsSince(before)).toBe(1);
  });

  it('422 on an unmapped location still says what Feather said', async () => {
    const error = await failure(client().placeOutbound({ ...body, team_id: DEMO_IDS.teamFrontDesk }, fieldOf));
    expect(error.code).toBe('validation');
    expect(error.message).toMatch(/mutually exclusive/);
  });

  it('400 → bad_request with the detail string', async () => {
    const error = await failure(client().placeOutbound({ ...body, from_phone_number_id: DEMO_IDS.numberPaused }, fieldOf));
    expect(error).toMatchObject({ code: 'bad_request' });
    expect(error.message).toContain('paused');
  });

  it('404 → not_found', async () => {
    const error = await failure(client().placeOutbound({ ...body, from_phone_number_id: '00000000-0000-4000-8000-000000000000' }, fieldOf));
    expect(error).toMatchObject({ code: 'not_found', httpStatus: 404 });
    expect(error.message).toContain('Phone number not found');
  });

  it('409 → conflict', async () => {
    sim.injectFault({ path: '/v1/voice/outbound', status: 409, body: { detail: 'Number is busy' } });
    expect(await failure(client().placeOutbound(body, fieldOf))).toMatchObject({ code: 'conflict' });
  });

  it('429 → rate_limited, honouring Retry-After in the message', async () => {
    sim.injectFault({ path: '/v1/voice/outbound', status: 429, headers: { 'retry-after': '17' } });
    const error = await failure(client().placeOutbound(body, fieldOf));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 17 });
    expect(error.message).toContain('Wait 17 s');
  });

  it('5xx → server_error', async () => {
    for (const status of [500, 502, 503]) {
      sim.injectFault({ path: '/v1/voice/outbound', status });
      expect(await failure(client().placeOutbound(body, fieldOf))).toMatchObject({ code: 'server_error', httpStatus: status });
    }
  });

  it('connection refused → offline (nothing was sent)', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const error = await failure(client({ baseUrl: `http://127.0.0.1:${port}` }).placeOutbound(body, fieldOf));
    expect(error.code).toBe('offline');
    expect(error.message).toMatch(/Nothing was sent/);
  });

  it('timeout after sending → outcome_unknown, and the POST is not retried', async () => {
    const before = sim.outboundRequests().length;
    sim.injectFault({ path: '/v1/voice/outbound', delayMs: 1500 });
    const error = await failure(client({ timeoutMs: 300 }).placeOutbound(body, fieldOf));
    expect(error.code).toBe('outcome_unknown');
    expect(error.message).toMatch(/may or may not have been placed/);
    await new Promise((r) => setTimeout(r, 100));
    expect(postsSince(before)).toBe(1);
  });

  it('connection reset after sending → outcome_unknown', async () => {
    const before = sim.outboundRequests().length;
    sim.injectFault({ path: '/v1/voice/outbound', reset: true });
    const error = await failure(client().placeOutbound(body, fieldOf));
    expect(error.code).toBe('outcome_unknown');
    expect(postsSince(before)).toBe(1);
  });

  it('a 200 with an unreadable body on POST → outcome_unknown (the call was accepted)', async () => {
    sim.injectFault({ path: '/v1/voice/outbound', malformed: true });
    const error = await failure(client().placeOutbound(body, fieldOf));
    expect(error.code).toBe('outcome_unknown');
    expect(error.message).toMatch(/accepted the call/);
  });

  it('a malformed answer to a read → bad_response', async () => {
    sim.injectFault({ path: '/v1/identity/whoami', malformed: true });
    expect(await failure(client().whoami())).toMatchObject({ code: 'bad_response' });
    sim.injectFault({ path: '/v1/identity/whoami', status: 200, body: { items: 'not a whoami' } });
    // tolerant schema: an object without the expected fields still parses, with nulls
    expect((await client().whoami()).organizationName).toBeNull();
  });

  it('follows cursor pagination across pages', async () => {
    const seed = demoSeed();
    seed.agents = Array.from({ length: 250 }, (_, n) => ({ ...seed.agents[0]!, id: `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `Agent ${n}` }));
    const big = await startSimulator({ seed });
    try {
      const all = await client({ baseUrl: big.url, apiKey: big.demoKey }).list('/v1/agents', AgentSchema);
      expect(all).toHaveLength(250);
      expect(new Set(all.map((a) => a.id)).size).toBe(250);
      const pages = big.received.filter((r) => r.path === '/v1/agents');
      expect(pages.map((p) => Boolean(p.query.cursor))).toEqual([false, true, true]);
    } finally {
      await big.close();
    }
  });
});
