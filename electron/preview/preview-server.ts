import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CSP_HEADER } from '../../renderer/csp';
import type { Dispatch } from '../core/ipc-dispatch';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };
const MAX_REQUEST_BYTES = 1024 * 1024;

export interface PreviewOptions {
  /** the dispatcher, given the origin the page is served from (known once listening) */
  dispatchFor(origin: string): Dispatch;
  rendererDir: string;
  bridgeScript: string;
  port?: number;
}

/**
 * The browser preview shell: serves the production renderer on 127.0.0.1 and carries the
 * typed bridge over HTTP. Guards against other local pages: the Host must be ours, the
 * Origin must be ours, and each call carries the session token from the URL fragment.
 */
export async function startPreviewServer(options: PreviewOptions) {
  const token = randomBytes(24).toString('hex');
  // Known once the server listens on its random port.
  const bound: { origin: string; dispatch?: Dispatch } = { origin: '' };
  const sameToken = (given: string | undefined) => {
    const a = Buffer.from(given ?? '');
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', bound.origin);
    if (req.headers.host !== new URL(bound.origin).host) return void res.writeHead(421).end('Misdirected request');
    if (req.method === 'POST' && url.pathname.startsWith('/ipc/')) {
      if (req.headers.origin !== bound.origin || !sameToken(req.headers['x-launcher-token'] as string | undefined)) {
        return void res.writeHead(403).end('Forbidden');
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_REQUEST_BYTES) return void res.writeHead(413).end('Too large');
        chunks.push(chunk as Buffer);
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        body = undefined;
      }
      const result = await bound.dispatch!({ url: `${bound.origin}/index.html`, isMainFrame: true }, decodeURIComponent(url.pathname.slice(5)), body);
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return void res.end(JSON.stringify(result));
    }
    if (req.method !== 'GET') return void res.writeHead(405).end();
    if (url.pathname === '/preview-bridge.js') {
      res.writeHead(200, { 'content-type': TYPES['.js']! });
      return void res.end(options.bridgeScript);
    }
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(options.rendererDir, relative);
    if (!file.startsWith(options.rendererDir + path.sep)) return void res.writeHead(403).end();
    try {
      let content: Buffer | string = await readFile(file);
      if (relative === 'index.html') {
        // The bridge must exist before the app's module script runs.
        content = content.toString('utf8').replace('<script type="module"', '<script src="./preview-bridge.js"></script>\n    <script type="module"');
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP_HEADER, 'x-content-type-options': 'nosniff' });
      res.end(content);
    } catch {
      res.writeHead(404).end('Not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bound.origin = origin;
  bound.dispatch = options.dispatchFor(origin);
  return {
    origin,
    /** open this address; the token travels in the fragment, never to the server logs */
    url: `${origin}/#token=${token}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
