import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { startPreviewServer } from '../../electron/preview/preview-server';

/**
 * Fuzzes the browser preview server over raw TCP (node:net), so malformed request lines, bad
 * escapes and broken framing really reach it: a hand-written list of nasty requests, then a
 * seeded generator (PREVIEW_FUZZ_SEED=<n> replays a run). Nothing may crash it or draw a 5xx,
 * every nasty request gets a 4xx, and after each batch a valid IPC call is still answered.
 */
let preview: Awaited<ReturnType<typeof startPreviewServer>>;
let token: string;
let port: number;
let host: string;
let dir: string;
const serverLog: string[] = [];
const crashes: unknown[] = [];
const onCrash = (error: unknown) => crashes.push(error);
const handlers = { app: { status: async () => ({ hello: 'world' }) } };

beforeAll(async () => {
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  dir = await mkdtemp(path.join(os.tmpdir(), 'feather-preview-fuzz-'));
  await writeFile(path.join(dir, 'index.html'), '<html><head><script type="module" src="./a.js"></script></head></html>');
  await writeFile(path.join(dir, 'a.js'), 'export {};');
  await mkdir(path.join(dir, 'assets'));
  preview = await startPreviewServer({
    dispatchFor: (origin) => createDispatcher(handlers as never, { trustedOrigins: [origin], validateResponses: false }),
    rendererDir: dir,
    bridgeScript: '/* bridge */',
    log: (message) => serverLog.push(message),
  });
  token = new URL(preview.url).hash.replace('#token=', '');
  port = Number(new URL(preview.origin).port);
  host = new URL(preview.origin).host;
});
afterAll(async () => {
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  await preview.close();
  await rm(dir, { recursive: true, force: true });
});

interface RawAnswer {
  /** the final (non-1xx) status, or null when the server answered nothing */
  status: number | null;
  body: string;
}

/** Splits one HTTP response off the front of `buffer` once it is complete. */
function parseResponse(buffer: Buffer, closed: boolean, forHead: boolean): RawAnswer | undefined {
  let rest = buffer;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return closed && rest.length > 0 ? { status: null, body: rest.toString('latin1') } : undefined;
    const head = rest.subarray(0, end).toString('latin1');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? NaN);
    const body = rest.subarray(end + 4);
    if (status >= 100 && status < 200) {
      rest = body;
      continue;
    }
    // an answer to HEAD has no body, whatever its headers say
    if (forHead) return { status, body: '' };
    const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
    if (length !== undefined)
      return body.length >= Number(length)
        ? { status, body: body.subarray(0, Number(length)).toString('utf8') }
        : closed
          ? { status, body: '' }
          : undefined;
    if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      const text = body.toString('latin1');
      if (!text.endsWith('0\r\n\r\n') && !closed) return undefined;
      let decoded = '';
      let at = 0;
      for (;;) {
        const lineEnd = text.indexOf('\r\n', at);
        const size = parseInt(text.slice(at, lineEnd), 16);
        if (!(size > 0)) break;
        decoded += text.slice(lineEnd + 2, lineEnd + 2 + size);
        at = lineEnd + 2 + size + 2;
      }
      return { status, body: Buffer.from(decoded, 'latin1').toString('utf8') };
    }
    return closed ? { status, body: body.toString('utf8') } : undefined;
  }
}

/**
 * Sends bytes on a fresh connection and reads one response. `feed` may keep writing (a huge
 * body) until the answer arrives; write errors after an early answer are expected and ignored.
 */
function raw(payload: string | Buffer, feed?: (socket: net.Socket, answered: () => boolean) => void, timeoutMs = 4000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let done = false;
    const isHead = Buffer.from(payload).subarray(0, 5).toString('latin1') === 'HEAD ';
    const finish = (answer: RawAnswer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish({ status: null, body: '(timeout)' }), timeoutMs);
    socket.on('connect', () => {
      socket.write(payload);
      feed?.(socket, () => done || buffer.length > 0);
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const answer = parseResponse(buffer, false, isHead);
      if (answer) finish(answer);
    });
    let failure = '';
    socket.on('error', (error: NodeJS.ErrnoException) => (failure = error.code ?? error.message));
    const opened = performance.now();
    socket.on('close', () =>
      finish(
        parseResponse(buffer, true, isHead) ?? {
          status: null,
          body: `(closed after ${Math.round(performance.now() - opened)} ms${failure ? `: ${failure}` : ''})`,
        },
      ),
    );
  });
}

const ipcHeaders = (extra = '') =>
  `Host: ${host}\r\nOrigin: ${preview.origin}\r\nX-Launcher-Token: ${token}\r\nContent-Type: application/json\r\n${extra}`;
const post = (target: string, body: string, headers = ipcHeaders()) =>
  `POST ${target} HTTP/1.1\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
const get = (target: string, headers = `Host: ${host}\r\n`) => `GET ${target} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`;

/** The health check after every batch: a valid, token-authenticated call answered correctly. */
async function statusStillAnswers() {
  const answer = await raw(post('/ipc/app%3Astatus', '{}'));
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toEqual({ ok: true, value: { hello: 'world' } });
}

/** Hand-written: each must get a 4xx (the exact one where it matters). */
function nastyRequests(): Array<{ name: string; payload: string | Buffer; expect?: number; feed?: Parameters<typeof raw>[1] }> {
  const noToken = `Host: ${host}\r\nOrigin: ${preview.origin}\r\nContent-Type: application/json\r\n`;
  const chunked = `POST /ipc/app:status HTTP/1.1\r\n${ipcHeaders()}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n`;
  const megabyte = Buffer.alloc(1024 * 1024, 0x20);
  return [
    { name: 'bad percent-escape (the reported crash)', payload: get('/%E0%A4%A'), expect: 400 },
    { name: 'bad percent-escape, truncated', payload: get('/%'), expect: 400 },
    { name: 'bad percent-escape, not hex', payload: get('/%G1'), expect: 400 },
    { name: 'overlong UTF-8 slash', payload: get('/%C0%AFetc/passwd'), expect: 400 },
    { name: 'bad escape in the IPC channel, with the token', payload: post('/ipc/%E0%A4%A', '{}'), expect: 400 },
    { name: 'bad escape in the IPC channel, without the token', payload: post('/ipc/%E0%A4%A', '{}', noToken), expect: 403 },
    { name: 'asterisk-form', payload: get('*'), expect: 400 },
    { name: 'scheme-relative //x', payload: get('//x'), expect: 400 },
    { name: 'scheme-relative //[ (bad host)', payload: get('//['), expect: 400 },
    { name: 'absolute-form', payload: get('http://evil/'), expect: 400 },
    { name: 'absolute-form with a bad host', payload: get('http://[/'), expect: 400 },
    { name: 'absolute-form to our own origin', payload: get(`${preview.origin}/`), expect: 400 },
    { name: 'very long URL (8 KB)', payload: get(`/${'a'.repeat(8000)}`), expect: 414 },
    { name: 'URL longer than the header limit (20 KB)', payload: get(`/${'a'.repeat(20_000)}`), expect: 431 },
    { name: 'NUL byte, escaped', payload: get('/index.html%00.js'), expect: 400 },
    { name: 'NUL byte, raw', payload: Buffer.from(`GET /a\0b HTTP/1.1\r\nHost: ${host}\r\n\r\n`, 'latin1'), expect: 400 },
    { name: 'NUL byte in a header', payload: Buffer.from(`GET / HTTP/1.1\r\nHost: ${host}\r\nX-A: a\0b\r\n\r\n`, 'latin1'), expect: 400 },
    { name: '.. traversal', payload: get('/../../../etc/passwd'), expect: 400 },
    { name: '.. traversal, escaped', payload: get('/..%2f..%2f..%2fetc%2fpasswd'), expect: 400 },
    { name: '.. traversal, double-escaped', payload: get('/%252e%252e/etc/passwd'), expect: 404 },
    { name: 'backslash traversal', payload: get('/..%5c..%5cetc%5cpasswd'), expect: 400 },
    { name: 'channel __proto__', payload: post('/ipc/__proto__', '{}'), expect: 404 },
    { name: 'channel constructor', payload: post('/ipc/constructor', '{}'), expect: 404 },
    { name: 'channel app:', payload: post('/ipc/app:', '{}'), expect: 404 },
    { name: 'channel :status', payload: post('/ipc/:status', '{}'), expect: 404 },
    { name: 'channel toString', payload: post('/ipc/toString', '{}'), expect: 404 },
    { name: 'channel __proto__:status', payload: post('/ipc/__proto__%3Astatus', '{}'), expect: 404 },
    { name: 'channel app:__proto__', payload: post('/ipc/app:__proto__', '{}'), expect: 404 },
    { name: 'empty channel', payload: post('/ipc/', '{}'), expect: 404 },
    { name: 'non-JSON body', payload: post('/ipc/app:status', 'not json'), expect: 400 },
    { name: 'truncated JSON body', payload: post('/ipc/app:status', '{"a":'), expect: 400 },
    {
      name: 'invalid UTF-8 body',
      payload: Buffer.concat([Buffer.from(post('/ipc/app:status', 'xx').slice(0, -2)), Buffer.from([0xff, 0xfe])]),
      expect: 400,
    },
    { name: 'JSON array body', payload: post('/ipc/app:status', '[]'), expect: 400 },
    { name: 'JSON null body', payload: post('/ipc/app:status', 'null'), expect: 400 },
    { name: 'JSON number body', payload: post('/ipc/app:status', '42'), expect: 400 },
    { name: 'JSON string body', payload: post('/ipc/app:status', '"hi"'), expect: 400 },
    { name: 'deeply nested JSON body', payload: post('/ipc/app:status', '['.repeat(200_000)), expect: 400 },
    { name: 'JSON object that breaks the schema', payload: post('/ipc/app:status', '{"extra":1}'), expect: 400 },
    { name: '__proto__ in the body', payload: post('/ipc/app:status', '{"__proto__":{"polluted":true}}'), expect: 400 },
    {
      name: 'text/plain body (a form post from another page)',
      payload: post(
        '/ipc/app:status',
        '{}',
        `Host: ${host}\r\nOrigin: ${preview.origin}\r\nX-Launcher-Token: ${token}\r\nContent-Type: text/plain\r\n`,
      ),
      expect: 415,
    },
    {
      name: 'declared 3 MB body: refused before reading it',
      payload: `POST /ipc/app:status HTTP/1.1\r\n${ipcHeaders()}Content-Length: ${3 * 1024 * 1024}\r\n\r\n`,
      feed: (socket) => socket.write(Buffer.alloc(64 * 1024, 0x20)),
      expect: 413,
    },
    {
      name: 'chunked body growing past 2 MB',
      payload: chunked,
      feed: (socket, answered) => {
        let sent = 0;
        const more = () => {
          if (answered() || socket.destroyed || sent > 64 * 1024 * 1024) return;
          sent += megabyte.length;
          socket.write(`${megabyte.length.toString(16)}\r\n`);
          socket.write(megabyte);
          socket.write('\r\n', () => setImmediate(more));
        };
        more();
      },
      expect: 413,
    },
    { name: 'missing token', payload: post('/ipc/app:status', '{}', noToken), expect: 403 },
    {
      name: 'wrong token',
      payload: post('/ipc/app:status', '{}', noToken + `X-Launcher-Token: ${'0'.repeat(token.length)}\r\n`),
      expect: 403,
    },
    { name: 'token with a suffix', payload: post('/ipc/app:status', '{}', noToken + `X-Launcher-Token: ${token}x\r\n`), expect: 403 },
    { name: 'token twice', payload: post('/ipc/app:status', '{}', ipcHeaders(`X-Launcher-Token: ${token}\r\n`)), expect: 403 },
    { name: 'token in the query instead', payload: post(`/ipc/app:status?token=${token}`, '{}', noToken), expect: 403 },
    {
      name: 'wrong Origin',
      payload: post(
        '/ipc/app:status',
        '{}',
        `Host: ${host}\r\nOrigin: http://evil.example\r\nX-Launcher-Token: ${token}\r\nContent-Type: application/json\r\n`,
      ),
      expect: 403,
    },
    {
      name: 'Origin null',
      payload: post(
        '/ipc/app:status',
        '{}',
        `Host: ${host}\r\nOrigin: null\r\nX-Launcher-Token: ${token}\r\nContent-Type: application/json\r\n`,
      ),
      expect: 403,
    },
    {
      name: 'no Origin',
      payload: post('/ipc/app:status', '{}', `Host: ${host}\r\nX-Launcher-Token: ${token}\r\nContent-Type: application/json\r\n`),
      expect: 403,
    },
    {
      name: 'wrong Host (DNS rebinding)',
      payload: post('/ipc/app:status', '{}', ipcHeaders().replace(`Host: ${host}`, 'Host: evil.example')),
      expect: 421,
    },
    { name: 'localhost Host', payload: get('/', `Host: localhost:${port}\r\n`), expect: 421 },
    { name: 'no Host (HTTP/1.0)', payload: 'GET / HTTP/1.0\r\n\r\n', expect: 421 },
    { name: 'no Host (HTTP/1.1)', payload: 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n', expect: 400 },
    { name: 'HEAD', payload: `HEAD / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, expect: 405 },
    {
      name: 'OPTIONS (CORS preflight)',
      payload: `OPTIONS /ipc/app:status HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://evil.example\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n`,
      expect: 405,
    },
    {
      name: 'PUT',
      payload: `PUT /ipc/app:status HTTP/1.1\r\n${ipcHeaders()}Content-Length: 2\r\nConnection: close\r\n\r\n{}`,
      expect: 405,
    },
    { name: 'DELETE', payload: `DELETE /index.html HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, expect: 405 },
    { name: 'GET on an IPC channel', payload: get('/ipc/app:status'), expect: 405 },
    { name: 'POST to a file', payload: post('/index.html', '{}'), expect: 405 },
    { name: 'CONNECT', payload: `CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n`, expect: 405 },
    { name: 'unknown method', payload: `BREW / HTTP/1.1\r\nHost: ${host}\r\n\r\n`, expect: 400 },
    { name: 'HTTP/9.9', payload: `GET / HTTP/9.9\r\nHost: ${host}\r\n\r\n`, expect: 400 },
    { name: 'garbage request line', payload: Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x0d, 0x0a, 0x0d, 0x0a]), expect: 400 },
    {
      name: 'both Content-Length and chunked',
      payload: `POST /ipc/app:status HTTP/1.1\r\n${ipcHeaders()}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
      expect: 400,
    },
    { name: 'bad chunk size', payload: `${chunked}zz\r\n{}\r\n0\r\n\r\n`, expect: 400 },
    { name: 'header too large', payload: `GET / HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`, expect: 431 },
    { name: 'missing file', payload: get('/nope.js'), expect: 404 },
    { name: 'a folder', payload: get('/assets'), expect: 404 },
  ];
}

/** Deterministic PRNG (mulberry32), so a failing seed can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

const CHANNELS = [
  'app:status',
  'app%3Astatus',
  'app:setDefaultCountry',
  'call:place',
  'contacts:list',
  '__proto__',
  'constructor',
  'app:',
  ':status',
  'toString',
  'hasOwnProperty',
  'app:status:x',
  'app%3A__proto__',
  '%00',
  '%E0%A4%A',
  '%',
  '..%2F..%2Fx',
  'app%253Astatus',
  '',
];
const SEGMENTS = [
  '',
  '.',
  '..',
  'index.html',
  'a.js',
  'preview-bridge.js',
  'assets',
  'ipc',
  '%2e%2e',
  '%2F',
  '%5C',
  '%00',
  '%ff',
  '%E0%A4%A',
  '%C0%AF',
  '%',
  '%%',
  '%zz',
  '%20',
  '~',
  'ü',
  '%F0%9F%98%80',
  '?',
  '?token=x',
  '#frag',
  ';',
  '*',
  'a'.repeat(300),
];
const METHODS = [
  'GET',
  'GET',
  'GET',
  'POST',
  'POST',
  'POST',
  'HEAD',
  'OPTIONS',
  'PUT',
  'DELETE',
  'PATCH',
  'TRACE',
  'get',
  'POST ',
  'G\tET',
];
const BODIES = [
  '{}',
  '{}',
  '[]',
  'null',
  '1',
  '"x"',
  'true',
  '{',
  '}',
  '{"a":1}',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{}}}',
  '{"country":"GB"}',
  '\u0000',
  '\uFEFF{}',
  '[{}]',
  '{"a":'.repeat(50),
  '',
  ' ',
];

/** One random request: a request line, a mix of right, wrong and missing headers, and a body. */
function randomRequest(random: ReturnType<typeof prng>): Buffer {
  const { next, int, pick } = random;
  // Four in ten look like the bridge's own calls (our Host, Origin and token, POST /ipc/…), so
  // the body and channel checks behind the guards are exercised too; the rest are anything.
  const authentic = next() < 0.4;
  const method = authentic && next() < 0.9 ? 'POST' : pick(METHODS);
  let target: string;
  const shape = int(10);
  if (authentic || shape < 4) target = `/ipc/${pick(CHANNELS)}`;
  else if (shape < 8) target = '/' + Array.from({ length: 1 + int(4) }, () => pick(SEGMENTS)).join('/');
  else
    target = pick([
      '*',
      '//x',
      '//[',
      'http://evil/',
      'http://[/',
      `${preview.origin}/`,
      'x',
      '',
      '/ipc',
      `/${'%41'.repeat(1500)}`,
      '/\u00e9',
      '/%F0%9F',
    ]);
  if (next() < 0.1) target += `?${pick(SEGMENTS)}`;
  const headers: string[] = [];
  const hostRoll = next();
  if (authentic || hostRoll < 0.8) headers.push(`Host: ${host}`);
  else if (hostRoll < 0.9)
    headers.push(pick(['Host: evil.example', `Host: localhost:${port}`, 'Host: ', `Host: ${host}\r\nHost: evil.example`]));
  const originRoll = next();
  if (authentic || originRoll < 0.6) headers.push(`Origin: ${preview.origin}`);
  else if (originRoll < 0.8)
    headers.push(
      pick(['Origin: null', 'Origin: http://evil.example', `Origin: ${preview.origin}.evil.example`, `Origin: http://localhost:${port}`]),
    );
  const tokenRoll = next();
  if ((authentic && tokenRoll < 0.9) || tokenRoll < 0.5) headers.push(`X-Launcher-Token: ${token}`);
  else if (tokenRoll < 0.75)
    headers.push(
      pick([
        `X-Launcher-Token: ${token.slice(1)}`,
        `X-Launcher-Token: ${token} `,
        'X-Launcher-Token: ',
        `X-Launcher-Token: ${token.toUpperCase()}`,
        `X-Launcher-Token: ${token}\r\nX-Launcher-Token: ${token}`,
      ]),
    );
  if (authentic || next() < 0.7)
    headers.push(
      pick([
        'Content-Type: application/json',
        'Content-Type: application/json',
        'Content-Type: application/json; charset=utf-8',
        'Content-Type: text/plain',
        'Content-Type: APPLICATION/JSON',
        'Content-Type: multipart/form-data; boundary=x',
      ]),
    );
  if (next() < 0.1)
    headers.push(
      pick([
        'Expect: 100-continue',
        'Upgrade: websocket\r\nConnection: Upgrade',
        'Transfer-Encoding: gzip',
        'Cookie: token=x',
        'X-Forwarded-Host: evil.example',
        'Range: bytes=0-1',
      ]),
    );
  let body = Buffer.alloc(0);
  if (method.startsWith('POST') || method === 'PUT' || next() < 0.1) {
    const bodyRoll = next();
    if (bodyRoll < 0.7) body = Buffer.from(pick(BODIES));
    else if (bodyRoll < 0.85) body = Buffer.from(Array.from({ length: int(200) }, () => int(256)));
    else body = Buffer.from(JSON.stringify({ country: 'GB', pad: 'x'.repeat(int(64 * 1024)) }));
  }
  const chunked = body.length > 0 && next() < 0.2;
  if (chunked) headers.push('Transfer-Encoding: chunked');
  else if (body.length > 0 || next() < 0.5) headers.push(`Content-Length: ${body.length}`);
  if (next() < 0.7) headers.push('Connection: close');
  const version = authentic || next() < 0.9 ? 'HTTP/1.1' : pick(['HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 x', 'http/1.1']);
  const head = Buffer.from(`${method} ${target} ${version}\r\n${headers.join('\r\n')}\r\n\r\n`, 'utf8');
  const framed = chunked ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]) : body;
  return Buffer.concat([head, framed]);
}

describe('browser preview server under fuzzing', () => {
  it('answers every hand-written nasty request with a 4xx and keeps serving', async () => {
    const started = performance.now();
    const wrong: string[] = [];
    const list = nastyRequests();
    for (const [index, request] of list.entries()) {
      const answer = await raw(request.payload, request.feed);
      const ok =
        answer.status !== null &&
        answer.status >= 400 &&
        answer.status < 500 &&
        (request.expect === undefined || answer.status === request.expect);
      if (!ok)
        wrong.push(`${request.name}: got ${answer.status ?? 'no answer'} ${answer.body.slice(0, 80)}, expected ${request.expect ?? '4xx'}`);
      if (index % 10 === 9) await statusStillAnswers();
    }
    await statusStillAnswers();
    console.log(`preview fuzz: ${list.length} hand-written requests, ${wrong.length} wrong, ${Math.round(performance.now() - started)} ms`);
    expect(wrong).toEqual([]);
    expect(crashes).toEqual([]);
    expect(serverLog).toEqual([]);
  });

  it('survives seeded random requests with and without the token: no crash, no 5xx, no silence', async () => {
    const seed = Number(process.env.PREVIEW_FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
    const random = prng(seed);
    const total = 400;
    const batch = 25;
    const statuses = new Map<string, number>();
    const bad: string[] = [];
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const payload = randomRequest(random);
      const answer = await raw(payload, undefined, 2000);
      const key = String(answer.status ?? 'none');
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      if (answer.status === null || answer.status >= 500)
        bad.push(`#${i} ${key}: ${JSON.stringify(payload.subarray(0, 200).toString('latin1'))}`);
      if (i % batch === batch - 1) await statusStillAnswers();
    }
    await statusStillAnswers();
    const counts = [...statuses.entries()]
      .sort()
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    console.log(
      `preview fuzz: seed ${seed} (PREVIEW_FUZZ_SEED=${seed} replays it), ${total} random requests in ${Math.round(performance.now() - started)} ms: ${counts}; ${bad.length} crashes/5xx/no answer`,
    );
    expect(bad).toEqual([]);
    expect(crashes).toEqual([]);
    expect(serverLog).toEqual([]);
  });
});
