import { createHash, randomUUID } from 'node:crypto';
import net from 'node:net';

/**
 * A Feather server written on raw TCP, for fault tests: it parses HTTP/1.1 itself (request line,
 * headers, a Content-Length body; one request per connection, closed after the answer) so that
 * it can misbehave in ways node:http will not — answer after processing with a 5xx, reset or
 * close the connection, never answer, send a malformed, truncated or oversized 2xx, or bytes
 * that are not HTTP at all.
 *
 * It answers the discovery GETs in the spec's shapes for the version it is started with (one
 * voice number with one agent bound for outbound_call, one team) and "processes"
 * `POST /v1/voice/outbound`: a processed request starts a call (recorded in `processed`), and on
 * 1.90 a repeat of a processed `idempotency_key` replays the first answer and starts nothing.
 * Which fault a POST meets is asked per request (`setFaultPolicy`, `queueFaults`), so a retry can
 * meet a different fault than the first try.
 */

export type ApiVersion = '1.21' | '1.90';

export type OutboundFault =
  /** processed; a normal answer (200, or 201/202 with the same body) */
  | { kind: 'ok'; status?: 200 | 201 | 202 }
  /** processed, then an error status: 5xx, or a status no client knows (600) */
  | { kind: 'fail-after'; status: 500 | 502 | 503 | 504 | 600 }
  /** processed, then the connection is reset (RST) without an answer */
  | { kind: 'reset-after' }
  /** processed, then the connection is closed (FIN) without an answer */
  | { kind: 'close-after' }
  /** processed, then nothing at all: the client times out */
  | { kind: 'hang-after' }
  /** processed; a 200 whose body is not the answer's JSON */
  | { kind: 'malformed-2xx' }
  /** processed; a 200 announcing more bytes than it sends, then closed */
  | { kind: 'truncated-2xx' }
  /** processed; a 200 with a body larger than the client accepts */
  | { kind: 'oversized-2xx' }
  /** processed; bytes that are not an HTTP answer */
  | { kind: 'garbage-after' }
  /** NOT processed: 429 with Retry-After (seconds, as a string) */
  | { kind: 'rate-limited'; retryAfter: string }
  /** NOT processed: a redirect with a Location */
  | { kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308 }
  /** NOT processed: 409 ErrorResponse */
  | { kind: 'conflict' }
  /** NOT processed: 422 with FastAPI `detail[].loc` */
  | { kind: 'unprocessable'; loc: Array<string | number> };

export type FaultKind = OutboundFault['kind'];

/** Faults that come before processing: the server started no call and replayed nothing. */
export const NOT_PROCESSED: ReadonlySet<FaultKind> = new Set<FaultKind>(['rate-limited', 'redirect', 'conflict', 'unprocessable']);

/** Over the transport's 5 MB limit. */
export const OVERSIZED_BYTES = 5 * 1024 * 1024 + 256 * 1024;

export interface OutboundPost {
  /** the `idempotency_key` the request carried (1.21 ignores it, but it is recorded) */
  idempotencyKey: string | null;
  to: string;
  fault: OutboundFault;
  /** the server acted on it: started a call, or (1.90) replayed a processed key's answer */
  processed: boolean;
  /** 1.90: a repeat of a processed key, answered from the first call */
  replay: boolean;
  /** the request failed the server's own checks (a test setup bug): answered 422 */
  invalid?: string;
  at: number;
}

export interface ProcessedCall {
  idempotencyKey: string | null;
  to: string;
  sessionId: string;
  at: number;
}

export interface PostInfo {
  idempotencyKey: string | null;
  to: string;
  body: Record<string, unknown>;
}

export type FaultPolicy = (post: PostInfo) => OutboundFault;

export interface RawFeatherServerOptions {
  version: ApiVersion;
  apiKey?: string;
  /** default 0 (any free port) */
  port?: number;
}

export interface RawFeatherServer {
  readonly version: ApiVersion;
  readonly url: string;
  readonly port: number;
  readonly apiKey: string;
  readonly ids: {
    organizationId: string;
    numberId: string;
    numberE164: string;
    /** a second voice number, bound to the same agent */
    secondNumberId: string;
    agentId: string;
    agentName: string;
    revisionId: string;
    teamId: string;
  };
  /** distinct calls started (a 1.90 replay adds none) */
  readonly processed: ProcessedCall[];
  /** every POST /v1/voice/outbound that reached the server, in order */
  readonly posts: OutboundPost[];
  /** every request line seen, e.g. `GET /v1/teams?limit=100` */
  readonly requests: string[];
  /** distinct calls started under this idempotency key */
  placedCalls(idempotencyKey: string): number;
  /** distinct calls started to this number */
  callsTo(e164: string): number;
  /** every POST to this number that reached the server, in order */
  postsTo(e164: string): readonly OutboundPost[];
  /** decides each POST's fault (after the queue is used up); null = always `ok` */
  setFaultPolicy(policy: FaultPolicy | null): void;
  /** faults for the next POSTs, in order, before the policy is asked */
  queueFaults(...faults: OutboundFault[]): void;
  /** connections still open (a client that gave up closes its end; the server then closes too) */
  openConnections(): number;
  /** stops accepting connections (clients are refused); open connections carry on */
  stopListening(): void;
  /** listens again on the same port */
  listen(): Promise<void>;
  close(): Promise<void>;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  411: 'Length Required',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const MAX_HEADER_BYTES = 64 * 1024;
const MAX_BODY_BYTES = 1024 * 1024;
const E164 = /^\+[1-9]\d{6,14}$/;

interface ParsedRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: Buffer;
}

interface Reply {
  status: number;
  body: unknown;
}

let oversizedBody: Buffer | undefined;
/** One valid-JSON answer just over the limit, built once and reused. */
function oversized(): Buffer {
  if (!oversizedBody) {
    const head = Buffer.from('{"session_id":"00000000-0000-4000-8000-000000000000","agent_name":"Big","padding":"');
    const tail = Buffer.from('"}');
    oversizedBody = Buffer.concat([head, Buffer.alloc(OVERSIZED_BYTES - head.length - tail.length, 0x61), tail]);
  }
  return oversizedBody;
}

export async function startRawFeatherServer(options: RawFeatherServerOptions): Promise<RawFeatherServer> {
  const version = options.version;
  const apiKey = options.apiKey ?? `fth_live_raw${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const created = '2026-01-05T09:00:00Z';
  const ids = {
    organizationId: randomUUID(),
    numberId: randomUUID(),
    numberE164: '+14155550100',
    secondNumberId: randomUUID(),
    agentId: randomUUID(),
    agentName: 'Fault Agent',
    revisionId: randomUUID(),
    teamId: randomUUID(),
  };
  const processed: ProcessedCall[] = [];
  const posts: OutboundPost[] = [];
  const postsByTo = new Map<string, OutboundPost[]>();
  const callsByTo = new Map<string, number>();
  const record = (post: OutboundPost) => {
    posts.push(post);
    const list = postsByTo.get(post.to);
    if (list) list.push(post);
    else postsByTo.set(post.to, [post]);
  };
  const requests: string[] = [];
  /** 1.90: processed keys → the request's fingerprint and the first answer */
  const idempotency = new Map<string, { fingerprint: string; reply: Reply }>();
  /** queued calls (1.90), for GET /v1/voice/outbound/queued */
  const queued: Array<{
    conversation_id: string;
    to_number: string;
    agent_id: string;
    team_id: null;
    paused: boolean;
    created_at: string;
    eligible_at: string;
    queue_expires_at: string;
  }> = [];
  const faultQueue: OutboundFault[] = [];
  let policy: FaultPolicy | null = null;
  const sockets = new Set<net.Socket>();

  const errorBody = (error: string, message: string, extra: { retryable?: boolean; retry_after?: number } = {}) =>
    version === '1.90'
      ? { error, message, retryable: extra.retryable ?? false, retry_after: extra.retry_after ?? null }
      : { error, message };

  function write(socket: net.Socket, status: number, body: string | Buffer, headers: Record<string, string> = {}) {
    if (socket.destroyed) return;
    const payload = typeof body === 'string' ? Buffer.from(body) : body;
    const lines = [
      `HTTP/1.1 ${status} ${REASONS[status] ?? 'Status'}`,
      'Content-Type: application/json',
      `Content-Length: ${payload.length}`,
      'Connection: close',
    ];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    socket.write(lines.join('\r\n') + '\r\n\r\n');
    socket.end(payload);
  }
  const json = (socket: net.Socket, status: number, body: unknown, headers: Record<string, string> = {}) =>
    write(socket, status, JSON.stringify(body), headers);

  // ---- discovery, in the spec's shapes --------------------------------------------------------
  const number = {
    id: ids.numberId,
    organization_id: ids.organizationId,
    phone_e164: ids.numberE164,
    vendor: 'twilio',
    vendor_mode: 'platform',
    capabilities: ['voice'],
    vendor_metadata: {},
    status: 'active',
    ...(version === '1.90' ? { retired_at: null, retired_by: null, restored_at: null, restored_by: null } : {}),
    created_at: created,
    updated_at: created,
  };
  const secondChannelId = randomUUID();
  const secondNumber = { ...number, id: ids.secondNumberId, phone_e164: '+14155550199' };
  const channel = {
    id: randomUUID(),
    phone_number_id: ids.numberId,
    channel_type: 'outbound_call',
    agent_id: ids.agentId,
    agent_revision_id: null,
    team_id: null,
    team_revision_id: null,
    created_at: created,
    ...(version === '1.90' ? { revision_state: 'legacy_unpinned', pinned_revision_name: null, active_revision_id: ids.revisionId } : {}),
  };
  const agent121 = {
    id: ids.agentId,
    organization_id: ids.organizationId,
    name: ids.agentName,
    description: null,
    active_revision_id: ids.revisionId,
    knowledge_gap_analysis_enabled: true,
    created_at: created,
    updated_at: created,
  };
  const assistant190 = {
    id: ids.agentId,
    name: ids.agentName,
    description: null,
    active_revision_id: ids.revisionId,
    active_revision_name: 'v1',
    archived_at: null,
    created_at: created,
    updated_at: created,
  };
  const team = {
    id: ids.teamId,
    organization_id: ids.organizationId,
    name: 'Fault Team',
    description: null,
    active_revision_id: null,
    ...(version === '1.90' ? { memory_enabled: true } : {}),
    created_at: created,
    updated_at: created,
  };
  const whoami = {
    user_id: randomUUID(),
    clerk_user_id: 'user_raw',
    email: 'faults@example.com',
    display_name: 'Fault Tester',
    role: 'admin',
    organization_id: ids.organizationId,
    organization_name: 'Fault Org',
    kb_clearance_level: 0,
    kb_acl_enabled: false,
    ...(version === '1.90' ? { is_internal: false } : {}),
  };
  const notFound = (socket: net.Socket) => json(socket, 404, errorBody('not_found', 'Not found'));

  function handleGet(socket: net.Socket, path: string) {
    const agentsPath = version === '1.90' ? '/v1/assistants' : '/v1/agents';
    if (path === '/v1/identity/whoami') return json(socket, 200, whoami);
    if (path === '/v1/communication/phone-numbers') return json(socket, 200, [number, secondNumber]);
    if (path === `/v1/communication/phone-numbers/${ids.numberId}/channels`) return json(socket, 200, [channel]);
    if (path === `/v1/communication/phone-numbers/${ids.secondNumberId}/channels`)
      return json(socket, 200, [{ ...channel, id: secondChannelId, phone_number_id: ids.secondNumberId }]);
    if (path === agentsPath) {
      return json(
        socket,
        200,
        version === '1.90'
          ? { assistants: [assistant190], has_more: false, next_cursor: null }
          : { items: [agent121], has_more: false, next_cursor: null },
      );
    }
    if (path === `${agentsPath}/${ids.agentId}/variables`) return json(socket, 200, { variables: [] });
    if (path === '/v1/teams') return json(socket, 200, { items: [team], has_more: false, next_cursor: null });
    if (version === '1.90' && path === '/v1/voice/outbound/queued')
      return json(socket, 200, { items: queued, has_more: false, next_cursor: null });
    return notFound(socket);
  }

  // ---- POST /v1/voice/outbound ----------------------------------------------------------------
  function validate(body: Record<string, unknown>): string | null {
    if (body.from_phone_number_id !== ids.numberId && body.from_phone_number_id !== ids.secondNumberId) return 'from_phone_number_id';
    if (typeof body.to_phone_number !== 'string' || !E164.test(body.to_phone_number)) return 'to_phone_number';
    if (body.agent_id !== ids.agentId) return 'agent_id';
    if (version === '1.21' && ('instant' in body || 'expires_in_seconds' in body)) return '1.90-only field';
    return null;
  }

  /** Starts one call and builds the answer the spec gives for it. */
  function dial(body: Record<string, unknown>, key: string | null): Reply {
    const sessionId = randomUUID();
    const to = body.to_phone_number as string;
    const at = Date.now();
    processed.push({ idempotencyKey: key, to, sessionId, at });
    callsByTo.set(to, (callsByTo.get(to) ?? 0) + 1);
    if (version === '1.21') {
      return {
        status: 200,
        body: {
          room_name: `room-${sessionId.slice(0, 8)}`,
          dispatch_id: `AD_${sessionId.slice(0, 12)}`,
          agent_name: ids.agentName,
          session_id: sessionId,
        },
      };
    }
    const instant = body.instant === true;
    if (!instant) {
      queued.push({
        conversation_id: sessionId,
        to_number: to,
        agent_id: ids.agentId,
        team_id: null,
        paused: false,
        created_at: new Date(at).toISOString(),
        eligible_at: new Date(at + 60_000).toISOString(),
        queue_expires_at: new Date(at + 3_600_000).toISOString(),
      });
    }
    return {
      status: 200,
      body: {
        queued: !instant,
        room_name: instant ? `room-${sessionId.slice(0, 8)}` : null,
        dispatch_id: instant ? `AD_${sessionId.slice(0, 12)}` : null,
        agent_name: ids.agentName,
        session_id: sessionId,
        agent_revision_id: ids.revisionId,
        agent_revision_name: 'v1',
        revision_source: 'active_fallback',
      },
    };
  }

  function nextFault(info: PostInfo): OutboundFault {
    return faultQueue.shift() ?? policy?.(info) ?? { kind: 'ok' };
  }

  function handleOutbound(socket: net.Socket, raw: Buffer) {
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return json(socket, 422, { detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }] });
    }
    const sentKey = typeof body.idempotency_key === 'string' ? body.idempotency_key : null;
    const to = typeof body.to_phone_number === 'string' ? body.to_phone_number : '';
    const invalid = validate(body);
    if (invalid) {
      record({
        idempotencyKey: sentKey,
        to,
        fault: { kind: 'unprocessable', loc: ['body', invalid] },
        processed: false,
        replay: false,
        invalid,
        at: Date.now(),
      });
      return json(socket, 422, { detail: [{ loc: ['body', invalid], msg: `raw server: unexpected ${invalid}`, type: 'value_error' }] });
    }
    const fault = nextFault({ idempotencyKey: sentKey, to, body });
    const post: OutboundPost = { idempotencyKey: sentKey, to, fault, processed: false, replay: false, at: Date.now() };
    record(post);

    // Refusals come before processing: nothing is started, nothing is remembered for the key.
    switch (fault.kind) {
      case 'rate-limited': {
        const seconds = Number(fault.retryAfter);
        return json(
          socket,
          429,
          errorBody('rate_limited', 'Too many calls; slow down.', { retryable: true, retry_after: Number.isFinite(seconds) ? seconds : 1 }),
          { 'Retry-After': fault.retryAfter },
        );
      }
      case 'redirect':
        return write(socket, fault.status, '', { Location: 'https://api.elsewhere.example/v1/voice/outbound' });
      case 'conflict':
        return json(socket, 409, errorBody('conflict', 'A conflicting operation is in progress.'));
      case 'unprocessable':
        return json(socket, 422, { detail: [{ loc: fault.loc, msg: 'Value error, refused by the fault plan', type: 'value_error' }] });
      default:
        break;
    }

    // Processing: 1.90 replays a processed key (and refuses the key for a different request).
    const key = version === '1.90' ? sentKey : null;
    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify(
          Object.entries(body)
            .filter(([k]) => k !== 'idempotency_key')
            .sort(([a], [b]) => a.localeCompare(b)),
        ),
      )
      .digest('hex');
    let reply: Reply;
    const seen = key ? idempotency.get(key) : undefined;
    if (seen) {
      if (seen.fingerprint !== fingerprint) {
        post.fault = { kind: 'unprocessable', loc: ['body', 'idempotency_key'] };
        return json(socket, 422, {
          detail: [
            { loc: ['body', 'idempotency_key'], msg: 'This idempotency_key was already used for a different request', type: 'value_error' },
          ],
        });
      }
      reply = seen.reply;
      post.replay = true;
    } else {
      reply = dial(body, sentKey);
      if (key) idempotency.set(key, { fingerprint, reply });
    }
    post.processed = true;

    // Then the fault on the way out.
    switch (fault.kind) {
      case 'ok':
        return json(socket, fault.status ?? reply.status, reply.body);
      case 'fail-after':
        return json(
          socket,
          fault.status,
          errorBody('internal_error', 'Something went wrong after the call was started.', { retryable: true }),
        );
      case 'reset-after':
        socket.resetAndDestroy();
        return;
      case 'close-after':
        socket.end();
        return;
      case 'hang-after':
        return; // the client gives up; its close ends this socket
      case 'malformed-2xx':
        return write(socket, 200, '{"session_id": "' + (reply.body as { session_id: string }).session_id + '", <html>oops');
      case 'truncated-2xx': {
        const text = Buffer.from(JSON.stringify(reply.body));
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${text.length + 200}\r\nConnection: close\r\n\r\n`,
        );
        socket.end(text.subarray(0, Math.floor(text.length / 2)));
        return;
      }
      case 'oversized-2xx':
        return write(socket, 200, oversized());
      case 'garbage-after':
        socket.end('HELLO THIS IS NOT HTTP\r\n\r\n');
        return;
    }
  }

  function handle(socket: net.Socket, request: ParsedRequest) {
    const url = new URL(request.target, 'http://raw.invalid');
    requests.push(`${request.method} ${request.target}`);
    if (request.headers['x-api-key'] !== apiKey) return json(socket, 401, errorBody('invalid_api_key', 'Invalid API key'));
    if (request.method === 'GET') return handleGet(socket, url.pathname);
    if (request.method === 'POST' && url.pathname === '/v1/voice/outbound') return handleOutbound(socket, request.body);
    return notFound(socket);
  }

  /** One request per connection: read the head, then Content-Length bytes of body, then answer. */
  function onConnection(socket: net.Socket) {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // resets from clients that gave up are expected
    let buffer = Buffer.alloc(0);
    let head: { method: string; target: string; headers: Record<string, string>; bodyStart: number; length: number } | null = null;
    let done = false;
    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      buffer = Buffer.concat([buffer, chunk]);
      if (!head) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buffer.length > MAX_HEADER_BYTES) {
            done = true;
            json(socket, 431, { error: 'headers_too_large', message: 'Request headers too large' });
          }
          return;
        }
        const [requestLine = '', ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
        const [method = '', target = '', protocol = ''] = requestLine.split(' ');
        const headers: Record<string, string> = {};
        for (const line of lines) {
          const colon = line.indexOf(':');
          if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        if (!method || !target.startsWith('/') || !protocol.startsWith('HTTP/1.')) {
          done = true;
          return json(socket, 400, { error: 'bad_request', message: 'Malformed request line' });
        }
        if (headers['transfer-encoding']) {
          done = true;
          return json(socket, 411, { error: 'length_required', message: 'Send a Content-Length' });
        }
        const length = Number(headers['content-length'] ?? '0');
        if (!Number.isInteger(length) || length < 0 || length > MAX_BODY_BYTES) {
          done = true;
          return json(socket, 400, { error: 'bad_request', message: 'Bad Content-Length' });
        }
        head = { method, target, headers, bodyStart: end + 4, length };
      }
      if (buffer.length - head.bodyStart < head.length) return;
      done = true;
      handle(socket, {
        method: head.method,
        target: head.target,
        headers: head.headers,
        body: buffer.subarray(head.bodyStart, head.bodyStart + head.length),
      });
    });
  }

  let server = net.createServer(onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    version,
    url: `http://127.0.0.1:${port}`,
    port,
    apiKey,
    ids,
    processed,
    posts,
    requests,
    placedCalls: (key) => processed.filter((p) => p.idempotencyKey === key).length,
    callsTo: (e164) => callsByTo.get(e164) ?? 0,
    postsTo: (e164) => postsByTo.get(e164) ?? [],
    setFaultPolicy(next) {
      policy = next;
    },
    queueFaults(...faults) {
      faultQueue.push(...faults);
    },
    openConnections: () => sockets.size,
    stopListening() {
      if (server.listening) server.close();
    },
    async listen() {
      if (server.listening) return;
      server = net.createServer(onConnection);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
    },
    async close() {
      server.close();
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
  };
}
