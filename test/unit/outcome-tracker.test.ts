import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../shared/history/history-entry';
import { AppFailure } from '../../shared/result';
import { createOutcomeTracker, FIRST_DELAY_MS, MAX_DELAY_MS, type TrackerClient } from '../../electron/core/history/outcome-tracker';
import type { MessagesPoll, SessionDetail } from '../../electron/core/feather/conversation-schemas';
import { entryOf, historyRow } from '../support/history-fixtures';

/** An entry as the history keeps it right after a placed call. */
function placed(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  const row = historyRow(0, {
    id: 'e1',
    at: new Date(Date.now()).toISOString(),
    outcome: 'in_progress',
    status: null,
    detail: null,
    sessionId: '11111111-1111-4111-8111-111111111111',
    durationMs: null,
    tracking: true,
  });
  return entryOf(row, { timeline: [], ...overrides });
}

const turn = (role: string, content: string, seq: number) => ({ role, content, created_at: new Date().toISOString(), seq });

/** A fake Feather whose answers the test scripts, one per poll; every poll and read is recorded with the fake clock. */
function fakeFeather(answers: Array<MessagesPoll | AppFailure>, detail: Partial<SessionDetail> = {}) {
  const polls: Array<{ at: number; sinceSeq: number }> = [];
  const reads: number[] = [];
  const client: TrackerClient = {
    async messages(_v, _id, sinceSeq) {
      polls.push({ at: Date.now(), sinceSeq });
      const next = answers.length > 1 ? answers.shift()! : answers[0]!;
      if (next instanceof AppFailure) throw next;
      return next;
    },
    async conversation() {
      reads.push(Date.now());
      return {
        id: 'c',
        status: 'closed',
        started_at: '',
        summary: 'Confirmed the appointment.',
        duration_ms: 17_000,
        recording_url: 'https://rec/1.mp3',
        ...detail,
      };
    },
  };
  return { client, polls, reads };
}

function setup(entry: HistoryEntry, feather: ReturnType<typeof fakeFeather>, options: { random?: number; maxConcurrent?: number } = {}) {
  const entries = new Map([[entry.id, entry]]);
  const tracker = createOutcomeTracker({
    client: async () => feather.client,
    apiVersion: () => '1.90',
    get: (id) => entries.get(id) ?? null,
    update: (id, change) => {
      const before = entries.get(id)!;
      const patch = change(before);
      if (patch) entries.set(id, { ...before, ...patch });
      return entries.get(id)!;
    },
    now: () => new Date(Date.now()),
    random: () => options.random ?? 0.5,
    maxConcurrent: options.maxConcurrent,
  });
  return { tracker, entry: () => entries.get(entry.id)!, entries };
}

const poll = (status: string, messages: ReturnType<typeof turn>[] = [], nextSeq = messages.length): MessagesPoll => ({
  session_status: status,
  messages,
  next_seq: nextSeq,
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-01T15:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('outcome tracker', () => {
  it('backs off from 2 s to 30 s while nothing changes (jitter at its middle = none)', async () => {
    const feather = fakeFeather([poll('ringing')]);
    const { tracker } = setup(placed(), feather);
    const start = Date.now();
    tracker.track('e1');
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    const gaps = feather.polls.map((p, i) => p.at - (i ? feather.polls[i - 1]!.at : start));
    expect(gaps.slice(0, 4)).toEqual([FIRST_DELAY_MS, FIRST_DELAY_MS, 3_200, 5_120]); // a change (null → ringing) starts again at 2 s
    expect(Math.max(...gaps)).toBe(MAX_DELAY_MS);
    expect(gaps.at(-1)).toBe(MAX_DELAY_MS);
    tracker.stop();
  });

  it('jitter stays within ±20 % of the delay', async () => {
    for (const r of [0, 0.999]) {
      const feather = fakeFeather([poll('ringing')]);
      const { tracker } = setup(placed(), feather, { random: r });
      const start = Date.now();
      tracker.track('e1', 0);
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      const gaps = feather.polls.slice(1).map((p, i) => p.at - feather.polls[i]!.at);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0.8 * FIRST_DELAY_MS - 1);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(1.2 * MAX_DELAY_MS + 1);
      expect(start).toBeLessThan(Date.now());
      tracker.stop();
    }
  });

  it('follows the status to a terminal one, then stops and reads the conversation once', async () => {
    const feather = fakeFeather([
      poll('queued'),
      poll('ringing'),
      poll('active', [turn('assistant', 'Hello, this is Ava.', 0), turn('user', 'Hi!', 1)]),
      poll('closed', [turn('assistant', 'Goodbye.', 2)], 3),
    ]);
    const { tracker, entry } = setup(placed({ outcome: 'queued', status: 'queued' }), feather);
    tracker.track('e1', 0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(feather.polls.map((p) => p.sinceSeq)).toEqual([-1, -1, -1, 1]);
    expect(feather.reads).toHaveLength(1);
    expect(entry()).toMatchObject({
      outcome: 'ended',
      status: 'closed',
      tracking: false,
      summary: 'Confirmed the appointment.',
      durationMs: 17_000,
      recordingUrl: 'https://rec/1.mp3',
    });
    expect(entry().timeline.map((t) => t.status)).toEqual(['ringing', 'active', 'closed']);
    expect(entry().transcript.map((t) => t.content)).toEqual(['Hello, this is Ava.', 'Hi!', 'Goodbye.']);
    expect(tracker.size()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(feather.polls).toHaveLength(4);
  });

  it.each([
    ['closed', [turn('assistant', 'Hello?', 0)], 'not_answered'],
    ['expired', [], 'expired'],
    ['error', [], 'failed'],
    ['superseded', [], 'failed'],
  ] as const)('a call that ends %s with no one answering reads as %s', async (status, messages, outcome) => {
    const feather = fakeFeather([poll(status, [...messages])], { summary: null });
    const { tracker, entry } = setup(placed(), feather);
    tracker.track('e1', 0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(entry()).toMatchObject({ outcome, tracking: false });
  });

  it('keeps a recording link only when it is an https URL', async () => {
    for (const [url, kept] of [
      ['https://rec/1.mp3', 'https://rec/1.mp3'],
      ['javascript:alert(1)', null],
      ['http://rec/1.mp3', null],
      ['not a url', null],
    ] as const) {
      const feather = fakeFeather([poll('closed', [turn('user', 'Yes', 0)])], { recording_url: url });
      const { tracker, entry } = setup(placed(), feather);
      tracker.track('e1', 0);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(entry().recordingUrl).toBe(kept);
    }
  });

  it('404 on the poll: "status not available from Feather", and it stops', async () => {
    const feather = fakeFeather([new AppFailure({ code: 'not_found', message: 'Not found', httpStatus: 404 })]);
    const { tracker, entry } = setup(placed(), feather);
    tracker.track('e1', 0);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(feather.polls).toHaveLength(1);
    expect(entry()).toMatchObject({
      outcome: 'untracked',
      tracking: false,
      reason: expect.stringMatching(/Status not available from Feather/),
    });
  });

  it('429 waits at least Retry-After before the next poll', async () => {
    const feather = fakeFeather([
      new AppFailure({ code: 'rate_limited', message: 'slow down', httpStatus: 429, retryAfterSeconds: 45 }),
      poll('closed', [turn('user', 'Yes', 0)]),
    ]);
    const { tracker, entry } = setup(placed(), feather);
    tracker.track('e1', 0);
    await vi.advanceTimersByTimeAsync(44_000);
    expect(feather.polls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(feather.polls).toHaveLength(2);
    expect(entry().outcome).toBe('ended');
  });

  it('survives an offline spell: keeps polling more slowly, then picks up where it was', async () => {
    const offline = new AppFailure({ code: 'offline', message: 'Feather could not be reached' });
    const feather = fakeFeather([poll('active', [turn('user', 'Hi', 0)]), offline, offline, offline, offline, poll('closed', [], 1)]);
    const { tracker, entry } = setup(placed(), feather);
    tracker.track('e1', 0);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(feather.polls.length).toBe(6);
    expect(feather.polls.at(-1)!.sinceSeq).toBe(0);
    expect(entry()).toMatchObject({ outcome: 'ended', tracking: false });
  });

  it('gives up 2 hours after the call could first dial', async () => {
    const feather = fakeFeather([poll('active')]);
    const { tracker, entry } = setup(placed(), feather);
    tracker.track('e1', 0);
    await vi.advanceTimersByTimeAsync(2 * 3600_000 + 60_000);
    expect(entry()).toMatchObject({ outcome: 'untracked', tracking: false, reason: expect.stringMatching(/2 hours/) });
    const polls = feather.polls.length;
    await vi.advanceTimersByTimeAsync(3600_000);
    expect(feather.polls).toHaveLength(polls);
  });

  it('a queued call far from its window is looked at rarely, then again as the window opens', async () => {
    const eligibleAt = new Date(Date.now() + 60 * 60_000).toISOString();
    const feather = fakeFeather([poll('queued')]);
    const { tracker } = setup(placed({ outcome: 'queued', status: 'queued', eligibleAt }), feather);
    tracker.track('e1', 0);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    // every 5 minutes at most while the window is far, not every 30 s
    expect(feather.polls.length).toBeLessThanOrEqual(15);
    expect(feather.polls.length).toBeGreaterThanOrEqual(12);
    tracker.stop();
  });

  it('never more than a few polls at once', async () => {
    let inFlight = 0;
    let most = 0;
    const entries = new Map<string, HistoryEntry>();
    for (let i = 0; i < 10; i++) entries.set(`e${i}`, placed({ id: `e${i}` }));
    const client: TrackerClient = {
      async messages() {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 500));
        inFlight--;
        return poll('active');
      },
      conversation: async () => ({ id: 'c', status: 'closed', started_at: '' }),
    };
    const tracker = createOutcomeTracker({
      client: async () => client,
      apiVersion: () => '1.90',
      get: (id) => entries.get(id) ?? null,
      update: (id, change) => ({ ...entries.get(id)!, ...change(entries.get(id)!) }),
      now: () => new Date(Date.now()),
      maxConcurrent: 3,
    });
    for (const id of entries.keys()) tracker.track(id, 0);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(most).toBe(3);
    tracker.stop();
  });
});
