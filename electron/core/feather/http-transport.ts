import http from 'node:http';
import https from 'node:https';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * `notSent`: the request never reached the server (refused, DNS, TLS failure).
 * `unknown`: it may have reached the server (timeout or reset after it was written).
 * The distinction decides whether "try again" is safe for a non-idempotent POST.
 */
export class TransportError extends Error {
  constructor(
    readonly kind: 'notSent' | 'unknown',
    readonly reason: 'timeout' | 'reset' | 'refused' | 'dns' | 'tls' | 'other',
    message: string,
    /** the HTTP status, when the status line arrived before the body failed (too big, cut off, too slow) */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** "within 250 ms", "within 15 s": a timeout under a second is never "0 s" */
export const within = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`);

export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** node:http(s) with one overall timeout and exact knowledge of whether bytes went out. */
export const nodeHttpTransport: HttpTransport = (request) =>
  new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const lib = url.protocol === 'https:' ? https : http;
    let mayHaveBeenSent = false;
    let settled = false;
    /** the status line of an answer whose body is still coming */
    let status: number | undefined;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));

    const req = lib.request(url, { method: request.method, headers, agent: false });
    const timer = setTimeout(() => {
      const error = new TransportError(
        mayHaveBeenSent ? 'unknown' : 'notSent',
        'timeout',
        status === undefined
          ? `No answer within ${within(request.timeoutMs)}.`
          : `The answer did not finish within ${within(request.timeoutMs)}.`,
        status,
      );
      settle(() => reject(error));
      req.destroy(error);
    }, request.timeoutMs);

    req.on('socket', (socket) => {
      const connectedEvent = url.protocol === 'https:' ? 'secureConnect' : 'connect';
      socket.once(connectedEvent, () => {
        // Once connected and the body is handed over, the server may act on it.
        req.once('finish', () => (mayHaveBeenSent = true));
      });
    });
    req.on('response', (res) => {
      status = res.statusCode;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          req.destroy(new TransportError('unknown', 'other', 'The server sent an oversized answer.', status));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        settle(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })),
      );
      res.on('error', (error) => settle(() => reject(classify(error, true, status))));
      res.on('aborted', () => settle(() => reject(new TransportError('unknown', 'reset', 'The connection dropped mid-answer.', status))));
    });
    req.on('error', (error) => settle(() => reject(classify(error, mayHaveBeenSent, status))));
    req.end(request.body);
  });

function classify(error: Error & { code?: string }, mayHaveBeenSent: boolean, status?: number): TransportError {
  if (error instanceof TransportError) return error;
  if (status !== undefined)
    return new TransportError('unknown', error.code === 'ECONNRESET' ? 'reset' : 'other', 'The answer was cut off.', status);
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return new TransportError('notSent', 'refused', 'Connection refused.');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportError('notSent', 'dns', 'The server name could not be resolved.');
  if (!mayHaveBeenSent && (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'EPROTO')) {
    return new TransportError('notSent', 'tls', 'A secure connection could not be set up.');
  }
  if (!mayHaveBeenSent && (code === 'ENETUNREACH' || code === 'EHOSTUNREACH' || code === 'ECONNRESET')) {
    return new TransportError('notSent', code === 'ECONNRESET' ? 'reset' : 'refused', 'The network is unreachable.');
  }
  return new TransportError(mayHaveBeenSent ? 'unknown' : 'notSent', code === 'ECONNRESET' ? 'reset' : 'other', 'The connection failed.');
}
