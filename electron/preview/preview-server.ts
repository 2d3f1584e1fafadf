// Over 300 lines on purpose: the preview's whole HTTP surface (token, Host/Origin checks, size limits, static files, IPC,
// file uploads, the event stream) in one file, to audit as one; only the reading and parsing of a body, under the limit
// given here, lives in json-body.ts.
import http, { STATUS_CODES } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { CSP_HEADER } from '../../shared/csp';
import { MAX_IMPORT_BYTES } from '../../shared/contacts/import/import-limits';
import { channels } from '../../shared/contract';
import type { Dispatch } from '../core/ipc-dispatch';
import type { UploadSink } from '../core/contacts/import/import-uploads';
import { readJsonBody } from './json-body';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const MB = 1024 * 1024;
/** The largest IPC body accepted (413 above it), on every channel but those below. */
export const MAX_REQUEST_BYTES = 2 * MB;
/**
 * The few channels whose requests carry a whole file or a long list get what their contract
 * allows, as JSON (with room for escapes and multi-byte characters). Bodies are only ever read
 * after the Host, Origin and token checks, so only our own page can send these.
 */
export const LARGE_BODY_LIMITS: Readonly<Record<string, number>> = {
  'contacts:importPreview': 256 * MB, // a file as text, up to 80 million characters (tests; the page uploads files: /upload)
  'templates:importPreview': 16 * MB, // up to 5 million characters
  'templates:import': 16 * MB,
  'contacts:remove': 12 * MB, // up to 100,000 ids
};
/** Longer request targets are refused with 414 (the renderer's own are a few dozen characters). */
export const MAX_URL_LENGTH = 4096;
/** Every channel of the contract; anything else under /ipc/ is a 404 before it reaches the dispatcher. */
const KNOWN_CHANNELS: ReadonlySet<string> = new Set(channels.map((c) => c.channel));
/** NUL, other control characters and backslashes never belong in one of our paths. */
// eslint-disable-next-line no-control-regex
const BAD_PATH_CHARS = /[\u0000-\u001f\u007f\\]/;

export interface PreviewOptions {
  /** the dispatcher, given the origin the page is served from (known once listening) */
  dispatchFor(origin: string): Dispatch;
  rendererDir: string;
  bridgeScript: string;
  port?: number;
  /** called once, at the first request that carries the session token (the CLI then deletes its opener file) */
  onFirstAuthenticatedRequest?(): void;
  /** main → renderer events, streamed to the page (one JSON line each) at POST /events */
  subscribe?(listener: (event: string, payload: unknown) => void): () => void;
  /** where unexpected errors are reported; never given the token */
  log?(message: string): void;
  /**
   * Receives a file chosen for an import (POST /upload, streamed: electron/preview/upload-file.ts);
   * the answer carries the upload's id for `contacts:importPreview`. Without it, uploads are a 404.
   */
  receiveUpload?(): UploadSink;
}

type Res = http.ServerResponse;
const JSON_TYPE = { 'content-type': 'application/json' };

/** Sends a small answer unless one is already on its way; then the connection is dropped instead. */
function send(res: Res, status: number, body: string, headers: http.OutgoingHttpHeaders = {}) {
  if (res.headersSent || res.destroyed) return void res.destroy();
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

/** An IPC refusal, in the result shape the bridge understands. */
const ipcError = (
  res: Res,
  status: number,
  code: 'invalid_request' | 'forbidden_sender',
  message: string,
  headers: http.OutgoingHttpHeaders = {},
) => send(res, status, JSON.stringify({ ok: false, error: { code, message } }), { ...JSON_TYPE, ...headers });

/**
 * 413 at once, without buffering the body. The whole answer is written, but the response is
 * ended (and the socket closed) only once the client has stopped sending, or after two seconds:
 * closing a socket with unread data resets the connection, and the client could lose the 413
 * it was about to read. Meanwhile what still arrives is read and dropped.
 */
function refuseTooLarge(req: http.IncomingMessage, res: Res) {
  req.resume();
  if (res.headersSent || res.destroyed) return void res.destroy();
  const body = JSON.stringify({ ok: false, error: { code: 'invalid_request', message: 'The request is too large.' } });
  res.writeHead(413, { ...JSON_TYPE, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', connection: 'close' });
  res.write(body);
  const finish = () => {
    clearTimeout(linger);
    res.end();
  };
  const linger = setTimeout(finish, 2000);
  if (req.complete) return finish();
  req.once('end', finish);
  req.once('close', finish);
  res.once('close', finish);
}

/**
 * The browser preview shell: serves the production renderer on 127.0.0.1 and carries the
 * typed bridge over HTTP. Guards against other local pages: the Host must be ours, the
 * Origin must be ours, and each call carries the session token from the URL fragment.
 *
 * The token is valid for the life of the server (a reload keeps working: the bridge keeps it
 * in the tab's sessionStorage); it never travels in a URL the server sees, a query or argv.
 *
 * No request can take the server down: every malformed target, escape, method, header or body
 * gets a 4xx, and an unexpected error in one request is answered 500 and logged, never thrown.
 */
export async function startPreviewServer(options: PreviewOptions) {
  const token = randomBytes(24).toString('hex');
  const log = options.log ?? ((message: string) => console.error(message));
  const rendererDir = path.resolve(options.rendererDir);
  // Known once the server listens on its random port.
  const bound: { origin: string; host: string; dispatch?: Dispatch } = { origin: '', host: '' };
  let authenticatedOnce = false;
  const sameToken = (given: string | string[] | undefined) => {
    if (typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  async function handleIpc(req: http.IncomingMessage, res: Res, encodedChannel: string) {
    if (req.method !== 'POST') return ipcError(res, 405, 'invalid_request', 'Use POST.', { allow: 'POST' });
    if (req.headers.origin !== bound.origin || !sameToken(req.headers['x-launcher-token'])) {
      return ipcError(res, 403, 'forbidden_sender', 'This request did not come from the Feather Launcher preview.');
    }
    if (!authenticatedOnce) {
      authenticatedOnce = true;
      try {
        options.onFirstAuthenticatedRequest?.();
      } catch (error) {
        log(`preview: onFirstAuthenticatedRequest failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    let channel: string;
    try {
      channel = decodeURIComponent(encodedChannel);
    } catch {
      return ipcError(res, 400, 'invalid_request', 'The operation name is not a valid escape.');
    }
    if (!KNOWN_CHANNELS.has(channel)) return ipcError(res, 404, 'invalid_request', 'Unknown operation.');
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return ipcError(res, 415, 'invalid_request', 'The body must be application/json.');
    const limit = LARGE_BODY_LIMITS[channel] ?? MAX_REQUEST_BYTES;
    const declared = req.headers['content-length'];
    // Answered before a byte of the body is read.
    if (declared !== undefined && Number(declared) > limit) return refuseTooLarge(req, res);
    // A large body (an import's file) is decoded and parsed off the event loop: see json-body.ts.
    const body = await readJsonBody(req, limit);
    if (body.kind === 'aborted') return void res.destroy();
    if (body.kind === 'too-large') return refuseTooLarge(req, res);
    if (body.parsed.kind === 'not-utf8') return ipcError(res, 400, 'invalid_request', 'The body is not UTF-8.');
    if (body.parsed.kind === 'not-json') return ipcError(res, 400, 'invalid_request', 'The body is not JSON.');
    const request = body.parsed.value;
    // Every request of the contract is an object; arrays, null and bare values are refused here.
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      return ipcError(res, 400, 'invalid_request', 'The body must be a JSON object.');
    }
    const result = await bound.dispatch!({ url: `${bound.origin}/index.html`, isMainFrame: true }, channel, request);
    // A request that broke the contract is the client's fault: 400, with the dispatcher's fields.
    const status = !result.ok && result.error.code === 'invalid_request' ? 400 : 200;
    send(res, status, JSON.stringify(result), JSON_TYPE);
  }

  /**
   * A file for an import, as the page sends it (one binary POST, no JSON, no base64): its bytes go to
   * the import's worker as they arrive, never gathered on the loop. Same checks as IPC (Origin, token);
   * past MAX_IMPORT_BYTES it is refused (413) at its declared length, or as soon as it goes over.
   */
  function handleUpload(req: http.IncomingMessage, res: Res) {
    if (req.method !== 'POST') return ipcError(res, 405, 'invalid_request', 'Use POST.', { allow: 'POST' });
    if (req.headers.origin !== bound.origin || !sameToken(req.headers['x-launcher-token'])) {
      return ipcError(res, 403, 'forbidden_sender', 'This request did not come from the Feather Launcher preview.');
    }
    if (!options.receiveUpload) return ipcError(res, 404, 'invalid_request', 'Unknown operation.');
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/octet-stream') return ipcError(res, 415, 'invalid_request', 'The body must be application/octet-stream.');
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > MAX_IMPORT_BYTES) return refuseTooLarge(req, res);
    const sink = options.receiveUpload();
    let size = 0;
    let done = false;
    const stop = () => {
      if (done) return;
      done = true;
      req.off('data', onData);
      sink.abort();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_IMPORT_BYTES) {
        stop();
        return refuseTooLarge(req, res);
      }
      sink.write(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      if (done) return;
      done = true;
      sink.end();
      send(res, 200, JSON.stringify({ ok: true, value: { upload: sink.id } }), JSON_TYPE);
    });
    req.once('error', stop);
    req.once('close', () => !req.complete && stop());
  }

  /**
   * Main → renderer events for the page: a POST (so the browser sends its Origin) that stays
   * open and carries one JSON line per event, with a blank line every 20 s to keep it alive.
   */
  function handleEvents(req: http.IncomingMessage, res: Res) {
    if (req.method !== 'POST') return ipcError(res, 405, 'invalid_request', 'Use POST.', { allow: 'POST' });
    if (req.headers.origin !== bound.origin || !sameToken(req.headers['x-launcher-token'])) {
      return ipcError(res, 403, 'forbidden_sender', 'This request did not come from the Feather Launcher preview.');
    }
    req.resume();
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.write('\n');
    const stop = options.subscribe?.((event, payload) => {
      if (!res.destroyed) res.write(`${JSON.stringify({ event, payload })}\n`);
    });
    const keepAlive = setInterval(() => !res.destroyed && res.write('\n'), 20_000);
    res.once('close', () => {
      clearInterval(keepAlive);
      stop?.();
    });
  }

  async function handleStatic(req: http.IncomingMessage, res: Res, pathname: string) {
    if (req.method !== 'GET') return send(res, 405, 'Method not allowed', { allow: 'GET' });
    if (pathname === '/preview-bridge.js') return send(res, 200, options.bridgeScript, { 'content-type': TYPES['.js']! });
    const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
    if (relative.split('/').some((segment) => segment === '..' || segment === '.')) return send(res, 400, 'Bad request');
    const file = path.resolve(rendererDir, relative);
    if (!file.startsWith(rendererDir + path.sep)) return send(res, 403, 'Forbidden');
    let content: Buffer | string;
    try {
      content = await readFile(file);
    } catch {
      return send(res, 404, 'Not found');
    }
    if (relative === 'index.html') {
      // The bridge must exist before the app's module script runs.
      content = content
        .toString('utf8')
        .replace('<script type="module"', '<script src="./preview-bridge.js"></script>\n    <script type="module"');
    }
    if (res.headersSent || res.destroyed) return;
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP_HEADER,
      'x-content-type-options': 'nosniff',
    });
    res.end(content);
  }

  async function handle(req: http.IncomingMessage, res: Res) {
    const target = req.url ?? '';
    if (target.length > MAX_URL_LENGTH) return send(res, 414, 'URI too long', { connection: 'close' });
    if (req.headers.host !== bound.host) return send(res, 421, 'Misdirected request');
    // Origin-form only: `*`, absolute-form (`http://evil/`) and `//x` (scheme-relative) are refused.
    if (!target.startsWith('/') || target.startsWith('//')) return send(res, 400, 'Bad request target');
    const rawPath = target.split(/[?#]/, 1)[0]!;
    if (rawPath.startsWith('/ipc/') || rawPath === '/ipc') return handleIpc(req, res, rawPath.slice(5));
    if (rawPath === '/events') return handleEvents(req, res);
    if (rawPath === '/upload') return handleUpload(req, res);
    let pathname: string;
    try {
      pathname = decodeURIComponent(rawPath);
    } catch {
      return send(res, 400, 'Bad percent-escape');
    }
    if (BAD_PATH_CHARS.test(pathname)) return send(res, 400, 'Bad request');
    return handleStatic(req, res, pathname);
  }

  const server = http.createServer({ headersTimeout: 10_000, requestTimeout: 30_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`preview: request failed: ${error instanceof Error ? error.message : String(error)}`);
      send(res, 500, 'Internal error');
    });
  });
  // Requests Node's parser refuses (bad request line, NUL in a header, headers too large…).
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  // CONNECT (proxy tunnels) is never ours; without this listener Node would just drop the connection.
  server.on('connect', (_req: http.IncomingMessage, socket: Socket) => {
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log(`preview: server error: ${error.message}`));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bound.origin = origin;
  bound.host = new URL(origin).host;
  bound.dispatch = options.dispatchFor(origin);
  return {
    origin,
    /** open this address; the token travels in the fragment, never to the server logs */
    url: `${origin}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections of an open tab would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
