import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { startPreviewServer } from '../../electron/preview/preview-server';

/** The browser preview shell must not let other local pages (or DNS rebinding) drive the app. */
let preview: Awaited<ReturnType<typeof startPreviewServer>>;
let token: string;
let rendererDir: string;
const handlers = { app: { status: async () => ({ hello: 'world' }) } };

beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(os.tmpdir(), 'feather-preview-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<html><head><script type="module" src="./a.js"></script></head></html>');
  preview = await startPreviewServer({
    dispatchFor: (origin) => createDispatcher(handlers as never, { trustedOrigins: [origin], validateResponses: false }),
    rendererDir,
    bridgeScript: '/* bridge */',
  });
  token = new URL(preview.url).hash.replace('#token=', '');
});
afterAll(async () => {
  await preview.close();
  await rm(rendererDir, { recursive: true, force: true });
});

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
    expect((await ipc({ origin: preview.origin, 'x-launcher-token': token.slice(0, -1) + (token.endsWith('0') ? '1' : '0') })).status).toBe(
      403,
    );
    const rebound = await new Promise<number>((resolve) => {
      const url = new URL(`${preview.origin}/ipc/app:status`);
      import('node:http').then(({ request }) => {
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: { host: 'evil.example', origin: preview.origin, 'x-launcher-token': token },
          },
          (res) => resolve(res.statusCode ?? 0),
        );
        req.end('{}');
      });
    });
    expect(rebound).toBe(421);
  });
});

describe('browser preview server: robustness and sessions', () => {
  const status = (headers: Record<string, string> = { origin: preview.origin, 'x-launcher-token': token }) =>
    fetch(`${preview.origin}/ipc/app%3Astatus`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{}',
    });

  it('keeps the token valid for the life of the server (a reload keeps working)', async () => {
    for (let i = 0; i < 5; i++) expect(await (await status()).json()).toEqual({ ok: true, value: { hello: 'world' } });
  });

  it('answers a bad percent-escape with 400 instead of crashing, and keeps serving', async () => {
    expect((await fetch(`${preview.origin}/%E0%A4%A`)).status).toBe(400);
    expect(
      (
        await fetch(`${preview.origin}/ipc/%E0%A4%A`, {
          method: 'POST',
          headers: { origin: preview.origin, 'x-launcher-token': token, 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(400);
    expect((await status()).status).toBe(200);
  });

  it('refuses unknown channels, non-JSON and non-object bodies, and bodies over 2 MB with a 4xx and a result body', async () => {
    const post = (channel: string, body: string) =>
      fetch(`${preview.origin}/ipc/${channel}`, {
        method: 'POST',
        headers: { origin: preview.origin, 'x-launcher-token': token, 'content-type': 'application/json' },
        body,
      });
    for (const channel of ['__proto__', 'constructor', 'app%3A', '%3Astatus']) {
      const res = await post(channel, '{}');
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    for (const body of ['nope', '[]', 'null', '7']) expect((await post('app%3Astatus', body)).status).toBe(400);
    expect((await post('app%3Astatus', '{"unexpected":true}')).status).toBe(400);
    const huge = await post('app%3Astatus', ' '.repeat(3 * 1024 * 1024));
    expect(huge.status).toBe(413);
    // a contacts import carries the file itself: its contract allows far more than 2 MB
    const importing = await post('contacts%3AimportPreview', JSON.stringify({ fileName: 'big.csv', text: 'name,phone\n'.repeat(400_000) }));
    expect(importing.status).toBe(200);
    expect(await importing.json()).toMatchObject({ ok: false, error: { message: 'No handler for contacts:importPreview.' } });
    expect((await status()).status).toBe(200);
  });

  it('the bridge keeps the token across a reload in sessionStorage, never in the address', async () => {
    const storage = new Map<string, string>();
    const address = { hash: `#token=${token}`, pathname: '/' };
    const sent: string[] = [];
    vi.stubGlobal('__LAUNCHER_CHANNELS__', [['app', 'status']]);
    vi.stubGlobal('window', {});
    vi.stubGlobal('location', address);
    vi.stubGlobal('history', {
      replaceState: (_state: unknown, _title: string, url: string) => Object.assign(address, { hash: '', pathname: url }),
    });
    vi.stubGlobal('sessionStorage', {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
    });
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      sent.push(url);
      return realFetch(new URL(url, `${preview.origin}/`), {
        ...init,
        headers: { ...(init.headers as Record<string, string>), origin: preview.origin },
      });
    });
    try {
      type Bridge = { app: { status(request: object): Promise<unknown> } };
      const load = async () => {
        vi.resetModules();
        await import('../../electron/preview/preview-bridge');
        return (globalThis as unknown as { window: { launcher: Bridge } }).window.launcher;
      };
      expect(await (await load()).app.status({})).toEqual({ ok: true, value: { hello: 'world' } });
      expect(address.hash).toBe('');
      // the reload: no fragment any more, the same tab's sessionStorage
      expect(await (await load()).app.status({})).toEqual({ ok: true, value: { hello: 'world' } });
      expect(sent.every((url) => !url.includes(token))).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

/**
 * The preview CLI as `npm start` runs it (bundled like scripts/build-electron.ts does), with a
 * stand-in browser that records its command line: no token on any command line, a private
 * profile folder, the opener file, and Ctrl+C/SIGTERM ending the browser and the server.
 */
describe('browser preview CLI', () => {
  it('opens the browser without the token on its command line, in a private profile, and ends it on SIGTERM', async () => {
    // inside node_modules so the bundle finds keytar like dist/ does
    await mkdir(path.resolve('node_modules/.cache'), { recursive: true });
    const root = await mkdtemp(path.resolve('node_modules/.cache/feather-preview-cli-'));
    const dataDir = path.join(root, 'data');
    try {
      await build({
        entryPoints: ['electron/preview/cli.ts'],
        outfile: path.join(root, 'preview/cli.js'),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        // native modules stay outside the bundle, as in scripts/build-electron.ts
        external: ['keytar', 'better-sqlite3'],
        logLevel: 'error',
        banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      });
      await writeFile(path.join(root, 'preview/preview-bridge.js'), '/* bridge */');
      const record = path.join(root, 'browser.txt');
      const fakeBrowser = path.join(root, 'browser.sh');
      await writeFile(fakeBrowser, `#!/bin/sh\necho "$$" > "${record}.pid"\nprintf '%s\\n' "$@" > "${record}"\nexec sleep 60\n`);
      await chmod(fakeBrowser, 0o755);

      const cli = spawn(process.execPath, [path.join(root, 'preview/cli.js')], {
        env: {
          ...process.env,
          FEATHER_USER_DATA_DIR: dataDir,
          FEATHER_KEYCHAIN_SERVICE: `feather-preview-cli-test-${process.pid}`,
          BROWSER: fakeBrowser,
          DISPLAY: ':99',
          NO_BROWSER: '',
          PORT: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      cli.stdout.on('data', (chunk) => (output += chunk));
      cli.stderr.on('data', (chunk) => (output += chunk));
      const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
      const until = async (check: () => Promise<boolean> | boolean, what: string) => {
        for (let i = 0; i < 150; i++) {
          if (await check()) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`timed out waiting for ${what}; output:\n${output}`);
      };
      await until(() => /#token=[0-9a-f]+/.test(output), 'the address');
      await until(
        () =>
          readFile(`${record}.pid`, 'utf8').then(
            (text) => text.trim().length > 0,
            () => false,
          ),
        'the browser',
      );
      await until(
        () =>
          readFile(record, 'utf8').then(
            (text) => text.includes('--user-data-dir'),
            () => false,
          ),
        'the browser arguments',
      );
      const url = /(http:\/\/127\.0\.0\.1:\d+\/#token=([0-9a-f]+))/.exec(output)!;
      const [, , cliToken] = url;
      const origin = new URL(url[1]!).origin;
      const argv = (await readFile(record, 'utf8')).trim().split('\n');
      const browserPid = Number((await readFile(`${record}.pid`, 'utf8')).trim());

      // nothing on a command line carries the token (what `ps` shows)
      expect(argv.join(' ')).not.toContain(cliToken);
      expect((await readFile(`/proc/${cli.pid}/cmdline`, 'utf8')).includes(cliToken!)).toBe(false);
      expect((await readFile(`/proc/${browserPid}/cmdline`, 'utf8')).includes(cliToken!)).toBe(false);
      // a private profile inside the app's data folder, and an opener file only we can read
      const profile = path.join(dataDir, 'preview-browser');
      expect(argv).toContain(`--user-data-dir=${profile}`);
      expect((await stat(profile)).mode & 0o777).toBe(0o700);
      const app = argv.find((arg) => arg.startsWith('--app='))!;
      const opener = new URL(app.slice('--app='.length));
      expect(opener.protocol).toBe('file:');
      expect(path.dirname(opener.pathname)).toBe(profile);
      expect((await stat(opener.pathname)).mode & 0o777).toBe(0o600);
      expect(await readFile(opener.pathname, 'utf8')).toContain(`url=${url[1]}`);

      // the page's first authenticated call: the opener has done its job and goes; reloads keep working
      const call = () =>
        fetch(`${origin}/ipc/app%3Astatus`, {
          method: 'POST',
          headers: { origin, 'x-launcher-token': cliToken!, 'content-type': 'application/json' },
          body: '{}',
        });
      for (let i = 0; i < 3; i++) expect(((await (await call()).json()) as { ok: boolean }).ok).toBe(true);
      await until(async () => !(await readdir(profile)).some((name) => name.startsWith('open-')), 'the opener to be removed');
      // a request that used to crash the preview
      expect((await fetch(`${origin}/%E0%A4%A`)).status).toBe(400);
      expect((await call()).status).toBe(200);

      cli.kill('SIGTERM');
      expect(await exited).toBe(0);
      await until(() => {
        try {
          process.kill(browserPid, 0);
          return false;
        } catch {
          return true;
        }
      }, 'the browser to end');
      expect(output).not.toMatch(/uncaught|unhandled/i);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('browser preview server: main → renderer events', () => {
  it('streams each event as a JSON line to our page only, and stops listening when the page goes', async () => {
    const { createEventBus } = await import('../../electron/core/event-bus');
    const bus = createEventBus();
    let listeners = 0;
    const server = await startPreviewServer({
      dispatchFor: (origin) => createDispatcher(handlers as never, { trustedOrigins: [origin], validateResponses: false }),
      rendererDir,
      bridgeScript: '/* bridge */',
      subscribe: (listener) => {
        listeners++;
        const stop = bus.subscribe(listener);
        return () => {
          listeners--;
          stop();
        };
      },
    });
    const key = new URL(server.url).hash.replace('#token=', '');
    try {
      // without the token, or from another origin: refused, nothing subscribed
      expect((await fetch(`${server.origin}/events`, { method: 'POST', headers: { origin: server.origin } })).status).toBe(403);
      expect(
        (await fetch(`${server.origin}/events`, { method: 'POST', headers: { origin: 'https://evil.example', 'x-launcher-token': key } }))
          .status,
      ).toBe(403);
      expect(listeners).toBe(0);

      const controller = new AbortController();
      const res = await fetch(`${server.origin}/events`, {
        method: 'POST',
        headers: { origin: server.origin, 'x-launcher-token': key },
        signal: controller.signal,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/x-ndjson');
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      await vi.waitFor(() => expect(listeners).toBe(1));
      bus.emit('contacts:changed', { count: 7 });
      let text = '';
      while (!text.includes('contacts:changed')) text += (await reader.read()).value ?? '';
      expect(
        text
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l)),
      ).toEqual([{ event: 'contacts:changed', payload: { count: 7 } }]);
      controller.abort();
      await vi.waitFor(() => expect(listeners).toBe(0));
    } finally {
      await server.close();
    }
  });
});
