import type http from 'node:http';
import { Worker } from 'node:worker_threads';

/**
 * Reading an IPC request's JSON body without holding the preview's event loop. Small bodies (every
 * channel's ordinary requests) are decoded and parsed at once. A large one — an import carries the
 * whole file, up to 256 MB of JSON — is handed to a worker thread a megabyte at a time as it arrives,
 * and the worker decodes and parses it: decoding and parsing a 100 MB body on the loop held it for
 * ~0.8 s (issue 17), every other request and the event stream waiting meanwhile. What is left on the
 * loop is receiving the parsed request (one copy of the file's string), a fraction of that.
 */

/** Bodies up to this size are parsed on the loop (a few ms at most); larger ones in a worker. */
export const INLINE_PARSE_BYTES = 1024 * 1024;
/** what the worker is handed per message: big enough to keep messages few, small enough to copy in well under a ms */
const BATCH_BYTES = 1024 * 1024;
/** a string longer than this comes back from the worker in pieces of this many characters (a few ms each to take in) */
const PIECE_CHARS = 1024 * 1024;

export type ParsedBody = { kind: 'ok'; value: unknown } | { kind: 'not-utf8' } | { kind: 'not-json' };
export type JsonBody = { kind: 'parsed'; parsed: ParsedBody } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * The one rule for a body, in both places: strict UTF-8 (a BOM is dropped), blank means `{}`, else
 * JSON. The worker runs the same rule from its source below (kept the same by
 * test/integration/preview-server.test.ts, which sends every kind of body at both sizes).
 */
export function parseJsonBody(bytes: Uint8Array): ParsedBody {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { kind: 'not-utf8' };
  }
  try {
    return { kind: 'ok', value: text.trim() === '' ? {} : JSON.parse(text) };
  } catch {
    return { kind: 'not-json' };
  }
}

// Plain JavaScript run with `eval: true`, so it works the same from the TypeScript sources (tests)
// and from the esbuild bundle in dist/preview (no second file to build or find).
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const batches = [];
const queue = [];
parentPort.on('message', (batch) => {
  if (batch === 'next') return void parentPort.postMessage({ kind: 'piece', text: queue.shift() });
  if (batch !== null) return void batches.push(batch);
  // each stage lets go of the one before: a 256 MB body is never held four times over
  let bytes = Buffer.concat(batches);
  batches.length = 0;
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return void parentPort.postMessage({ kind: 'not-utf8' });
  }
  bytes = null;
  let value;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return void parentPort.postMessage({ kind: 'not-json' });
  }
  text = null;
  // A big string follows in pieces, each sent when main asks for the next, so main takes each in a task of
  // its own (one 75-million-character string held main's loop ~270 ms while it was copied in; pieces sent
  // all at once are taken in one task too). Its place in the value is { [marker]: [id, pieces] }; the walk
  // changes the value in place (an own "__proto__" key stays a key).
  const marker = 'feather-piece-' + Math.random().toString(36).slice(2) + Date.now();
  let strings = 0;
  const walk = (v) => {
    if (typeof v === 'string') {
      if (v.length <= ${PIECE_CHARS}) return v;
      const count = Math.ceil(v.length / ${PIECE_CHARS});
      for (let at = 0; at < v.length; at += ${PIECE_CHARS}) queue.push(v.slice(at, at + ${PIECE_CHARS}));
      return { [marker]: [strings++, count] };
    }
    if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) v[k] = walk(v[k]);
    return v;
  };
  value = walk(value);
  parentPort.postMessage({ kind: 'ok', value, marker: queue.length > 0 ? marker : null, pieces: queue.length });
});
`;

/** Puts each big string the worker sent in pieces back in its place (see the worker's source). */
function restorePieces(value: unknown, marker: string, pieces: string[]): unknown {
  let next = 0;
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const record = v as Record<string, unknown>;
    const keys = Object.keys(record);
    const found = keys.length === 1 && keys[0] === marker ? record[marker] : null;
    if (Array.isArray(found) && typeof found[1] === 'number') {
      let text = '';
      for (let i = 0; i < found[1]; i++) text += pieces[next++] ?? ''; // joined without a copy until it is read
      return text;
    }
    for (const k of keys) record[k] = walk(record[k]);
    return v;
  };
  return walk(value);
}

/** A worker fed the body a batch at a time; `end()` resolves with its verdict. */
function startParser() {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  let batch = new Uint8Array(BATCH_BYTES);
  let filled = 0;
  const flush = () => {
    if (filled === 0) return;
    const full = filled === batch.length ? batch : batch.slice(0, filled);
    worker.postMessage(full, [full.buffer]); // moved, not copied
    batch = new Uint8Array(BATCH_BYTES);
    filled = 0;
  };
  // terminate() settles once the thread is gone; nothing waits for that
  const stop = () => void worker.terminate().catch(() => undefined);
  const verdict = new Promise<ParsedBody>((resolve, reject) => {
    const pieces: string[] = [];
    let shaped: { value: unknown; marker: string; pieces: number } | null = null;
    type Message = ParsedBody | { kind: 'piece'; text: string };
    worker.on('message', (message: Message & { marker?: string | null; pieces?: number }) => {
      if (message.kind === 'piece') pieces.push(message.text);
      else if (message.kind === 'ok' && message.marker)
        shaped = { value: message.value, marker: message.marker, pieces: message.pieces ?? 0 };
      else return resolve(message.kind === 'ok' ? { kind: 'ok', value: message.value } : message);
      if (!shaped) return;
      if (pieces.length < shaped.pieces) return worker.postMessage('next'); // one at a time: each in a task of its own
      resolve({ kind: 'ok', value: restorePieces(shaped.value, shaped.marker, pieces) });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the body parser stopped (exit code ${code})`)));
  });
  // settled by end(); until then a failure is not anyone's to handle
  verdict.catch(() => undefined);
  return {
    push(chunk: Uint8Array) {
      for (let at = 0; at < chunk.length;) {
        const n = Math.min(chunk.length - at, batch.length - filled);
        batch.set(chunk.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled === batch.length) flush();
      }
    },
    end(): Promise<ParsedBody> {
      flush();
      worker.postMessage(null);
      return verdict.finally(stop);
    },
    stop,
  };
}

/**
 * Reads a request body up to `limit` bytes and parses it as JSON. Past the limit it stops keeping
 * anything (the rest is read and dropped, never buffered) and answers `too-large` at once. Rejects
 * only if the worker itself fails (out of memory, say): the caller answers 500.
 */
export function readJsonBody(req: http.IncomingMessage, limit: number): Promise<JsonBody> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    let parser: ReturnType<typeof startParser> | undefined;
    let settled = false;
    let ended = false;
    const finish = (body: JsonBody) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      chunks = [];
      if (body.kind !== 'parsed') parser?.stop();
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish({ kind: 'too-large' });
        req.resume();
        return;
      }
      if (parser) return parser.push(chunk);
      chunks.push(chunk);
      if (size > INLINE_PARSE_BYTES) {
        parser = startParser();
        for (const kept of chunks) parser.push(kept);
        chunks = [];
      }
    };
    req.on('data', onData);
    req.once('end', () => {
      ended = true;
      if (!parser) return finish({ kind: 'parsed', parsed: parseJsonBody(Buffer.concat(chunks, size)) });
      parser.end().then(
        (parsed) => finish({ kind: 'parsed', parsed }),
        (error: unknown) => {
          if (settled) return;
          settled = true;
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
    req.once('error', () => !ended && finish({ kind: 'aborted' }));
    req.once('close', () => !ended && finish({ kind: 'aborted' }));
  });
}
