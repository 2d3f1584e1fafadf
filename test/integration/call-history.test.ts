import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CallIntent } from '../../shared/call-intent';
import type { CallPreview } from '../../shared/call-preview';
import type { HistoryEntry, HistoryRow } from '../../shared/history/history-entry';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { createLauncherCore, type LauncherCore } from '../../electron/core/launcher-core';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { memorySecrets } from '../support/memory-secrets';
import Database from 'better-sqlite3';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import { noDesktop, type DesktopPort } from '../../electron/core/desktop/desktop-port';

/**
 * The call history through core and the dispatcher, against the simulator with one clock for both:
 * every attempt is an entry, the tracker follows a placed call to its end, a second card to a
 * number with a call on its way is warned at Review, "Call now instead" cancels before it places,
 * and an unknown outcome is settled.
 */
const ORIGIN = 'app://feather';
const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true };
const running: Array<{ core: LauncherCore; sim: Promise<Simulator> | undefined }> = [];
afterAll(async () => {
  for (const r of running) {
    await r.core.close();
    await (await r.sim)?.close();
  }
});

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

async function start(options: { api?: '1.21' | '1.90'; dir?: string; sim?: Simulator; desktop?: DesktopPort } = {}) {
  const dir = options.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'feather-history-core-')));
  // 15:00 UTC on a Tuesday: inside the default calling hours for US numbers
  const clock = { at: Date.parse('2026-03-10T18:00:00Z') };
  const entry: { core: LauncherCore; sim: Promise<Simulator> | undefined } = {
    core: undefined as never,
    sim: options.sim ? Promise.resolve(options.sim) : undefined,
  };
  entry.core = createLauncherCore({
    stores: confStoreFactory(dir),
    dataDir: dir,
    secrets: memorySecrets(),
    startSimulator: () => (entry.sim ??= startSimulator({ apiVersion: options.api ?? '1.90', now: () => clock.at })),
    localeRegion: 'US',
    now: () => new Date(clock.at),
    desktop: options.desktop,
  });
  running.push(entry);
  const events: Array<{ event: string; payload: unknown }> = [];
  entry.core.events.subscribe((event, payload) => events.push({ event, payload }));
  const dispatch = createDispatcher(entry.core.handlers, { trustedOrigins: [ORIGIN], validateResponses: true });
  const call = async <T>(channel: string, request: unknown) => (await dispatch(sender, channel, request)) as Answer<T>;
  await call('directory:refresh', {});
  const sim = (await entry.sim)!;
  const intent = (patch: Partial<CallIntent> = {}): CallIntent => ({
    requestId: randomUUID(),
    toNumber: '+1 415 555 0142',
    fromNumberId: DEMO_IDS.numberSf,
    caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley },
    contextVariables: [{ key: 'patient_first_name', value: 'Maria' }],
    ...patch,
  });
  const list = async () => {
    const r = await call<{ rows: HistoryRow[]; total: number }>('history:list', { filter: {}, offset: 0, limit: 50 });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.rows;
  };
  const get = async (id: string) => {
    const r = await call<HistoryEntry>('history:get', { id });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  /** polls now (the tracker's next timer brought forward) until the entry's outcome is one of these */
  const settle = async (id: string, outcomes: string[]) => {
    for (let i = 0; i < 50; i++) {
      entry.core.history.tracker.track(id, 0);
      await new Promise((r) => setTimeout(r, 40));
      const e = await get(id);
      if (outcomes.includes(e.outcome)) return e;
    }
    throw new Error(`entry ${id} never reached ${outcomes.join('/')}: ${(await get(id)).outcome}`);
  };
  const preview = async (patch: Partial<CallIntent> = {}) => {
    const { requestId: _r, ...draft } = intent(patch);
    const r = await call<CallPreview>('call:preview', draft);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return { dir, sim, core: entry.core, call, intent, list, get, settle, preview, clock, events };
}

describe('call history through core', () => {
  it('a queued call (1.90) is an entry that follows the call to its end, with the summary, and a notice once', async () => {
    const app = await start();
    const placed = await app.call<{ queued: boolean; sessionId: string }>('call:place', app.intent());
    expect(placed).toMatchObject({ ok: true, value: { queued: true } });
    const [row] = await app.list();
    expect(row).toMatchObject({
      outcome: 'queued',
      toNumber: '+14155550142',
      tracking: true,
      caller: { kind: 'agent', id: DEMO_IDS.agentRiley },
    });
    const entry = await app.get(row!.id);
    expect(entry.body).toMatchObject({ to_phone_number: '+14155550142', context_variables: { patient_first_name: 'Maria' } });
    expect(JSON.stringify(entry)).not.toContain(app.sim.demoKey);

    app.clock.at += 6_000; // the calling-hours window opened 1 s ago: ringing
    expect((await app.settle(row!.id, ['in_progress'])).status).toMatch(/ringing|pending_dispatch/);
    app.clock.at += 30_000;
    const ended = await app.settle(row!.id, ['ended', 'not_answered', 'failed']);
    expect(ended).toMatchObject({ outcome: 'ended', tracking: false, summary: expect.any(String), durationMs: expect.any(Number) });
    expect(ended.timeline.map((t) => t.status)).toEqual(expect.arrayContaining(['queued', 'closed']));
    expect(ended.transcript.length).toBeGreaterThan(0);
    const notices = app.events.filter((e) => e.event === 'call:ended');
    expect(notices).toEqual([{ event: 'call:ended', payload: expect.objectContaining({ entryId: row!.id, shownByDesktop: false }) }]);
    expect(
      (await app.call<unknown[]>('call:recents', {})).ok && (await app.call<Array<{ e164: string }>>('call:recents', {})),
    ).toMatchObject({
      value: [{ e164: '+14155550142' }],
    });
  });

  it('an end is a desktop notification where there is a desktop; clicking it opens the entry; the preference turns it off', async () => {
    const shown: Array<{ title: string; body: string; click: () => void }> = [];
    const desktop: DesktopPort = { ...noDesktop, notify: (notice, click) => (shown.push({ ...notice, click }), true) };
    const app = await start({ api: '1.21', desktop });
    await app.call('call:place', app.intent({ toNumber: '+1 415 555 0010' })); // the simulator's "nobody answers" numbers
    const [row] = await app.list();
    app.clock.at += 30_000;
    expect((await app.settle(row!.id, ['not_answered'])).outcome).toBe('not_answered');
    expect(shown).toEqual([expect.objectContaining({ title: '+1 415 555 0010 did not answer' })]);
    expect(app.events.find((e) => e.event === 'call:ended')?.payload).toMatchObject({ shownByDesktop: true });
    shown[0]!.click();
    expect(app.events.at(-1)).toEqual({ event: 'history:open', payload: { id: row!.id } });

    await app.call('app:setPreferences', { history: { notifyOnEnd: false } });
    await app.call('call:place', app.intent({ toNumber: '+1 415 555 0011' }));
    const [second] = await app.list();
    app.clock.at += 30_000;
    await app.settle(second!.id, ['not_answered']);
    expect(shown).toHaveLength(1);
  });

  it('a contact whose stats cannot be saved after a placed call: the call is placed, and its card is then told so', async () => {
    const app = await start({ api: '1.21' });
    const created = await app.call<{ id: string }>('contacts:create', {
      draft: { ...emptyDraft(), displayName: 'Ana Stats', phones: [{ label: 'mobile', raw: '+1 415 555 0142', doNotCall: false }] },
    });
    expect(created.ok).toBe(true);
    const db = new Database(path.join(app.dir, 'contacts.db'));
    db.exec("CREATE TRIGGER no_updates BEFORE UPDATE ON contacts BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END");
    db.close();
    const placed = await app.call<{ requestId: string; notices: string[] }>('call:place', app.intent());
    // the answer does not wait for the stats: it is placed, and the notice follows for the same card
    expect(placed).toMatchObject({ ok: true, value: { notices: [] } });
    const requestId = placed.ok ? placed.value.requestId : '';
    await vi.waitFor(() =>
      expect(app.events.filter((e) => e.event === 'call:notice')).toEqual([
        { event: 'call:notice', payload: { requestId, notice: expect.stringMatching(/saving it on this computer failed/) } },
      ]),
    );
    expect((await app.list())[0]).toMatchObject({ requestId, outcome: 'in_progress' });
  });

  it('a crafted call from a number Feather does not list is refused in main with the card’s message; nothing is sent', async () => {
    const app = await start();
    const posts = app.sim.outboundRequests().length;
    const crafted = await app.call('call:place', app.intent({ fromNumberId: randomUUID() }));
    expect(crafted).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: { fromNumberId: expect.stringMatching(/not one of your organisation’s voice numbers/) } },
    });
    expect((await app.preview({ fromNumberId: randomUUID() })).problems.fromNumberId).toMatch(
      /not one of your organisation’s voice numbers/,
    );
    expect(app.sim.outboundRequests()).toHaveLength(posts);
  });

  it('a refused attempt is an entry with the reason; a refusal that only asks the card again is not', async () => {
    const app = await start();
    // the card's own validation (nothing could be sent) is not an attempt
    const refused = await app.call('call:place', app.intent({ toNumber: '+1 415 555', fromNumberId: DEMO_IDS.numberSf }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } });
    app.sim.injectFault({ path: '/v1/voice/outbound', status: 403 });
    const forbidden = await app.call('call:place', app.intent());
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'invalid_key' } });
    const rows = await app.list();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'not_placed', detail: expect.stringMatching(/not allowed/) });
  });

  it('1.90: a second card to a number with a queued call is warned at Review; Call now instead cancels, then places one instant call', async () => {
    const app = await start();
    const first = await app.call<{ sessionId: string }>('call:place', app.intent());
    expect(first.ok).toBe(true);
    const firstId = first.ok ? first.value.sessionId : '';
    // at once (the entry is written before the answer), then with the window Feather gives after it
    const warning = async () => (await app.preview()).confirmations.find((c) => c.kind === 'under_way');
    expect(await warning()).toMatchObject({
      message: expect.stringMatching(/is (waiting in Feather’s queue|queued for \d\d:\d\d) — placed/),
    });
    await vi.waitFor(async () =>
      expect(await warning()).toMatchObject({
        message: expect.stringMatching(/is queued for \d\d:\d\d — placed \d\d:\d\d/),
        queuedSessionId: firstId,
      }),
    );

    const posts = app.sim.outboundRequests().length;
    expect(await app.call('call:place', app.intent())).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
    // a failed cancel places nothing
    app.sim.injectFault({ method: 'POST', path: /\/cancel$/, status: 503, processed: false });
    expect(await app.call('call:place', app.intent({ instant: true, replaceQueued: firstId }))).toMatchObject({
      ok: false,
      error: { code: 'cancel_failed', message: expect.stringMatching(/nothing was placed/) },
    });
    expect(app.sim.outboundRequests()).toHaveLength(posts);
    const now = await app.call<{ queued: boolean; instant: boolean }>('call:place', app.intent({ instant: true, replaceQueued: firstId }));
    expect(now).toMatchObject({ ok: true, value: { queued: false, instant: true } });
    expect(app.sim.outboundRequests()).toHaveLength(posts + 1);
    expect(app.sim.conversations.find((c) => c.id === firstId)?.cancelledAt).toEqual(expect.any(Number));
    const rows = await app.list();
    expect(rows.map((r) => r.outcome)).toEqual(['in_progress', 'not_placed', 'cancelled']);
    expect(rows[1]!.detail).toMatch(/did not confirm cancelling/);
  });

  it('the queue: listed with its window, paused, resumed and cancelled; the history follows', async () => {
    const app = await start();
    await app.call('call:place', app.intent());
    const queue = await app.call<{ calls: Array<{ conversationId: string; eligibleAt: string; entryId: string; paused: boolean }> }>(
      'history:queue',
      {},
    );
    expect(queue.ok).toBe(true);
    const [queued] = queue.ok ? queue.value.calls : [];
    expect(queued).toMatchObject({ eligibleAt: expect.any(String), entryId: expect.any(String), paused: false });
    expect(await app.call('history:queueAction', { conversationId: queued!.conversationId, action: 'pause' })).toMatchObject({
      ok: true,
      value: { action: 'paused', paused: true },
    });
    expect(await app.call('history:queueAction', { conversationId: queued!.conversationId, action: 'cancel' })).toMatchObject({
      ok: true,
      value: { action: 'cancelled' },
    });
    const entry = await app.get(queued!.entryId);
    expect(entry).toMatchObject({ outcome: 'cancelled', tracking: false });
    expect(entry.timeline.map((t) => t.status)).toEqual(['queued', 'paused', 'cancelled']);
  });

  it('outcome unknown: warned at Review before any press; settled by linking the conversation, or as not placed', async () => {
    const app = await start({ api: '1.21' });
    app.sim.injectFault({ path: '/v1/voice/outbound', status: 502 });
    expect(await app.call('call:place', app.intent())).toMatchObject({ ok: false, error: { code: 'outcome_unknown' } });
    const [unknown] = await app.list();
    expect(unknown).toMatchObject({ outcome: 'unknown' });
    expect((await app.preview()).confirmations.map((c) => c.kind)).toContain('recently_uncertain');

    const found = await app.call<{ candidates: Array<{ sessionId: string }>; note: string }>('history:candidates', { id: unknown!.id });
    expect(found).toMatchObject({
      ok: true,
      value: { candidates: [{ sessionId: app.sim.conversations[0]!.id }], note: expect.stringMatching(/1\.21/) },
    });
    const linked = await app.call<HistoryEntry>('history:settle', {
      id: unknown!.id,
      as: 'placed',
      sessionId: app.sim.conversations[0]!.id,
    });
    expect(linked).toMatchObject({ ok: true, value: { outcome: 'in_progress', tracking: true } });
    expect((await app.preview()).confirmations.map((c) => c.kind)).not.toContain('recently_uncertain');
    app.clock.at += 40_000;
    expect((await app.settle(unknown!.id, ['ended'])).summary).toEqual(expect.any(String));

    // the other way: not placed lifts the guard
    app.sim.injectFault({ path: '/v1/voice/outbound', status: 502 });
    await app.call('call:place', app.intent({ toNumber: '+1 415 555 0143' }));
    const [second] = await app.list();
    expect((await app.preview({ toNumber: '+1 415 555 0143' })).confirmations.map((c) => c.kind)).toContain('recently_uncertain');
    expect(await app.call('history:settle', { id: second!.id, as: 'not_placed' })).toMatchObject({
      ok: true,
      value: { outcome: 'not_placed' },
    });
    expect((await app.preview({ toNumber: '+1 415 555 0143' })).confirmations).toEqual([]);
    expect(await app.call('history:settle', { id: second!.id, as: 'not_placed' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });

  it('tracking resumes after a restart for a call still on its way (the demo simulator keeps its calls in its state file)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-history-restart-'));
    const clock = { at: Date.parse('2026-03-10T18:00:00Z') };
    const stateFile = path.join(dir, 'simulator-state.json');
    const first = await start({ dir, sim: await startSimulator({ apiVersion: '1.21', now: () => clock.at, stateFile }) });
    first.clock.at = clock.at;
    expect((await first.call('call:place', first.intent())).ok).toBe(true);
    const [row] = await first.list();
    expect(row!.outcome).toBe('in_progress');
    await first.core.close(); // closes its simulator too, which writes its state

    const again = await start({ dir, sim: await startSimulator({ apiVersion: '1.21', now: () => clock.at, stateFile }) });
    clock.at += 40_000;
    again.clock.at = clock.at;
    expect(again.core.history.tracker.size()).toBe(1);
    expect((await again.settle(row!.id, ['ended'])).outcome).toBe('ended');
  });

  it('a redial opens a new card with the same values (a dial request from History)', async () => {
    const app = await start();
    await app.call('call:place', app.intent());
    const [row] = await app.list();
    expect(await app.call('history:redial', { id: row!.id })).toMatchObject({ ok: true });
    expect(app.events.filter((e) => e.event === 'dial:request').map((e) => e.payload)).toEqual([
      expect.objectContaining({
        source: 'history',
        surface: 'window',
        toNumber: '+14155550142',
        fromNumberId: DEMO_IDS.numberSf,
        caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley },
        variables: { patient_first_name: 'Maria' },
      }),
    ]);
  });
});
