import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryEntry, HistoryRow } from '../../shared/history/history-entry';
import { ENDED_UNDER } from '../../electron/core/calls/dialer';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { createLauncherCore, type LauncherCore } from '../../electron/core/launcher-core';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { memorySecrets } from '../support/memory-secrets';

/**
 * The app killed (SIGKILL: a crash, a power cut, a quit that could not wait) while Feather has a call's
 * POST and has not answered yet. Feather may place that call; the app was never told. At the next start
 * the app must know it: the number is guarded as "outcome unknown" (a new card to it needs an explicit
 * confirmation), the same card never posts again — on 1.21 that would be a second call — and History
 * shows the call, at the time it was sent, with what happened.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = path.join(ROOT, 'test/support/dial-kill-child.ts');
const dirs: string[] = [];
const open: Array<{ core: LauncherCore; sim: Promise<Simulator> | undefined }> = [];
afterAll(async () => {
  for (const o of open) {
    await o.core.close();
    await (await o.sim)?.close();
  }
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** 15:00 in San Francisco on a Tuesday (inside the default calling hours): the killed run's clock */
const SENT_AT = '2026-03-10T22:00:00.000Z';
/** the next start, two minutes later (the guard holds for ten) */
const RESTART_AT = Date.parse(SENT_AT) + 2 * 60_000;

/** Runs the child until Feather has its POST, then kills it. */
function placeAndKill(dir: string, api: string, requestId: string, mode = 'held'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, api, requestId, SENT_AT, mode], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let posted = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!posted && out.includes('{"t":"posted"}')) {
        posted = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    // a child that never gets its POST out (a refusal, a crash at start) is not left running
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', () => clearTimeout(giveUp));
    child.on('exit', (code, signal) =>
      posted && signal === 'SIGKILL' ? resolve() : reject(new Error(`the child ended (${code ?? signal}) before its POST:\n${err}`)),
    );
  });
}

/** The next start on the killed run's folder (its demo simulator is a new one: it has no call from the killed run). */
async function restart(dir: string, api: '1.21' | '1.90') {
  const entry: (typeof open)[number] = { core: undefined as never, sim: undefined };
  entry.core = createLauncherCore({
    stores: confStoreFactory(dir),
    dataDir: dir,
    secrets: memorySecrets(),
    localeRegion: 'US',
    now: () => new Date(RESTART_AT),
    startSimulator: () => (entry.sim ??= startSimulator({ apiVersion: api, now: () => RESTART_AT })),
  });
  open.push(entry);
  const dispatch = createDispatcher(entry.core.handlers, { trustedOrigins: ['app://feather'], validateResponses: true });
  const call = (channel: string, request: unknown) =>
    dispatch({ url: 'app://feather/index.html', isMainFrame: true }, channel, request) as Promise<{
      ok: boolean;
      value?: unknown;
      error?: { code: string; message: string };
    }>;
  await call('directory:refresh', {});
  const sim = (await entry.sim)!;
  const intent = (requestId: string, extra: Record<string, unknown> = {}) => ({
    requestId,
    toNumber: '(415) 555-0142',
    fromNumberId: DEMO_IDS.numberSf,
    caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley },
    contextVariables: [],
    ...extra,
  });
  const history = async () => {
    const list = await call('history:list', { filter: {}, offset: 0, limit: 50 });
    const rows = (list.value as { rows: HistoryRow[] }).rows;
    return Promise.all(rows.map(async (row) => (await call('history:get', { id: row.id })).value as HistoryEntry));
  };
  /** the card and the number, after the kill: the card never posts again; a new card needs the explicit confirmation */
  const expectGuarded = async (card: string) => {
    expect(await call('call:place', intent(card))).toMatchObject({ ok: false, error: { code: 'outcome_unknown' } });
    const fresh = randomUUID();
    const guarded = await call('call:place', intent(fresh));
    expect(guarded).toMatchObject({
      ok: false,
      error: { code: 'recently_uncertain', message: expect.stringMatching(/may have been placed/) },
    });
    expect(sim.outboundRequests()).toHaveLength(0);
    const confirmed = await call('call:place', intent(fresh, { confirmUncertain: true }));
    expect(confirmed.ok).toBe(true);
    expect(sim.outboundRequests()).toHaveLength(1);
  };
  /** closes the app; what dialer.json holds then */
  const closeAndRead = async () => {
    await entry.core.close();
    open.splice(open.indexOf(entry), 1);
    await (await entry.sim)?.close();
    return JSON.parse(await readFile(path.join(dir, 'dialer.json'), 'utf8')) as { uncertain: Array<Record<string, unknown>> };
  };
  return { history, expectGuarded, closeAndRead };
}

async function killedRun(api: '1.21' | '1.90', mode: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-dial-kill-'));
  dirs.push(dir);
  const card = randomUUID();
  await placeAndKill(dir, api, card, mode);
  return { dir, card };
}

describe.each(['1.21', '1.90'] as const)('killed while Feather has the POST, API %s', (api) => {
  it('the next start guards the number, never posts the card again, and shows the call in History', async () => {
    const { dir, card } = await killedRun(api, 'held');
    // what the killed run left: the call, written down before its POST left (the card's own values not kept)
    const left = JSON.parse(await readFile(path.join(dir, 'dialer.json'), 'utf8')) as { uncertain: Array<Record<string, unknown>> };
    expect(left.uncertain).toEqual([
      {
        e164: '+14155550142',
        at: SENT_AT,
        requestId: card,
        placing: expect.objectContaining({
          intent: expect.objectContaining({ requestId: card, contextVariables: [], oneOff: null }),
          body: expect.objectContaining({ to_phone_number: '+14155550142' }),
          before: null,
        }),
      },
    ]);
    const app = await restart(dir, api);

    // History has the call, at the time it was sent (not the time of this start), as outcome unknown, with why
    const [shown, ...others] = await app.history();
    expect(others).toEqual([]);
    expect(shown).toMatchObject({ requestId: card, outcome: 'unknown', toNumber: '+14155550142', at: SENT_AT });
    expect(shown!.timeline.at(-1)).toMatchObject({ status: 'outcome_unknown', note: ENDED_UNDER });
    expect(shown!.body).toMatchObject({ to_phone_number: '+14155550142', context_variables: { patient_first_name: 'Maria' } });

    await app.expectGuarded(card);
    // the file holds no call as still being placed, only the guard
    const file = await app.closeAndRead();
    expect(file.uncertain).toEqual([{ e164: '+14155550142', at: SENT_AT, requestId: card }]);
  }, 30_000);

  it('on the same card’s second try, after Feather refused the first: the History’s "not placed" does not hide it', async () => {
    const { dir, card } = await killedRun(api, 'refused-then-held');
    const app = await restart(dir, api);
    const entries = await app.history();
    expect(entries.map((e) => [e.requestId, e.outcome]).sort()).toEqual(
      [
        [card, 'not_placed'],
        [card, 'unknown'],
      ].sort(),
    );
    expect(entries.find((e) => e.outcome === 'unknown')!.timeline.at(-1)).toMatchObject({ note: ENDED_UNDER });
    await app.expectGuarded(card);
    await app.closeAndRead();
  }, 30_000);

  if (api === '1.90')
    it('during "Ask Feather again": the unknown entry says so, and the number stays guarded', async () => {
      const { dir, card } = await killedRun(api, 'resend-held');
      const app = await restart(dir, api);
      const [shown, ...others] = await app.history();
      expect(others).toEqual([]);
      expect(shown).toMatchObject({ requestId: card, outcome: 'unknown' });
      expect(shown!.timeline.at(-1)).toMatchObject({ status: 'outcome_unknown', note: `Asked again: ${ENDED_UNDER}` });
      await app.expectGuarded(card);
      await app.closeAndRead();
    }, 30_000);
});
