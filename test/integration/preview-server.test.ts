import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { startPreviewServer } from '../../electron/preview/preview-server';

/** The browser preview shell must not let other local pages (or DNS rebinding) drive the app. */
let preview: Awaited<ReturnType<typeof startPreviewServer>>;
let token: string;
const handlers = { app: { status: async () => ({ hello: 'world' }) } };

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-preview-'));
  await writeFile(path.join(dir, 'index.html'), '<html><head><script type="module" src="./a.js"></script></head></html>');
  preview = await startPreviewServer({
    dispatchFor: (origin) => createDispatcher(handlers as never, { trustedOrigins: [origin], validateResponses: false }),
    rendererDir: dir,
    bridgeScript: '/* bridge */',
  });
  token = new URL(preview.url).hash.replace('#token=', '');
});
afterAll(() => preview.close());

const ipc = (headers: Record<string, string>) =>
  fetch(`${preview.origin}/ipc/app:status`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

describe('browser preview server', () => {
  it('serves index.html with the bridge script first and the CSP header', async () => {
    const res = await fetch(`${preview.origin}/`);
    const html = await res.text();
    expect(html.indexOf('preview-bridge.js')).toBeLessThan(html.indexOf('type="module"'));
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });

  it('answers the bridge for our origin with the session token', async () => {
    const res = await ipc({ origin: preview.origin, 'x-launcher-token': token });
    expect(await res.json()).toEqual({ ok: true, value: { hello: 'world' } });
  });

  it('refuses calls without the token, from another origin, or to another Host', async () => {
    expect((await ipc({ origin: preview.origin })).status).toBe(403);
    expect((await ipc({ origin: 'https://evil.example', 'x-launcher-token': token })).status).toBe(403);
    expect((await ipc({ origin: preview.origin, 'x-launcher-token': token.slice(0, -1) + (token.endsWith('0') ? '1' : '0') })).status).toBe(403);
    const rebound = await new Promise<number>((resolve) => {
      const url = new URL(`${preview.origin}/ipc/app:status`);
      import('node:http').then(({ request }) => {
        const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { host: 'evil.example', origin: preview.origin, 'x-launcher-token': token } }, (res) => resolve(res.statusCode ?? 0));
        req.end('{}');
      });
    });
    expect(rebound).toBe(421);
  });
});
