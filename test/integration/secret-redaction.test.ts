import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { createLauncherCore } from '../../electron/core/launcher-core';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { secretRegistry } from '../../electron/core/connection/secret-registry';
import { keyHint } from '../../electron/core/connection/key-hint';
import { testKeychain } from '../support/test-keychain';

/**
 * Issue 8, "Secrets": a key of any format, echoed back by the server in `message`/`detail`/`error`
 * (raw, URL-encoded, inside JSON), reaches no bridge answer, no console line and no file of ours.
 * The real core (conf stores, the real keychain, real HTTP to the simulator) behind the dispatcher.
 */
const ORIGIN = 'https://feather-launcher.test';
const SENDER = { url: `${ORIGIN}/index.html`, isMainFrame: true };

const KEYS: Array<[format: string, key: string]> = [
  ['fth_live_ (32 chars)', 'fth_live_Zq3xR7pLm2Nw8vKc5Tb1Hy9j'],
  ['sk- (27 chars)', 'sk-ant4Xb9QmR2vLp8NcT7wYz3K'],
  ['sk-proj- (40 chars)', 'sk-proj-Q7vN2xLm9RtB4kW8pZc3Hy6JdF1sGa5E'],
  ['bare 20-char token', 'AbCdEfGhIjKlMnOpQrSt'],
  ['base64 token with + / =', 'Zm9vYmFy+c2VjcmV0/a2V5=='],
  ['short 10-char key', 'k9Xq2Wm7Pz'],
];

/** every form a server (or a log line) might carry the key in */
const forms = (key: string) => [
  key,
  encodeURIComponent(key),
  new URLSearchParams({ k: key }).toString().slice(2),
  JSON.stringify(key).slice(1, -1),
  JSON.stringify(key).slice(1, -1).replace(/\//g, '\\/'),
];

const user = { user_id: 'u-sec', role: 'admin', email: 'sec@example.com', display_name: 'Sec Admin' };
const keychain = testKeychain();
let sim: Simulator;
const dirs: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ keys: KEYS.map(([, key]) => ({ key, user })) });
});
afterAll(async () => {
  await sim.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  sim.clearFaults();
  vi.restoreAllMocks();
  await keychain.cleanup();
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.push(await readFile(path.join(entry.parentPath, entry.name), 'utf8'));
  }
  return out;
}

function captureConsole(): string[] {
  const lines: string[] = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(`${level}: ${format(...args)}`));
  }
  return lines;
}

function app(dir: string) {
  const core = createLauncherCore({
    stores: confStoreFactory(dir),
    dataDir: dir,
    secrets: keychain.store,
    startSimulator: () => startSimulator(),
    localeRegion: 'US',
  });
  const dispatch = createDispatcher(core.handlers, {
    trustedOrigins: [ORIGIN],
    validateResponses: true,
    // as the e2e harness does: the whole error object goes to the console
    onError: (channel, error) => console.error(`[bridge] ${channel}`, error),
  });
  const answers: Array<{ channel: string; response: unknown }> = [];
  const call = async (channel: string, request: unknown = {}) => {
    const response = await dispatch(SENDER, channel, request);
    answers.push({ channel, response });
    return response as {
      ok: boolean;
      value?: unknown;
      error?: { code: string; message: string; featherCode?: string; fields?: Record<string, string> };
    };
  };
  return { core, call, answers };
}

const place = (toNumber: string) => ({
  requestId: randomUUID(),
  toNumber,
  defaultCountry: 'US',
  fromNumberId: DEMO_IDS.numberSf,
  caller: { mode: 'agent', agentId: DEMO_IDS.agentMorgan },
  contextVariables: [],
});

describe('secret redaction: a key echoed by the server never leaves the core', () => {
  it.each(KEYS)('%s', async (_format, key) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-secrets-'));
    dirs.push(dir);
    const consoleLines = captureConsole();
    const first = app(dir);
    const { call } = first;
    const answers = first.answers;

    const used = await call('connection:use', { kind: 'custom', baseUrl: sim.url });
    expect(used.ok).toBe(true);
    const profileId = (used.value as { activeProfile: { id: string } }).activeProfile.id;
    const whoami = '/v1/identity/whoami';

    // 1. While the key is being verified (not stored yet): raw in `message`, as `error`, URL-encoded in `detail`.
    sim.injectFault({ path: whoami, status: 400, body: { error: 'bad', message: `key ${key} is revoked` } });
    const refused400 = await call('connection:saveKey', { profileId, apiKey: key });
    expect(refused400).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    sim.injectFault({ path: whoami, status: 401, body: { error: key, message: 'unknown key' } });
    expect(await call('connection:saveKey', { profileId, apiKey: key })).toMatchObject({ ok: false, error: { code: 'invalid_key' } });
    sim.injectFault({ path: whoami, status: 500, body: { detail: `no such key: ${encodeURIComponent(key)}` } });
    expect(await call('connection:saveKey', { profileId, apiKey: key })).toMatchObject({ ok: false, error: { code: 'server_error' } });

    const saved = await call('connection:saveKey', { profileId, apiKey: key });
    expect(saved).toMatchObject({ ok: true, value: { activeProfile: { hasKey: true, keyHint: keyHint(key) } } });
    // A short key's hint shows at most 4 of its characters.
    if (key.length < 16) expect(keyHint(key).replace('…', '').length).toBeLessThanOrEqual(4);
    expect(secretRegistry.redact(key)).toBe(keyHint(key)); // held in memory, so redacted

    // 2. The stored key: verify, echoed inside JSON, form-encoded, with JSON's escaped slash.
    sim.injectFault({
      path: whoami,
      status: 401,
      body: { error: 'unauthorized', message: JSON.stringify({ api_key: key, valid: false }) },
    });
    expect(await call('connection:verify')).toMatchObject({ ok: false, error: { code: 'invalid_key' } });
    sim.injectFault({ path: whoami, status: 403, body: { detail: `forbidden for ${new URLSearchParams({ 'x-api-key': key })}` } });
    expect(await call('connection:verify')).toMatchObject({ ok: false, error: { code: 'invalid_key' } });
    sim.injectFault({ path: whoami, status: 404, body: { message: JSON.stringify({ key }).replace(/\//g, '\\/') } });
    expect(await call('connection:verify')).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // 3. Outbound: 409 with the key in `message`, 422 in `detail[].msg` (on a field and unplaced), 400 URL-encoded.
    const outbound = '/v1/voice/outbound';
    sim.injectFault({ method: 'POST', path: outbound, status: 409, body: { error: 'conflict', message: `a call for ${key} is running` } });
    const conflict = await call('call:place', place('+1 415 555 0132'));
    expect(conflict).toMatchObject({ ok: false, error: { code: 'conflict' } });
    sim.injectFault({
      method: 'POST',
      path: outbound,
      status: 422,
      body: {
        detail: [
          { loc: ['body', 'to_phone_number'], msg: `not callable with ${key}`, type: 'value_error' },
          { loc: ['header', 'x-api-key'], msg: `bad header ${JSON.stringify(key)}`, type: 'value_error' },
        ],
      },
    });
    expect(await call('call:place', place('+1 415 555 0133'))).toMatchObject({ ok: false, error: { code: 'validation' } });
    sim.injectFault({ method: 'POST', path: outbound, status: 400, body: { detail: `bad key=${encodeURIComponent(key)}` } });
    expect(await call('call:place', place('+1 415 555 0134'))).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    // 4. Directory refresh: the key refused on a list (refreshError in the answer, kept for directory:list).
    sim.injectFault({ path: /^\/v1\//, status: 401, body: { error: key, message: `key ${key} revoked` }, times: Infinity });
    const refreshed = await call('directory:refresh');
    expect(refreshed.ok).toBe(true);
    expect((refreshed.value as { refreshError: string | null }).refreshError).toMatch(/refused/);
    await call('directory:list');
    sim.clearFaults();
    await first.core.close();

    // 5. A restart: the key is read from the keychain, then echoed again.
    const second = app(dir);
    sim.injectFault({ path: whoami, status: 401, body: { error: 'unauthorized', detail: `key ${key} expired` } });
    expect(await second.call('connection:verify')).toMatchObject({ ok: false, error: { code: 'invalid_key' } });
    sim.injectFault({ path: /^\/v1\//, status: 403, body: { message: `key=${encodeURIComponent(key)}` }, times: Infinity });
    await second.call('directory:refresh');
    sim.clearFaults();
    await second.call('app:status');
    expect(await second.call('connection:removeKey', { profileId })).toMatchObject({ ok: true });
    await second.core.close();
    answers.push(...second.answers);
    expect(secretRegistry.redact(key)).toBe(key); // removed and closed: nothing held any more

    const bridge = answers.map((a) => JSON.stringify(a.response));
    const files = await filesUnder(dir);
    expect(files.length).toBeGreaterThan(0);
    const leaks: string[] = [];
    for (const form of new Set(forms(key))) {
      bridge.forEach((text, i) => text.includes(form) && leaks.push(`bridge ${answers[i]!.channel}: ${text}`));
      for (const line of consoleLines) if (line.includes(form)) leaks.push(`console ${line}`);
      for (const text of files) if (text.includes(form)) leaks.push(`file: ${text.slice(0, 200)}`);
    }
    expect(leaks).toEqual([]);
    // The server's words are still shown, with the key replaced by its hint.
    expect(conflict.error!.message).toContain(`a call for ${keyHint(key)} is running`);
  });
});
