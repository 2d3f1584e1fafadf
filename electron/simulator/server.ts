import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { demoSeed, type SimAgent, type SimSeed } from './seed';

/**
 * The built-in Feather simulator: the documented contract over real HTTP on 127.0.0.1.
 * It powers demo mode and every test that talks to "Feather". Faults can be injected and
 * everything it received can be read back.
 */

export interface SimKey {
  key: string;
  user: { user_id: string; role: string; email: string; display_name: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** parsed JSON when the body was JSON, else the raw text */
  body: unknown;
  at: string;
}

export interface Fault {
  method?: string;
  /** exact path or a pattern; omitted = every request */
  path?: string | RegExp;
  /** wait this long before answering (the request is still processed) */
  delayMs?: number;
  /** answer with this status and body instead of the real one */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** destroy the connection instead of answering (after processing) */
  reset?: boolean;
  /** answer 200 with a body that is not valid JSON */
  malformed?: boolean;
  /** how many requests it applies to; default 1, Infinity for all */
  times?: number;
}

export interface SimulatorOptions {
  port?: number;
  keys?: SimKey[];
  seed?: SimSeed;
  /** endpoints that answer 404 as if this Feather did not have them, e.g. '/v1/teams' */
  missingEndpoints?: string[];
  now?: () => number;
}

export interface Conversation {
  id: string;
  createdAt: number;
  agentName: string;
  toNumber: string;
  contextVariables: Record<string, unknown>;
}

export interface Simulator {
  url: string;
  port: number;
  /** the demo key; accepted like any configured key */
  demoKey: string;
  received: RecordedRequest[];
  conversations: Conversation[];
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** the POST /v1/voice/outbound requests received so far */
  outboundRequests(): RecordedRequest[];
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const E164 = /^\+[1-9]\d{6,14}$/;

const missing = (loc: Array<string | number>) => ({ loc, msg: 'Field required', type: 'missing' });

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? demoSeed();
  const now = options.now ?? Date.now;
  const demoKey = `fth_demo_${randomBytes(12).toString('hex')}`;
  const keys: SimKey[] = [
    { key: demoKey, user: { user_id: 'u-demo', role: 'member', email: 'demo@northwind.example', display_name: 'Demo User' } },
    ...(options.keys ?? []),
  ];
  const received: RecordedRequest[] = [];
  const conversations: Conversation[] = [];
  let faults: Array<Fault & { remaining: number }> = [];

  function takeFault(method: string, path: string) {
    const fault = faults.find(
      (f) =>
        f.remaining > 0 &&
        (!f.method || f.method === method) &&
        (!f.path || (typeof f.path === 'string' ? f.path === path : f.path.test(path))),
    );
    if (fault) fault.remaining -= 1;
    faults = faults.filter((f) => f.remaining > 0);
    return fault;
  }

  function page<T>(items: T[], query: Record<string, string>): Reply {
    const limit = Math.min(Math.max(Number(query.limit) || 50, 1), 100);
    const start = query.cursor ? Number(Buffer.from(query.cursor, 'base64url').toString()) || 0 : 0;
    const slice = items.slice(start, start + limit);
    const more = start + limit < items.length;
    return {
      status: 200,
      body: { items: slice, has_more: more, next_cursor: more ? Buffer.from(String(start + limit)).toString('base64url') : null },
    };
  }

  const publicAgent = (a: SimAgent) => ({ id: a.id, name: a.name, description: a.description, active_revision_id: a.active_revision_id });

  function route(method: string, path: string, query: Record<string, string>, body: unknown, key: SimKey): Reply {
    if (options.missingEndpoints?.some((p) => path === p || path.startsWith(p + '/'))) {
      return { status: 404, body: { detail: 'Not Found' } };
    }
    if (method === 'GET' && path === '/v1/identity/whoami') {
      return {
        status: 200,
        body: { ...key.user, organization_id: seed.organization.id, organization_name: seed.organization.name },
      };
    }
    if (method === 'POST' && path === '/v1/voice/outbound') return outbound(body);
    if (method === 'POST' && path === '/v1/voice/web-call') {
      return { status: 200, body: { livekit_url: 'wss://sim.invalid', token: randomBytes(16).toString('hex'), expires_in: 300 } };
    }
    if (method === 'GET' && path === '/v1/communication/phone-numbers') {
      return page(
        seed.phoneNumbers.map(({ channels: _channels, ...n }) => n),
        query,
      );
    }
    let m = /^\/v1\/communication\/phone-numbers\/([^/]+)\/channels$/.exec(path);
    if (method === 'GET' && m) {
      const number = seed.phoneNumbers.find((n) => n.id === m![1]);
      return number ? page(number.channels, query) : { status: 404, body: { detail: 'Phone number not found' } };
    }
    if (method === 'GET' && path === '/v1/agents') return page(seed.agents.map(publicAgent), query);
    if (method === 'GET' && path === '/v1/teams') return page(seed.teams, query);
    m = /^\/v1\/agents\/([^/]+)\/variables$/.exec(path);
    if (method === 'GET' && m) {
      const agent = seed.agents.find((a) => a.id === m![1]);
      return agent ? { status: 200, body: { items: agent.variables, has_more: false, next_cursor: null } } : { status: 404, body: { detail: 'Agent not found' } };
    }
    m = /^\/v1\/v2\/conversations\/([^/]+)(\/messages)?$/.exec(path);
    if (method === 'GET' && m) return conversation(m[1]!, Boolean(m[2]), query);
    if (['GET', 'POST'].includes(method)) return { status: 404, body: { detail: 'Not Found' } };
    return { status: 405, body: { detail: 'Method Not Allowed' } };
  }

  function outbound(raw: unknown): Reply {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return { status: 422, body: { detail: [{ loc: ['body'], msg: 'Input should be a valid dictionary or object', type: 'model_attributes_type' }] } };
    }
    const body = raw as Json;
    const errors: Array<{ loc: Array<string | number>; msg: string; type: string }> = [];
    const from = body.from_phone_number_id;
    if (from === undefined) errors.push(missing(['body', 'from_phone_number_id']));
    else if (typeof from !== 'string' || !UUID.test(from)) errors.push({ loc: ['body', 'from_phone_number_id'], msg: 'Input should be a valid UUID', type: 'uuid_parsing' });
    const to = body.to_phone_number;
    if (to === undefined) errors.push(missing(['body', 'to_phone_number']));
    else if (typeof to !== 'string' || !E164.test(to)) {
      errors.push({ loc: ['body', 'to_phone_number'], msg: "String should match pattern '^\\+[1-9]\\d{6,14}$'", type: 'string_pattern_mismatch' });
    }
    for (const field of ['agent_id', 'team_id'] as const) {
      const v = body[field];
      if (v !== undefined && v !== null && (typeof v !== 'string' || !UUID.test(v))) {
        errors.push({ loc: ['body', field], msg: 'Input should be a valid UUID', type: 'uuid_parsing' });
      }
    }
    const vars = body.context_variables;
    if (vars !== undefined && vars !== null && (typeof vars !== 'object' || Array.isArray(vars))) {
      errors.push({ loc: ['body', 'context_variables'], msg: 'Input should be a valid dictionary', type: 'dict_type' });
    }
    if (body.agent_id && body.team_id) {
      errors.push({ loc: ['body'], msg: 'Value error, agent_id and team_id are mutually exclusive', type: 'value_error' });
    }
    if (errors.length) return { status: 422, body: { detail: errors } };

    const number = seed.phoneNumbers.find((n) => n.id === from);
    if (!number) return { status: 404, body: { detail: 'Phone number not found' } };
    if (number.status !== 'active' || !number.capabilities.includes('voice')) {
      return { status: 400, body: { detail: `Phone number ${number.phone_e164} is ${number.status !== 'active' ? number.status : 'not voice-capable'}` } };
    }
    const bindings = number.channels.filter((c) => c.channel_type === 'outbound_call');
    if (bindings.length === 0) return { status: 400, body: { detail: 'Phone number has no outbound_call binding' } };

    let agent: SimAgent | undefined;
    let viaTeam = false;
    if (typeof body.agent_id === 'string') {
      agent = seed.agents.find((a) => a.id === body.agent_id);
      if (!agent) return { status: 404, body: { detail: 'Agent not found' } };
      if (!bindings.some((b) => b.agent_id === agent!.id)) {
        return { status: 422, body: { detail: [{ loc: ['body', 'agent_id'], msg: 'Agent is not bound to this phone number for outbound_call', type: 'value_error' }] } };
      }
    } else if (typeof body.team_id === 'string') {
      const team = seed.teams.find((t) => t.id === body.team_id);
      if (!team) return { status: 404, body: { detail: 'Team not found' } };
      if (!bindings.some((b) => b.team_id === team.id)) {
        return { status: 422, body: { detail: [{ loc: ['body', 'team_id'], msg: 'Team is not bound to this phone number for outbound_call', type: 'value_error' }] } };
      }
      agent = seed.agents.find((a) => a.id === team.default_agent_id);
      viaTeam = true;
    } else {
      const binding = bindings[0]!; // "at random" in Feather; the first one here, for repeatable tests
      if (binding.agent_id) agent = seed.agents.find((a) => a.id === binding.agent_id);
      else {
        const team = seed.teams.find((t) => t.id === binding.team_id);
        agent = seed.agents.find((a) => a.id === team?.default_agent_id);
        viaTeam = true;
      }
    }
    if (!agent) return { status: 500, body: { detail: 'Internal Server Error' } };

    // Variables are honoured for single-agent bindings only; a team ignores them (v1).
    const applied: Record<string, unknown> = {};
    if (!viaTeam && vars && typeof vars === 'object') {
      const varErrors: Array<{ loc: Array<string | number>; msg: string; type: string }> = [];
      for (const [name, value] of Object.entries(vars as Json)) {
        const declared = agent.variables.find((v) => v.name === name);
        const loc = ['body', 'context_variables', name];
        if (!declared) {
          varErrors.push({ loc, msg: `Unknown context variable '${name}': not declared on agent ${agent.name}`, type: 'value_error' });
          continue;
        }
        if (declared.source === 'system') {
          varErrors.push({ loc, msg: `Context variable '${name}' is a system variable and cannot be overridden`, type: 'value_error' });
          continue;
        }
        const coerced = coerce(value, declared.type, declared.enum_values);
        if (!coerced.ok) varErrors.push({ loc, msg: coerced.msg, type: coerced.type });
        else applied[name] = coerced.value;
      }
      if (varErrors.length) return { status: 422, body: { detail: varErrors } };
    }

    const conv: Conversation = { id: randomUUID(), createdAt: now(), agentName: agent.name, toNumber: to as string, contextVariables: applied };
    conversations.push(conv);
    return {
      status: 200,
      body: {
        room_name: `outbound-${conv.id.slice(0, 8)}`,
        dispatch_id: `AD_${randomBytes(6).toString('hex')}`,
        agent_name: agent.name,
        session_id: conv.id,
      },
    };
  }

  function conversation(id: string, messages: boolean, query: Record<string, string>): Reply {
    const conv = conversations.find((c) => c.id === id);
    if (!conv) return { status: 404, body: { detail: 'Conversation not found' } };
    const age = now() - conv.createdAt;
    const status = age < 1_000 ? 'queued' : age < 3_000 ? 'ringing' : age < 20_000 ? 'active' : 'closed';
    const turns = [
      { seq: 1, role: 'agent', text: `Hello, this is ${conv.agentName.split(' ')[0]} calling from Northwind Clinics.` },
      { seq: 2, role: 'user', text: 'Hi, yes, go ahead.' },
      { seq: 3, role: 'agent', text: 'I am calling about your upcoming appointment.' },
    ].slice(0, status === 'active' ? 2 : status === 'closed' ? 3 : 0);
    if (messages) {
      const since = Number(query.since_seq) || 0;
      const fresh = turns.filter((t) => t.seq > since);
      return { status: 200, body: { session_status: status, messages: fresh, next_seq: turns.length } };
    }
    return {
      status: 200,
      body: {
        id: conv.id,
        status,
        summary: status === 'closed' ? 'The patient confirmed the appointment.' : null,
        duration_ms: status === 'closed' ? 17_000 : null,
        recording_url: null,
        recent_turns: turns,
      },
    };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      const query = Object.fromEntries(url.searchParams);
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      let badJson = false;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          badJson = true;
        }
      }
      received.push({ method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers, body, at: new Date(now()).toISOString() });
      const fault = takeFault(req.method ?? 'GET', url.pathname);

      let reply: Reply;
      const key = keys.find((k) => k.key === req.headers['x-api-key']);
      if (!key) reply = { status: 401, body: { detail: req.headers['x-api-key'] ? 'Invalid API key' : 'Missing API key' } };
      else if (badJson) reply = { status: 422, body: { detail: [{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid' }] } };
      else reply = route(req.method ?? 'GET', url.pathname, query, body, key);

      const answer = () => {
        if (res.destroyed) return;
        if (fault?.reset) {
          req.socket.destroy();
          return;
        }
        if (fault?.malformed) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"room_name": "outbound-');
          return;
        }
        const status = fault?.status ?? reply.status;
        const payload = fault?.status !== undefined ? (fault.body ?? { detail: http.STATUS_CODES[status] ?? 'Error' }) : reply.body;
        res.writeHead(status, { 'content-type': 'application/json', ...reply.headers, ...fault?.headers });
        res.end(JSON.stringify(payload));
      };
      if (fault?.delayMs) setTimeout(answer, fault.delayMs);
      else answer();
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    demoKey,
    received,
    conversations,
    injectFault(fault) {
      faults.push({ ...fault, remaining: fault.times ?? 1 });
    },
    clearFaults() {
      faults = [];
    },
    outboundRequests: () => received.filter((r) => r.method === 'POST' && r.path === '/v1/voice/outbound'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function coerce(
  value: unknown,
  type: string,
  enumValues: string[] | undefined,
): { ok: true; value: unknown } | { ok: false; msg: string; type: string } {
  const text = typeof value === 'string' ? value.trim() : value;
  switch (type) {
    case 'number': {
      const n = typeof text === 'number' ? text : typeof text === 'string' && text !== '' ? Number(text) : NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, msg: 'Input should be a valid number', type: 'float_parsing' };
    }
    case 'boolean': {
      if (typeof text === 'boolean') return { ok: true, value: text };
      const s = String(text).toLowerCase();
      if (['true', 'yes', '1', 'on'].includes(s)) return { ok: true, value: true };
      if (['false', 'no', '0', 'off'].includes(s)) return { ok: true, value: false };
      return { ok: false, msg: 'Input should be a valid boolean', type: 'bool_parsing' };
    }
    case 'enum': {
      const match = enumValues?.find((e) => e.toLowerCase() === String(text).toLowerCase());
      return match
        ? { ok: true, value: match }
        : { ok: false, msg: `Input should be ${(enumValues ?? []).map((e) => `'${e}'`).join(', ')}`, type: 'enum' };
    }
    case 'date': {
      const s = String(text);
      return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s))
        ? { ok: true, value: s }
        : { ok: false, msg: 'Input should be a valid date in the format YYYY-MM-DD', type: 'date_from_datetime_parsing' };
    }
    default:
      return typeof value === 'object' && value !== null ? { ok: false, msg: 'Input should be a valid string', type: 'string_type' } : { ok: true, value: String(value) };
  }
}
