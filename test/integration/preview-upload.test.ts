import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { rawPost } from '../support/raw-post';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import type { LauncherCore } from '../../electron/core/launcher-core';
import { startPreviewServer } from '../../electron/preview/preview-server';
import { MAX_IMPORT_BYTES } from '../../shared/contacts/import/import-limits';
import { importCore } from '../support/import-core';

/**
 * The browser preview's way to import a file (issue 18): the page has no file paths, so it streams the
 * chosen file's bytes in one binary POST to /upload (electron/preview/upload-file.ts) — no JSON, no
 * base64 — and names the upload's id in `contacts:importPreview`. The bytes go into the import's worker
 * as they arrive; the server's event loop only passes them on.
 */
const cleanups: Array<() => Promise<unknown>> = [];
let core: LauncherCore;
let preview: Awaited<ReturnType<typeof startPreviewServer>>;
let token: string;

beforeAll(async () => {
  ({ core } = await importCore('preview-upload', cleanups));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-preview-upload-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await writeFile(path.join(dir, 'index.html'), '<html></html>');
  preview = await startPreviewServer({
    dispatchFor: (origin) => createDispatcher(core.handlers, { trustedOrigins: [origin], validateResponses: true }),
    rendererDir: dir,
    bridgeScript: '/* bridge */',
    receiveUpload: () => core.contacts.imports.receive(),
  });
  token = new URL(preview.url).hash.replace('#token=', '');
});
afterAll(async () => {
  await preview.close();
  for (const c of cleanups.splice(0)) await c();
});

/** POSTs to `target` (the body written in pieces, as a browser streams a file) and reads the answer. */
const post = (target: string, body: Buffer | Buffer[], headers: http.OutgoingHttpHeaders = {}) =>
  rawPost({ origin: preview.origin, token }, target, body, { 'content-type': 'application/octet-stream', ...headers });
const ipc = (channel: string, request: unknown) =>
  post(`/ipc/${encodeURIComponent(channel)}`, Buffer.from(JSON.stringify(request)), { 'content-type': 'application/json' });

describe('importing a file through the browser preview', () => {
  it('uploads the bytes (Windows-1252, cut anywhere), then previews and imports them by the upload’s id', async () => {
    const csv =
      'First Name,Last Name,Phone 1 - Label,Phone 1 - Value\r\nSøren,Müller,Mobile,+49 30 1234567\r\nJosé,Núñez,Work,(415) 555-0132\r\n';
    const bytes = Buffer.from(csv, 'latin1');
    const uploaded = await post('/upload', [bytes.subarray(0, 7), bytes.subarray(7, 60), bytes.subarray(60)]);
    expect(uploaded).toMatchObject({ status: 200, json: { ok: true, value: { upload: expect.stringMatching(/^[0-9a-f-]{36}$/) } } });
    const upload = (uploaded.json as { value: { upload: string } }).value.upload;

    const started = await ipc('contacts:importPreview', { fileName: 'people.csv', upload, country: 'US' });
    expect(started).toMatchObject({ status: 200, json: { ok: true } });
    const { jobId } = (started.json as { value: { jobId: string } }).value;
    const status = await core.contacts.imports.settle(jobId);
    expect(status).toMatchObject({ phase: 'ready', format: 'google', total: 2, encoding: { id: 'windows-1252', detected: true } });
    expect(status.rows.map((r) => [r.name, r.numbers])).toEqual([
      ['Søren Müller', ['+49301234567']],
      ['José Núñez', ['+14155550132']],
    ]);
    core.contacts.imports.commit(jobId);
    expect(await core.contacts.imports.settle(jobId)).toMatchObject({ phase: 'done', result: { added: 2 } });

    // an upload is taken once: naming it again finds nothing
    expect(await ipc('contacts:importPreview', { fileName: 'people.csv', upload })).toMatchObject({
      json: { ok: false, error: { code: 'validation', message: 'The file did not arrive. Choose it again.' } },
    });
  });

  it('only from our own page, only bytes, and never more than an import takes', async () => {
    expect(await post('/upload', Buffer.from('x'), { 'x-launcher-token': 'nope' })).toMatchObject({ status: 403 });
    expect(await post('/upload', Buffer.from('x'), { origin: 'http://evil.example' })).toMatchObject({ status: 403 });
    expect(await post('/upload', Buffer.from('{}'), { 'content-type': 'application/json' })).toMatchObject({ status: 415 });
    const over = await post('/upload', Buffer.from('x'), { 'content-length': String(MAX_IMPORT_BYTES + 1) }).catch(() => ({ status: 413 }));
    expect(over.status).toBe(413);
    // an id that was never an upload
    expect(await ipc('contacts:importPreview', { fileName: 'a.csv', upload: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      json: { ok: false, error: { code: 'validation' } },
    });
  });

  it('a large file sent in many pieces arrives whole and in order', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `P${i},Q${i},Mobile,+44 20 7946 ${String(i % 10_000).padStart(4, '0')}\n`);
    const csv = `First Name,Last Name,Phone 1 - Label,Phone 1 - Value\n${rows.join('')}`; // 1.5 MB in 64 KB pieces
    const bytes = Buffer.from(csv);
    const pieces: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 65_536) pieces.push(bytes.subarray(i, i + 65_536));
    const cpu = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
    let worst = 0;
    let last = cpu();
    const timer = setInterval(() => {
      const now = cpu();
      worst = Math.max(worst, now - last);
      last = now;
    }, 2);
    const uploaded = await post('/upload', pieces);
    const upload = (uploaded.json as { value: { upload: string } }).value.upload;
    const { jobId } = core.contacts.imports.start({ fileName: 'big.csv', upload });
    const status = await core.contacts.imports.settle(jobId);
    clearInterval(timer);
    // every row, in order, none broken by a cut between two pieces
    expect(status).toMatchObject({ phase: 'ready', total: 40_000, error: null, counts: { skip: 0, warnings: 0 } });
    expect(status.sample[0]).toEqual(['P0', 'Q0', 'Mobile', '+44 20 7946 0000']);
    expect(status.counts.new + status.counts.merge).toBe(40_000);
    console.log(
      `a 1.5 MB upload, read and planned: the server's thread held at most ${worst.toFixed(1)} ms of its CPU at a time (bench: npm run bench)`,
    );
  });
});
