import { describe, expect, it, vi } from 'vitest';
import { channels, channelNames, contract } from '../../shared/contract';
import { buildBridge } from '../../shared/bridge';
import { checkEvent } from '../../shared/main-events';
import { createDispatcher, isTrustedSender } from '../../electron/core/ipc-dispatch';
import { AppFailure } from '../../shared/result';

const ORIGIN = 'app://feather';
const own = { url: `${ORIGIN}/index.html`, isMainFrame: true };

describe('IPC contract', () => {
  it('names every channel domain:verb and covers the whole contract', () => {
    const expected = Object.entries(contract).flatMap(([d, verbs]) => Object.keys(verbs).map((v) => `${d}:${v}`));
    expect(channels.map((c) => c.channel)).toEqual(expected);
    expect(channels.every((c) => /^[a-z]+:[a-zA-Z]+$/.test(c.channel))).toBe(true);
  });

  it('the bridge exposes exactly one function per operation, `on` for events, `importFile` for a chosen file, and nothing else', async () => {
    const seen: Array<[string, unknown]> = [];
    let deliver: ((event: string, payload: unknown) => void) | null = null;
    let opened = 0;
    const bridge = buildBridge(
      channelNames(),
      async (channel, request) => {
        seen.push([channel, request]);
        return { ok: true, value: null };
      },
      (listener) => {
        opened++;
        deliver = listener;
        return () => (deliver = null);
      },
    );
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(contract), 'on', 'importFile'].sort());
    // events: one transport subscription, opened on first use; each listener hears its own event until it stops
    const heard: unknown[] = [];
    const stop = bridge.on('templates:changed', (payload) => heard.push(payload));
    bridge.on('status:changed', () => heard.push('wrong event'));
    expect(opened).toBe(1);
    deliver!('templates:changed', []);
    stop();
    deliver!('templates:changed', ['late']);
    expect(heard).toEqual([[]]);
    expect(Object.keys(bridge.connection).sort()).toEqual(Object.keys(contract.connection).sort());
    await bridge.call.place({} as never);
    expect(seen).toEqual([['call:place', {}]]);
    expect(Object.isFrozen(bridge) && Object.isFrozen(bridge.app)).toBe(true);
  });

  it('checks events at the bridge (the window carries no schemas): a payload that breaks the contract, or an unknown event, is dropped', () => {
    let deliver: (event: string, payload: unknown) => void = () => undefined;
    const listen = (listener: typeof deliver) => ((deliver = listener), () => undefined);
    const bridge = buildBridge(channelNames(), async () => null, listen, checkEvent);
    const heard: unknown[] = [];
    bridge.on('contacts:changed', (payload) => heard.push(payload));
    bridge.on('toString', (payload) => heard.push(payload));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    deliver('contacts:changed', { count: -1 });
    deliver('contacts:changed', { count: 2, extra: 'stripped' });
    deliver('toString', { count: 3 });
    warn.mockRestore();
    expect(heard).toEqual([{ count: 2 }]);
  });
});

describe('dispatcher', () => {
  const handlers = {
    app: {
      status: async () => {
        throw new AppFailure({ code: 'no_key', message: 'No key' });
      },
      setDefaultCountry: async () => {
        throw new Error('boom with fth_live_secretsecret123');
      },
    },
    connection: { use: async () => ({ wrong: 'shape' }) },
  };
  const dispatch = createDispatcher(handlers as never, { trustedOrigins: [ORIGIN], validateResponses: true });

  it('refuses a foreign origin and a sub-frame', async () => {
    expect(await dispatch({ url: 'https://evil.example/', isMainFrame: true }, 'app:status', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(await dispatch({ url: `${ORIGIN}/index.html`, isMainFrame: false }, 'app:status', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(await dispatch({ url: 'file:///etc/passwd', isMainFrame: true }, 'app:status', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
  });

  it('refuses unknown channels and malformed requests with the failing fields', async () => {
    expect(await dispatch(own, 'secrets:dump', {})).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const bad = await dispatch(own, 'call:place', { requestId: 'not-a-uuid', toNumber: 5 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(!bad.ok && Object.keys(bad.error.fields ?? {})).toEqual(expect.arrayContaining(['requestId', 'toNumber']));
  });

  it('turns thrown errors into a result union, with keys redacted', async () => {
    expect(await dispatch(own, 'app:status', {})).toEqual({ ok: false, error: { code: 'no_key', message: 'No key' } });
    const crashed = await dispatch(own, 'app:setDefaultCountry', { country: 'GB' });
    expect(crashed).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(crashed)).not.toContain('fth_live_secretsecret123');
  });

  it('catches a handler answer that breaks the contract', async () => {
    expect(await dispatch(own, 'connection:use', { kind: 'simulator' })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('compares custom-scheme origins by scheme and host', () => {
    expect(isTrustedSender({ url: 'app://feather/assets/x.js', isMainFrame: true }, [ORIGIN])).toBe(true);
    expect(isTrustedSender({ url: 'app://other/index.html', isMainFrame: true }, [ORIGIN])).toBe(false);
    expect(isTrustedSender({ url: 'not a url', isMainFrame: true }, [ORIGIN])).toBe(false);
  });
});
