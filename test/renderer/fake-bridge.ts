import { act } from '@testing-library/react';
import { buildBridge } from '../../shared/bridge';
import { channelNames } from '../../shared/contract';
import type { Contact } from '../../shared/contacts/contact';
import type { ContactRow } from '../../shared/contacts/contacts-contract';
import { checkEvent, type EventName, type EventPayload } from '../../shared/main-events';

/**
 * `window.launcher` for renderer tests: the real bridge (built from the contract's channel list)
 * over handlers the test gives, each answering as main does (a result union). Events are pushed
 * with `emit`, as main pushes them, and checked against the events contract as the preload checks them. Every call is logged, so a test can prove what was not asked.
 */
export type Handler = (request: never) => unknown;
export function installBridge(handlers: Record<string, Handler>) {
  const calls: Array<{ channel: string; request: unknown }> = [];
  let deliver: ((event: string, payload: unknown) => void) | null = null;
  window.launcher = buildBridge(
    channelNames(),
    async (channel, request) => {
      calls.push({ channel, request });
      const handler = handlers[channel];
      if (!handler) return { ok: false, error: { code: 'internal', message: `no fake for ${channel}` } };
      return { ok: true, value: await (handler as (r: unknown) => unknown)(request) };
    },
    (listener) => {
      deliver = listener;
      return () => (deliver = null);
    },
    checkEvent, // as the preload does: a payload that breaks the events contract never reaches the stores
    async (file) => ({ ok: true, value: { path: `/home/test/${file.name}` } }), // a chosen file, as Electron's preload finds it
  );
  return {
    calls,
    channels: () => calls.map((c) => c.channel),
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => act(() => deliver?.(event, payload)),
  };
}

/** An answer the test resolves when it wants: what a slow main looks like. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export const contact = (id: string, name: string, e164: string): Contact => ({
  id,
  displayName: name,
  firstName: '',
  lastName: '',
  company: '',
  title: '',
  phones: [{ id: `${id}-p`, label: 'mobile', raw: e164, e164, problem: null, extension: null, doNotCall: false }],
  emails: [],
  tags: [],
  notes: '',
  custom: {},
  favorite: false,
  doNotCall: null,
  timeZone: null,
  defaultCaller: null,
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:00.000Z',
  lastCalledAt: null,
  callCount: 0,
});

export const rowOf = (c: Contact): ContactRow => ({
  id: c.id,
  name: c.displayName,
  company: c.company,
  primaryPhone: { label: 'mobile', raw: c.phones[0]!.raw, e164: c.phones[0]!.e164 },
  phoneCount: c.phones.length,
  favorite: c.favorite,
  doNotCall: false,
  flagged: false,
  tags: c.tags,
  lastCalledAt: c.lastCalledAt,
});
