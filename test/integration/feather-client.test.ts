import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { createFeatherClient } from '../../electron/core/feather/feather-client';
import { nodeHttpTransport } from '../../electron/core/feather/http-transport';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS, demoSeed } from '../../electron/simulator/seed';
import { AppFailure } from '../../shared/result';

/** The real client over real loopback HTTP against the simulator, one case per outcome the UI handles. */
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.clearFaults());

const client = (overrides: { apiKey?: string; baseUrl?: string; timeoutMs?: number } = {}) =>
  createFeatherClient({
    baseUrl: overrides.baseUrl ?? sim.url,
    apiKey: overrides.apiKey ?? sim.demoKey,
    transport: nodeHttpTransport,
    timeoutMs: overrides.timeoutMs ?? 2000,
  });

const body = { from_phone_number_id: DEMO_IDS.numberSf, to_phone_number: '+14155550132', agent_id: DEMO_IDS.agentRiley };
const fieldOf = (loc: Array<string | number>) =>
  loc[1] === 'context_variables' ? `var:${loc[2]}` : loc[1] === 'to_phone_number' ? 'toNumber' : undefined;

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

  it('places a call and parses the answer (1.90: queued by default, instant on request)', async () => {
    const { httpStatus, response } = await client().placeOutbound(body, fieldOf);
    expect(httpStatus).toBe(200);
    expect(response).toMatchObject({ agent_name: 'Riley — Appointment reminders', queued: true, room_name: null, dispatch_id: null });
    expect(response!.session_id).toMatch(/^[0-9a-f-]{36}$/);
    const now = await client().placeOutbound({ ...body, instant: true }, fieldOf);
    expect(now.response).toMatchObject({ queued: false, room_name: expect.stringMatching(/^outbound-/) });
  });

  it("reads the spec's ErrorResponse: error code and message", async () => {
    sim.injectFault({
      path: '/v1/identity/whoami',
      status: 400,
      body: { error: 'org_suspended', message: 'Organization is suspended', retryable: false, retry_after: null },
    });
    expect(await failure(client().whoami())).toMatchObject({
      code: 'bad_request',
      featherCode: 'org_suspended',
      message: expect.stringContaining('Organization is suspended'),
    });
  });

  it('429 with retry_after in the body (1.90) and no header', async () => {
    sim.injectFault({
      path: '/v1/voice/outbound',
      status: 429,
      body: { error: 'rate_limited', message: 'Too many calls', retryable: true, retry_after: 12 },
    });
    expect(await failure(client().placeOutbound(body, fieldOf))).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 12 });
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

  it('a paused from-number → 422 on from_phone_number_id (the spec documents only 200 and 422 here)', async () => {
    const error = await failure(
      client().placeOutbound({ ...body, from_phone_number_id: DEMO_IDS.numberPaused }, (loc) =>
        loc[1] === 'from_phone_number_id' ? 'fromNumberId' : undefined,
      ),
    );
    expect(error).toMatchObject({ code: 'validation', fields: { fromNumberId: expect.stringContaining('paused') } });
  });

  it('404 on a read → not_found with the message', async () => {
    const error = await failure(client().listOutboundChannels('00000000-0000-4000-8000-000000000000'));
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

  it('5xx and unknown statuses on the call request → outcome_unknown (Feather may have started the call)', async () => {
    for (const status of [500, 502, 503, 504, 599]) {
      sim.injectFault({ path: '/v1/voice/outbound', status });
      expect(await failure(client().placeOutbound(body, fieldOf))).toMatchObject({ code: 'outcome_unknown', httpStatus: status });
    }
  });

  it('5xx on a read → server_error', async () => {
    sim.injectFault({ path: '/v1/teams', status: 502 });
    expect(await failure(client().listTeams())).toMatchObject({ code: 'server_error', httpStatus: 502 });
  });

  it('any 2xx on the call request is accepted: 202 too', async () => {
    sim.injectFault({
      path: '/v1/voice/outbound',
      status: 202,
      body: { queued: true, room_name: null, dispatch_id: null, agent_name: 'Riley', session_id: '3f2c1a9e-8d2a-4f57-b9e4-1a2c3d4e5f60' },
    });
    expect(await client().placeOutbound(body, fieldOf)).toMatchObject({ httpStatus: 202, response: { queued: true } });
  });

  it('3xx on the call request → not placed, never followed', async () => {
    sim.injectFault({ path: '/v1/voice/outbound', status: 307, headers: { location: 'http://127.0.0.1:1/elsewhere' } });
    expect(await failure(client().placeOutbound(body, fieldOf))).toMatchObject({ code: 'bad_response', httpStatus: 307 });
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

  it('a 200 with an unreadable body on POST → accepted, details unknown', async () => {
    sim.injectFault({ path: '/v1/voice/outbound', malformed: true });
    expect(await client().placeOutbound(body, fieldOf)).toEqual({ httpStatus: 200, response: null });
  });

  it('a 2xx status line means placed, whatever happens to its body: cut off, over 5 MB, or too slow to finish', async () => {
    const servers: http.Server[] = [];
    const serve = async (handler: http.RequestListener) => {
      const server = http.createServer(handler);
      servers.push(server);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    };
    try {
      const cut = await serve((req, res) => {
        req.resume();
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
        res.write('{"room_name": "outbound-1", "dis');
        setTimeout(() => res.socket?.destroy(), 20);
      });
      const huge = await serve((req, res) => {
        req.resume();
        res.writeHead(201, { 'content-type': 'application/json' });
        const chunk = 'x'.repeat(1024 * 1024);
        for (let i = 0; i < 6; i++) res.write(chunk);
        res.end();
      });
      const slow = await serve((req, res) => {
        req.resume();
        res.writeHead(202, { 'content-type': 'application/json' });
        res.write('{"room_name": ');
      });
      expect(await client({ baseUrl: cut }).placeOutbound(body, fieldOf)).toEqual({ httpStatus: 200, response: null });
      expect(await client({ baseUrl: huge }).placeOutbound(body, fieldOf)).toEqual({ httpStatus: 201, response: null });
      expect(await client({ baseUrl: slow, timeoutMs: 300 }).placeOutbound(body, fieldOf)).toEqual({ httpStatus: 202, response: null });
      // a cut-off 5xx is still "outcome unknown", with its status
      const bad = await serve((req, res) => {
        req.resume();
        res.writeHead(503, { 'content-length': '100' });
        res.write('{');
        setTimeout(() => res.socket?.destroy(), 20);
      });
      expect(await failure(client({ baseUrl: bad }).placeOutbound(body, fieldOf))).toMatchObject({
        code: 'outcome_unknown',
        httpStatus: 503,
      });
    } finally {
      for (const server of servers) server.close();
    }
  });

  it('a timeout under a second says its milliseconds, never "within 0 s"', async () => {
    const silent = net.createServer((socket) => socket.on('data', () => undefined));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
      const error = await failure(client({ baseUrl: url, timeoutMs: 250 }).whoami());
      expect(error.message).toMatch(/within 250 ms/);
      expect(error.message).not.toMatch(/within 0 s/);
    } finally {
      silent.close();
    }
  });

  it('a malformed answer to a read → bad_response', async () => {
    sim.injectFault({ path: '/v1/identity/whoami', malformed: true });
    expect(await failure(client().whoami())).toMatchObject({ code: 'bad_response' });
    sim.injectFault({ path: '/v1/identity/whoami', status: 200, body: { items: 'not a whoami' } });
    // tolerant schema: an object without the expected fields still parses, with nulls
    expect((await client().whoami()).organizationName).toBeNull();
  });

  it.each(['1.21', '1.90'] as const)('follows cursor pagination across pages (API %s)', async (apiVersion) => {
    const seed = demoSeed();
    seed.agents = Array.from({ length: 250 }, (_, n) => ({
      ...seed.agents[0]!,
      id: `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      name: `Agent ${n}`,
    }));
    const big = await startSimulator({ seed, apiVersion });
    try {
      const { version, agents } = await client({ baseUrl: big.url, apiKey: big.demoKey }).listAgents(null);
      expect(version).toBe(apiVersion);
      expect(agents).toHaveLength(250);
      expect(new Set(agents.map((a) => a.id)).size).toBe(250);
      const pages = big.received.filter((r) => r.path === (apiVersion === '1.90' ? '/v1/assistants' : '/v1/agents'));
      expect(pages.map((p) => Boolean(p.query.cursor))).toEqual([false, true, true]);
    } finally {
      await big.close();
    }
  });
});
