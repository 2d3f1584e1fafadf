import { describe, expect, it } from 'vitest';
import { createUncertainCalls, type PlacingNote, type UncertainCall } from '../../electron/core/calls/uncertain-calls';

/**
 * The calls whose outcome is unknown, and each call while its POST is out (written before it leaves):
 * what the file holds at each step, and what a start makes of a call the app ended under.
 */
const T0 = Date.parse('2026-03-10T22:00:00.000Z');
const NUMBER = '+14155550142';
/** request ids are the cards' UUIDs */
const ids: Record<string, string> = {};
const id = (name: string) => (ids[name] ??= crypto.randomUUID());
const note = (requestId: string): PlacingNote => ({
  intent: {
    requestId,
    toNumber: '(415) 555-0142',
    fromNumberId: 'b1a1c3a2-6f0e-4f55-9e2b-5d0a4c8f7e11',
    caller: { mode: 'agent', agentId: 'c2b2d4b3-7a1f-4a66-8f3c-6e1b5d9a8f22' },
    contextVariables: [],
  },
  profileId: 'simulator',
  body: {
    from_phone_number_id: 'b1a1c3a2-6f0e-4f55-9e2b-5d0a4c8f7e11',
    to_phone_number: NUMBER,
    agent_id: 'c2b2d4b3-7a1f-4a66-8f3c-6e1b5d9a8f22',
  },
  apiVersion: '1.21',
  contactId: null,
  resend: false,
});

function setup(file: UncertainCall[] = [], extra: Partial<Parameters<typeof createUncertainCalls>[0]> = {}) {
  const disk = { calls: structuredClone(file), writes: 0 };
  const clock = { t: T0 + 60_000 };
  const ended: Array<{ requestId: string; at: string }> = [];
  const logged: string[] = [];
  const guard = createUncertainCalls({
    store: { load: () => structuredClone(disk.calls), save: (calls) => ((disk.calls = structuredClone(calls)), disk.writes++) },
    now: () => new Date(clock.t),
    windowMs: 10 * 60_000,
    log: (m) => logged.push(m),
    endedUnder: (n, at) => ended.push({ requestId: n.intent.requestId, at }),
    ...extra,
  });
  return { guard, disk, clock, ended, logged };
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('a call is written down before its POST leaves', () => {
  it('is in the file while Feather has it, and struck off after the answer (written once the answer is out)', async () => {
    const { guard, disk } = setup();
    const out = guard.placing(NUMBER, id('card-1'), note(id('card-1')));
    expect(disk.calls).toEqual([
      { e164: NUMBER, at: new Date(T0 + 60_000).toISOString(), requestId: id('card-1'), placing: { ...note(id('card-1')), before: null } },
    ]);
    // a POST still out is not an unknown outcome: another card to the number is not held back by it
    expect(guard.about(NUMBER, id('card-2'))).toBeNull();
    expect(guard.isUnknown(id('card-1'))).toBe(false);
    out.answered();
    expect(disk.calls).toHaveLength(1); // the strike-off waits for the answer to be out…
    await tick();
    expect(disk.calls).toEqual([]); // …and is written then
  });

  it('the strike-off waits while the History has not written the answer (an import holds the database)', async () => {
    const waiting = { now: true };
    const { guard, disk } = setup([], { historyWaiting: () => waiting.now });
    guard.placing(NUMBER, id('card-1'), note(id('card-1'))).answered();
    await tick();
    expect(disk.calls).toHaveLength(1);
    waiting.now = false;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(disk.calls).toEqual([]);
  });

  it('close writes the strike-offs due, then nothing more: a call still out stays written down for the next start', () => {
    const { guard, disk } = setup();
    guard.placing(NUMBER, id('card-1'), note(id('card-1'))).refused();
    const stillOut = guard.placing('+14155550199', id('card-2'), note(id('card-2')));
    guard.close();
    expect(disk.calls.map((c) => c.requestId)).toEqual([id('card-2')]);
    stillOut.answered(); // Feather answers as the app quits: the History does not get it either
    expect(disk.calls.map((c) => c.requestId)).toEqual([id('card-2')]);
  });

  it('an unknown outcome becomes the guard at once: a new card needs a confirmation, the card never posts again', async () => {
    const { guard, disk } = setup();
    guard.placing(NUMBER, id('card-1'), note(id('card-1'))).unknown();
    expect(disk.calls).toContainEqual({ e164: NUMBER, at: expect.any(String), requestId: id('card-1') });
    expect(guard.about(NUMBER, id('card-2'))).toMatchObject({ requestId: id('card-1') });
    expect(guard.isUnknown(id('card-1'))).toBe(true);
    await tick();
    expect(disk.calls).toEqual([{ e164: NUMBER, at: expect.any(String), requestId: id('card-1') }]);
  });

  it('while a resend (1.90) is out the number stays guarded; one Feather answered lifts the guard', async () => {
    const first = { e164: NUMBER, at: new Date(T0).toISOString(), requestId: id('card-1') };
    const { guard, disk } = setup([first]);
    const resend = guard.placing(NUMBER, id('card-1'), { ...note(id('card-1')), resend: true });
    expect(guard.about(NUMBER, id('card-2'))).toMatchObject({ requestId: id('card-1') });
    expect(guard.isUnknown(id('card-1'))).toBe(true);
    resend.answered();
    expect(guard.about(NUMBER, id('card-2'))).toBeNull();
    await tick();
    expect(disk.calls).toEqual([]);
  });

  it('a resend Feather refused leaves the guard as it is: still there, or lifted if History settled it meanwhile', async () => {
    const first = { e164: NUMBER, at: new Date(T0).toISOString(), requestId: id('card-1') };
    const refused = setup([first]);
    refused.guard.placing(NUMBER, id('card-1'), note(id('card-1'))).refused();
    await tick();
    expect(refused.disk.calls).toEqual([first]);
    const settled = setup([first]);
    const out = settled.guard.placing(NUMBER, id('card-1'), note(id('card-1')));
    settled.guard.settle(id('card-1')); // "It was not placed" in History while the resend is out
    out.refused();
    await tick();
    expect(settled.disk.calls).toEqual([]);
    expect(settled.guard.about(NUMBER)).toBeNull();
  });

  it('only the first end of a POST counts', async () => {
    const { guard } = setup();
    const out = guard.placing(NUMBER, id('card-1'), note(id('card-1')));
    out.unknown();
    out.refused();
    await tick();
    expect(guard.isUnknown(id('card-1'))).toBe(true);
  });

  it('keeps variable values out of the file when the History does not keep them', () => {
    const withValues: PlacingNote = {
      ...note(id('card-1')),
      intent: { ...note(id('card-1')).intent, contextVariables: [{ key: 'patient_first_name', value: 'Maria' }] },
      body: { ...note(id('card-1')).body, context_variables: { patient_first_name: 'Maria' } },
    };
    const { guard, disk } = setup([], { keepValues: () => false });
    guard.placing(NUMBER, id('card-1'), withValues);
    expect(JSON.stringify(disk.calls)).not.toContain('Maria');
    expect(disk.calls[0]!.placing).toMatchObject({ body: { context_variables: { patient_first_name: null } } });
  });

  it('a call still out is never dropped by the ten-minute window, however long Feather takes', () => {
    const { guard, disk, clock } = setup();
    const out = guard.placing(NUMBER, id('card-1'), note(id('card-1')));
    clock.t += 11 * 60_000;
    guard.placing('+14155550199', id('card-2'), note(id('card-2')));
    expect(disk.calls.map((c) => c.requestId)).toEqual([id('card-1'), id('card-2')]);
    out.unknown();
    expect(guard.isUnknown(id('card-1'))).toBe(true);
  });
});

describe('a start that finds a call still being placed (the app ended before Feather answered)', () => {
  /** written down as it left; `before`: the card's History entry then */
  const left = (
    requestId: string,
    before: { id: string; steps: number } | null = null,
    placing: unknown = { ...note(requestId), before },
  ) => ({
    e164: NUMBER,
    at: new Date(T0).toISOString(),
    requestId,
    placing,
  });
  const history = (id: string, steps: number, outcome: string) => () => ({ id, steps, outcome });

  it('with no History entry: guarded as unknown, and recorded in History at the time it was sent', () => {
    const { guard, disk, ended } = setup([left(id('card-1'))], { historyOf: () => null });
    expect(ended).toEqual([{ requestId: id('card-1'), at: new Date(T0).toISOString() }]);
    expect(disk.calls).toEqual([{ e164: NUMBER, at: new Date(T0).toISOString(), requestId: id('card-1') }]);
    expect(guard.isUnknown(id('card-1'))).toBe(true);
    expect(guard.about(NUMBER)).toMatchObject({ requestId: id('card-1') });
  });

  it('whose answer History has (the app ended after it, before the strike-off): nothing is guarded or added', () => {
    const { guard, disk, ended } = setup([left(id('card-1'))], { historyOf: history('entry-1', 1, 'in_progress') });
    expect(ended).toEqual([]);
    expect(disk.calls).toEqual([]);
    expect(guard.about(NUMBER)).toBeNull();
  });

  it('the same card tried again after a refusal: the first try’s entry is not this try’s answer', () => {
    const { guard, ended } = setup([left(id('card-1'), { id: 'entry-1', steps: 1 })], { historyOf: history('entry-1', 1, 'not_placed') });
    expect(ended).toEqual([{ requestId: id('card-1'), at: new Date(T0).toISOString() }]);
    expect(guard.isUnknown(id('card-1'))).toBe(true);
    // …but a new entry since (this try's answer) is
    const answered = setup([left(id('card-1'), { id: 'entry-1', steps: 1 })], { historyOf: history('entry-2', 1, 'in_progress') });
    expect(answered.ended).toEqual([]);
    expect(answered.guard.about(NUMBER)).toBeNull();
  });

  it('a resend: its answer is a step more on the same entry', () => {
    const asked = setup([left(id('card-1'), { id: 'entry-1', steps: 1 })], { historyOf: history('entry-1', 2, 'in_progress') });
    expect(asked.ended).toEqual([]);
    expect(asked.guard.about(NUMBER)).toBeNull();
  });

  it('recorded as unknown already: guarded, not added twice', () => {
    const { guard, ended } = setup([left(id('card-1'))], { historyOf: history('entry-1', 1, 'unknown') });
    expect(ended).toEqual([]);
    expect(guard.isUnknown(id('card-1'))).toBe(true);
  });

  it('whose note cannot be read back: still guarded, and the log says why History lacks it', () => {
    const { guard, ended, logged } = setup([left(id('card-1'), null, { intent: 'not one' })], {
      historyOf: history('entry-1', 1, 'in_progress'),
    });
    expect(ended).toEqual([]);
    expect(guard.isUnknown(id('card-1'))).toBe(true);
    expect(logged.join('\n')).toMatch(/could not be read back for the history/);
  });

  it('a History write that fails keeps the guard', () => {
    const { guard, logged } = setup([left(id('card-1'))], {
      historyOf: () => null,
      endedUnder: () => {
        throw new Error('disk full');
      },
    });
    expect(guard.isUnknown(id('card-1'))).toBe(true);
    expect(logged.join('\n')).toMatch(/disk full/);
  });
});
