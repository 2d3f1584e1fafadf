import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveRendererFile } from '../../electron/main/app-protocol';

describe('app:// protocol handler', () => {
  it('serves the renderer with the CSP header and refuses paths outside it', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'feather-renderer-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
    await writeFile(path.join(root, 'assets/app.js'), 'console.log(1)');
    await writeFile(path.join(root, '..', 'secret.txt'), 'secret');

    const index = await serveRendererFile(root, 'app://feather/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    expect(index.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect((await serveRendererFile(root, 'app://feather/assets/app.js')).headers.get('content-type')).toMatch(/javascript/);

    expect((await serveRendererFile(root, 'app://feather/..%2Fsecret.txt')).status).toBe(403);
    expect((await serveRendererFile(root, 'app://feather/missing.js')).status).toBe(404);
  });

  it('answers 400 to a malformed %-escape instead of throwing', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'feather-renderer-'));
    for (const url of ['app://feather/%E0%A4%A', 'app://feather/%', 'app://feather/assets/%C3%28.js'])
      expect((await serveRendererFile(root, url)).status).toBe(400);
  });
});
