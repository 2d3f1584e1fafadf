import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createContactsService } from '../../electron/core/contacts/contacts-service';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { createLauncherCore, type LauncherCore } from '../../electron/core/launcher-core';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import type { Contact } from '../../shared/contacts/contact';
import { legacyContact } from '../support/contacts-fixtures';
import { memorySecrets } from '../support/memory-secrets';

/**
 * The contacts are read at start in slices, the service answering meanwhile: what is loaded so far,
 * said to be so; every contact readable by id; writes, and the numbers a call is checked against,
 * waiting for all of it. Thousands of contacts take many slices (each ~12 ms), so the tests below
 * see the load under way.
 */
const tmp = () => mkdtemp(path.join(os.tmpdir(), 'feather-startup-load-'));
const all = { query: '', sort: 'name' as const, favoritesOnly: false, tags: [], offset: 0, limit: 100 };

const person = (i: number): Contact => ({
  ...legacyContact(`c${i}`, `Person ${i}`),
  phones: [
    {
      id: `p${i}`,
      label: 'mobile',
      raw: `+1 415 555 ${String(i).padStart(4, '0')}`,
      e164: `+1415555${String(i).padStart(4, '0')}`,
      problem: null,
      extension: null,
      doNotCall: false,
    },
  ],
});

/** a contacts.db holding `contacts` (written through the service: the one-time move from the old format) */
async function seeded(contacts: Contact[], dir?: string) {
  const at = dir ?? (await tmp());
  await writeFile(path.join(at, 'contacts.json'), JSON.stringify({ schemaVersion: 1, generation: 0, contacts }));
  const svc = createContactsService({ dir: at, defaultCountry: () => 'US' });
  await svc.ready;
  await svc.close();
  return at;
}

const running: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const stop of running) await stop();
});

/** a service started on a book of `count` people, its change notifications counted; closed after the tests */
async function startedOn(count: number) {
  const dir = await seeded(Array.from({ length: count }, (_, i) => person(i)));
  const onChanged = vi.fn();
  const svc = createContactsService({ dir, defaultCountry: () => 'US', onChanged });
  running.push(() => svc.close());
  return { svc, onChanged };
}

describe('the start-up load', () => {
  it('loads a small book before the service is handed out: nothing said to be loading, no late change', async () => {
    const { svc, onChanged } = await startedOn(20);
    expect(svc.loading()).toBe(false);
    const first = svc.query(all);
    expect('loading' in first).toBe(false);
    expect(first.total).toBe(20);
    await svc.ready;
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('answers at once with what is loaded and says so; a contact not yet searchable can be opened; an edit waits for the load', async () => {
    const { svc, onChanged } = await startedOn(5000);
    expect(svc.loading()).toBe(true);
    const early = svc.query(all);
    expect(early.loading).toBe(true);
    expect(early.all).toBeLessThan(5000);
    expect(svc.get('c4999').displayName).toBe('Person 4999'); // read from the file, loaded or not
    const favourite = svc.setFavorite('c4999', true);

    await svc.ready;
    expect(svc.loading()).toBe(false);
    expect(onChanged).toHaveBeenCalled(); // the window asks again: `contacts:changed`
    const whole = svc.query(all);
    expect(whole.all).toBe(5000);
    expect(whole).not.toHaveProperty('loading');
    expect(svc.lookupNumber('+14155554999')).toMatchObject({ contactId: 'c4999', name: 'Person 4999' });
    await favourite;
    expect(svc.query({ ...all, favoritesOnly: true }).rows.map((r) => r.id)).toEqual(['c4999']);
    expect(svc.tags()).toEqual([]);
  });

  it('closing while it loads stops it, and the file is left whole', async () => {
    const dir = await seeded(Array.from({ length: 3000 }, (_, i) => person(i)));
    const svc = createContactsService({ dir, defaultCountry: () => 'US' });
    await svc.close();
    const again = createContactsService({ dir, defaultCountry: () => 'US' });
    running.push(() => again.close());
    await again.ready;
    expect(again.size()).toBe(3000);
    expect(again.notices).toEqual([]);
  });

  it('a row the load finds unreadable is set aside, and the window is told once the load is over', async () => {
    const dir = await seeded(Array.from({ length: 3000 }, (_, i) => person(i)));
    const db = new Database(path.join(dir, 'contacts.db'));
    db.prepare('INSERT INTO contacts (id, doc) VALUES (?, ?)').run('zz-bad', '{"id":"zz-bad","displayName":42}'); // read last
    db.close();
    const core = createLauncherCore({
      stores: confStoreFactory(dir),
      dataDir: dir,
      secrets: memorySecrets(),
      startSimulator: () => startSimulator(),
      localeRegion: 'US',
    });
    running.push(() => core.close());
    const events: string[] = [];
    core.events.subscribe((event) => events.push(event));
    expect((await core.handlers.app.status()).notices).toEqual([]); // not read yet
    await core.contacts.ready;
    await new Promise((resolve) => setImmediate(resolve));
    const notice = expect.stringMatching(/1 contact could not be read and was set aside in .*contacts\.rejected-/);
    expect((await core.handlers.app.status()).notices).toEqual([notice]);
    expect(events).toContain('status:changed');
    expect(core.contacts.size()).toBe(3000);
  });

  it('a call placed while the contacts still load is checked against all of them: a do-not-call number is refused', async () => {
    const ORIGIN = 'app://feather';
    const dir = await tmp();
    let simulator: Promise<Simulator> | undefined;
    const core = (): LauncherCore =>
      createLauncherCore({
        stores: confStoreFactory(dir),
        dataDir: dir,
        secrets: memorySecrets(),
        startSimulator: () => (simulator ??= startSimulator()),
        localeRegion: 'US',
      });
    // a first start learns the demo directory (kept), then the address book grows: the do-not-call contact is read last
    const first = core();
    await first.handlers.directory.refresh();
    await first.close();
    await (await simulator)?.close();
    simulator = undefined; // the next start runs its own
    const blocked: Contact = { ...person(9999), displayName: 'Blocked Person', doNotCall: { reason: 'Asked not to be called' } };
    const book = [...Array.from({ length: 20_000 }, (_, i) => person(i + 20_000)), blocked];
    await seeded(book, dir);

    const started = core();
    running.push(() => started.close());
    expect(started.contacts.loading()).toBe(true);
    const dispatch = createDispatcher(started.handlers, { trustedOrigins: [ORIGIN], validateResponses: true });
    const placed = await dispatch({ url: `${ORIGIN}/index.html`, isMainFrame: true }, 'call:place', {
      requestId: randomUUID(),
      defaultCountry: 'US',
      toNumber: '+1 415 555 9999',
      fromNumberId: DEMO_IDS.numberSf,
      caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley },
      contextVariables: [],
    });
    expect(placed).toMatchObject({ ok: false, error: { code: 'do_not_call', message: expect.stringMatching(/Asked not to be called/) } });
    const sim = await (simulator as Promise<Simulator> | undefined); // started by this core, if it got that far
    running.push(async () => sim?.close());
    expect(sim?.outboundRequests() ?? []).toHaveLength(0);
  }, 60_000);
});
