import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { createSecretRegistry, secretMatcher } from '../../electron/core/connection/secret-registry';
import { keyHint } from '../../electron/core/connection/key-hint';
import { AppFailure } from '../../shared/result';

const B64 = 'Zm9vYmFy+c2VjcmV0/a2V5==';
const SK = 'sk-ant4Xb9QmR2vLp8NcT7wYz3K';
const SHORT = 'k9Xq2Wm7Pz';

describe('secret registry', () => {
  it('replaces a remembered value by its hint, in every form, until it is forgotten', () => {
    const registry = createSecretRegistry();
    expect(registry.redact(`key ${SK}`)).toBe(`key ${SK}`);
    registry.remember(B64);
    const hint = keyHint(B64);
    expect(registry.redact(`raw ${B64}.`)).toBe(`raw ${hint}.`);
    expect(registry.redact(`url ${encodeURIComponent(B64)}`)).toBe(`url ${hint}`);
    expect(registry.redact(`lower hex ${encodeURIComponent(B64).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}`)).toBe(
      `lower hex ${hint}`,
    );
    expect(registry.redact(new URLSearchParams({ key: B64 }).toString())).toBe(`key=${hint}`);
    expect(registry.redact(JSON.stringify({ key: B64 }).replace(/\//g, '\\/'))).toBe(`{"key":"${hint}"}`);
    expect(registry.redact(`twice ${B64}${B64}`)).toBe(`twice ${hint}${hint}`);
    registry.forget(B64);
    expect(registry.redact(`raw ${B64}`)).toBe(`raw ${B64}`);
  });

  it('counts holders: a value stays redacted until each one forgot it', () => {
    const registry = createSecretRegistry();
    registry.remember(SK);
    registry.remember(SK);
    registry.forget(SK);
    expect(registry.redact(SK)).toBe(keyHint(SK));
    registry.forget(SK);
    registry.forget(SK); // one too many is harmless
    expect(registry.redact(SK)).toBe(SK);
  });

  it('escapes JSON-special characters and ignores values too short to be keys', () => {
    const registry = createSecretRegistry();
    const quoted = 'ab"cd\\ef/gh12';
    registry.remember(quoted);
    registry.remember('short');
    expect(registry.redact(JSON.stringify({ k: quoted }))).toBe(`{"k":"${keyHint(quoted)}"}`);
    expect(registry.redact(JSON.stringify(JSON.stringify({ k: quoted })))).not.toContain('cd\\\\\\\\ef');
    expect(registry.redact('a short word')).toBe('a short word');
  });

  it('redacts deep, copying only what changed', () => {
    const registry = createSecretRegistry();
    const clean = { a: [{ b: 'x' }], n: 1, d: null };
    expect(registry.redactDeep(clean)).toBe(clean);
    registry.remember(SHORT);
    expect(registry.redactDeep(clean)).toBe(clean);
    const dirty = { ok: false, error: { code: 'x', message: `m ${SHORT}`, fields: { apiKey: SHORT } }, list: ['a', [`${SHORT}!`]], clean };
    const out = registry.redactDeep(dirty);
    expect(out).toEqual({
      ok: false,
      error: { code: 'x', message: `m ${keyHint(SHORT)}`, fields: { apiKey: keyHint(SHORT) } },
      list: ['a', [`${keyHint(SHORT)}!`]],
      clean,
    });
    expect(out.clean).toBe(clean);
    expect(dirty.error.message).toBe(`m ${SHORT}`); // the input is not changed
  });

  it('redacts errors: message, stack and an AppFailure’s appError', () => {
    const registry = createSecretRegistry();
    const plain = new Error('nothing here');
    registry.remember(SK);
    expect(registry.redactError(plain)).toBe(plain);
    const leaky = registry.redactError(new TypeError(`bad ${SK}`)) as Error;
    expect(leaky.name).toBe('TypeError');
    expect(`${leaky.message} ${leaky.stack}`).not.toContain(SK);
    const failure = registry.redactError(new AppFailure({ code: 'conflict', message: `for ${SK}`, featherCode: SK }));
    expect(failure).toBeInstanceOf(AppFailure);
    expect(JSON.stringify((failure as AppFailure).appError)).not.toContain(SK);
    expect(registry.redactError(`text ${SK}`)).toBe(`text ${keyHint(SK)}`);
  });

  it('a fixed matcher (a client’s own key) works without the registry', () => {
    expect(secretMatcher([SK]).redact(`x ${encodeURIComponent(SK)} y`)).toBe(`x ${keyHint(SK)} y`);
    expect(secretMatcher(['tiny']).redact('tiny')).toBe('tiny');
  });
});

describe('dispatcher: the last line of defence', () => {
  const ORIGIN = 'app://feather';
  const own = { url: `${ORIGIN}/index.html`, isMainFrame: true };

  it('takes remembered keys out of every answer and every reported error', async () => {
    const secrets = createSecretRegistry();
    secrets.remember(SK);
    const onError = vi.fn();
    const handlers = {
      app: {
        status: async () => ({ nested: { list: [`value ${SK}`, encodeURIComponent(SK)] } }),
        setDefaultCountry: async () => {
          throw new Error(`boom ${SK}`);
        },
      },
      connection: {
        verify: async () => {
          throw new AppFailure({ code: 'invalid_key', message: `refused ${SK}`, featherCode: SK, fields: { apiKey: SK } });
        },
      },
    };
    const dispatch = createDispatcher(handlers as never, { trustedOrigins: [ORIGIN], validateResponses: false, onError, secrets });
    const answers = [
      await dispatch(own, 'app:status', {}),
      await dispatch(own, 'app:setDefaultCountry', { country: 'GB' }),
      await dispatch(own, 'connection:verify', {}),
    ];
    expect(answers[0]).toEqual({ ok: true, value: { nested: { list: [`value ${keyHint(SK)}`, keyHint(SK)] } } });
    expect(answers[2]).toMatchObject({
      ok: false,
      error: { code: 'invalid_key', message: `refused ${keyHint(SK)}`, featherCode: keyHint(SK) },
    });
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(SK);
    expect(onError).toHaveBeenCalledTimes(1);
    const reported = onError.mock.calls[0]![1] as Error;
    expect(`${reported.message} ${reported.stack}`).not.toContain(SK);
  });
});
