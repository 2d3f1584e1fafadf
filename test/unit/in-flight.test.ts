import { describe, expect, it } from 'vitest';
import { trackInFlight } from '../../electron/core/in-flight';
import type { Handlers } from '../../electron/core/handler-types';

type Fake = Record<string, Record<string, (request: unknown) => unknown>>;
const table = (verbs: Fake) => verbs as unknown as Handlers;
const call = (handlers: Handlers, domain: string, verb: string) => (handlers as unknown as Fake)[domain]![verb]!({});

describe('closing with requests still being answered', () => {
  it('waits for a running request, refuses a new one, and answers at-once requests as before', async () => {
    let finish = () => {};
    const written: string[] = [];
    const tracked = trackInFlight(
      table({
        app: { status: () => 'now' },
        directory: { refresh: () => new Promise<void>((resolve) => (finish = resolve)).then(() => written.push('cache')) },
      }),
    );
    expect(call(tracked.handlers, 'app', 'status')).toBe('now');
    const refresh = call(tracked.handlers, 'directory', 'refresh');
    const drained = tracked.drain(5_000);
    expect(() => call(tracked.handlers, 'app', 'status')).toThrow(/closing: nothing was done/);
    setTimeout(finish, 20);
    expect(await drained).toBe(true);
    expect(written).toEqual(['cache']);
    await refresh;
  });

  it('does not wait for ever: a request that never answers lets closing go on after the limit', async () => {
    const tracked = trackInFlight(table({ call: { place: () => new Promise(() => {}) } }));
    void call(tracked.handlers, 'call', 'place');
    expect(await tracked.drain(30)).toBe(false);
  });

  it('other work run through it (a link’s directory refresh) is waited for too, and refused once closing', async () => {
    let finish = () => {};
    const tracked = trackInFlight(table({}));
    const refresh = tracked.run(() => new Promise<string>((resolve) => (finish = () => resolve('written'))));
    const drained = tracked.drain(5_000);
    await expect(tracked.run(async () => 'late')).rejects.toThrow(/closing/);
    setTimeout(finish, 20);
    expect(await drained).toBe(true);
    expect(await refresh).toBe('written');
  });

  it('a failed request counts as finished', async () => {
    const tracked = trackInFlight(table({ templates: { save: () => Promise.reject(new Error('disk full')) } }));
    await expect(call(tracked.handlers, 'templates', 'save')).rejects.toThrow('disk full');
    expect(await tracked.drain(1_000)).toBe(true);
  });
});
