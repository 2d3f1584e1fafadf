import { describe, expect, it } from 'vitest';
import type { CallPreview, Confirmation } from '../../shared/call-preview';
import type { CallResult, ProfileView } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { dialReducer } from '../../renderer/src/dial/dial-reducer';
import { initialDialState, type DialAction, type DialState } from '../../renderer/src/dial/dial-state';
import { historyRow } from './dial-fixtures';

/**
 * The card and main's call history: the placed card takes its own call's entry as main follows it
 * (`history:changed`), an armed card asks what main's plan newly asks before the press, and a
 * refusal about an earlier call with an unknown outcome goes back to the form to plan again.
 */

const REQ = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

const profile: ProfileView = {
  id: 'sim',
  kind: 'simulator',
  name: 'Simulator',
  baseUrl: 'http://x',
  hasKey: true,
  keyHint: null,
  identity: null,
  apiVersion: null,
};
const plan = (over: Partial<CallPreview> = {}): CallPreview => ({
  ok: true,
  digest: 'd1',
  body: { from_phone_number_id: 'n1', to_phone_number: '+14155550132' },
  problems: {},
  summary: null,
  notices: [],
  variablesNotice: null,
  types: {},
  to: null,
  toSuggestion: null,
  contact: null,
  notTheirs: null,
  sharedBy: [],
  template: null,
  doNotCall: null,
  nonCallable: false,
  droppedVariables: 0,
  defaults: { toNumber: null, fromNumberId: null, caller: null },
  idempotencyKeySent: true,
  callerSource: 'none',
  offered: { agentIds: null, teamIds: null, note: null },
  apiVersion: '1.90',
  confirmations: [],
  calleeTime: null,
  ...over,
});
const underWay: Confirmation = {
  kind: 'under_way',
  message: 'A call to +1 415 555 0132 is queued for 16:00 — placed 15:58. Calling again starts a second call.',
  callNowOnly: false,
  queuedSessionId: '33333333-3333-4333-8333-333333333333',
};
const uncertain: Confirmation = {
  kind: 'recently_uncertain',
  message: 'A call to +1 415 555 0132 at 15:58 may have been placed — its outcome is unknown.',
  callNowOnly: false,
};
const result = (requestId = REQ) => ({ requestId, toNumber: '+14155550132', queued: true }) as CallResult;
const error = (code: AppError['code'], message = `${code} happened`): AppError => ({ code, message });

const run = (state: DialState, ...actions: DialAction[]) => actions.reduce(dialReducer, state);
const answer = (state: DialState, p: CallPreview) =>
  dialReducer(state, { type: 'planned', draft: state.draft, round: state.round, plan: p });
const armed = (p = plan()) =>
  answer(
    run(
      initialDialState(''),
      { type: 'profile', profile, key: 'sim' },
      { type: 'edit', patch: { toNumber: '415 555 0132' } },
      { type: 'review', requestId: REQ },
    ),
    p,
  );
const placed = () => run(armed(), { type: 'placing' }, { type: 'placed', result: result() });

describe('the placed card follows its own call in main’s history', () => {
  it('takes the entry for its request id as it moves on, and nothing of other cards’ calls', () => {
    let s = placed();
    expect(s.callRow).toBeNull();
    const queued = historyRow({ requestId: REQ });
    s = run(s, { type: 'history', row: queued });
    expect(s.callRow).toBe(queued);
    const other = historyRow({ id: 'entry-2', requestId: OTHER, outcome: 'in_progress', status: 'ringing', detail: 'Ringing' });
    expect(run(s, { type: 'history', row: other })).toBe(s);
    const ringing = historyRow({ requestId: REQ, outcome: 'in_progress', status: 'ringing', detail: 'Ringing' });
    const ended = historyRow({
      requestId: REQ,
      outcome: 'ended',
      status: 'closed',
      detail: 'Confirmed.',
      durationMs: 17_000,
      tracking: false,
    });
    s = run(s, { type: 'history', row: ringing }, { type: 'history', row: ended });
    expect(s.callRow).toBe(ended);
  });

  it('main may announce the entry before the card hears “placed”: it is kept while placing', () => {
    const row = historyRow({ requestId: REQ });
    const s = run(armed(), { type: 'placing' }, { type: 'history', row }, { type: 'placed', result: result() });
    expect(s.phase.kind).toBe('placed');
    expect(s.callRow).toBe(row);
  });

  it('a try that was not placed is an entry of its own: the next try of the same card starts without it', () => {
    const notPlaced = historyRow({ id: 'try-1', requestId: REQ, outcome: 'not_placed', detail: 'Offline', tracking: false });
    let s = run(armed(), { type: 'placing' }, { type: 'history', row: notPlaced }, { type: 'failed', error: error('offline') });
    expect(s.phase.kind).toBe('not_placed');
    s = run(s, { type: 'placing' });
    expect(s.callRow).toBeNull();
    const second = historyRow({ id: 'try-2', requestId: REQ, at: '2026-03-10T18:01:00.000Z' });
    s = run(s, { type: 'history', row: second }, { type: 'placed', result: result() });
    expect(s.callRow).toBe(second);
    // a late word about the earlier try never replaces the latest one
    expect(run(s, { type: 'history', row: notPlaced }).callRow).toBe(second);
  });

  it('what failed after the answer (saving its stats) reaches its own placed card once; a new call starts without it', () => {
    const notice = 'The call was placed, but saving it on this computer failed (last caller, contact stats).';
    let s = run(placed(), { type: 'callNotice', requestId: OTHER, notice });
    expect(s.callNotices).toEqual([]);
    s = run(s, { type: 'callNotice', requestId: REQ, notice }, { type: 'callNotice', requestId: REQ, notice });
    expect(s.callNotices).toEqual([notice]);
    expect(run(s, { type: 'newCall', requestId: OTHER }).callNotices).toEqual([]);
  });

  it('a new call (or a call from elsewhere) starts with no entry', () => {
    const s = run(placed(), { type: 'history', row: historyRow({ requestId: REQ }) });
    expect(run(s, { type: 'newCall', requestId: OTHER }).callRow).toBeNull();
  });

  it('an unknown outcome settled in History reaches its card', () => {
    let s = run(armed(), { type: 'placing' }, { type: 'failed', error: error('outcome_unknown') });
    const settled = historyRow({ requestId: REQ, outcome: 'in_progress', status: 'active', detail: 'In the call' });
    s = run(s, { type: 'history', row: settled });
    expect(s.phase.kind).toBe('unknown');
    expect(s.callRow).toBe(settled);
  });
});

describe('what main’s plan asks about the history is asked at Review, before the press', () => {
  it('an armed card takes a confirmation main’s plan newly asks for (a call went out elsewhere meanwhile)', () => {
    let s = armed();
    s = run(s, { type: 'replan' });
    s = answer(s, plan({ confirmations: [underWay] }));
    expect(s.phase).toMatchObject({ kind: 'review', requestId: REQ, plan: { confirmations: [underWay] } });
  });

  it('and what it no longer asks (the queued call started to ring: nothing to replace any more); the sentences’ clock alone changes nothing', () => {
    const ringing: Confirmation = { ...underWay, message: 'A call to +1 415 555 0132 is under way (ringing).', queuedSessionId: null };
    let s = armed(plan({ confirmations: [underWay] }));
    s = answer(run(s, { type: 'replan' }), plan({ confirmations: [ringing] }));
    expect(s.phase).toMatchObject({ kind: 'review', plan: { confirmations: [ringing] } });
    const armedPlan = 'plan' in s.phase ? s.phase.plan : null;
    s = answer(run(s, { type: 'replan' }), plan({ confirmations: [{ ...ringing, message: 'the same, a minute later' }] }));
    expect('plan' in s.phase && s.phase.plan).toBe(armedPlan);
  });

  it('a card refused (to try again) follows main’s plan for the same call too', () => {
    let s = run(armed(plan({ confirmations: [underWay] })), { type: 'placing' }, { type: 'failed', error: error('cancel_failed') });
    s = answer(run(s, { type: 'replan' }), plan({ confirmations: [] }));
    expect(s.phase).toMatchObject({ kind: 'not_placed', plan: { confirmations: [] } });
  });

  it('a refusal about an earlier call with an unknown outcome: back to the form, main’s sentence on the card, planned again', () => {
    const refusal = error('recently_uncertain', 'A call to this number at 15:58 may have been placed — its outcome is unknown.');
    const before = armed();
    const s = run(before, { type: 'placing' }, { type: 'failed', error: refusal });
    expect(s.phase.kind).toBe('draft');
    expect(s.rejected).toBe(refusal);
    expect(s.round).toBe(before.round + 1); // main's new plan (which lists it) follows
    // Review again arms with it, and the refusal goes
    const again = answer(run(s, { type: 'review', requestId: OTHER }), plan({ confirmations: [uncertain] }));
    expect(again.phase).toMatchObject({ kind: 'review', plan: { confirmations: [uncertain] } });
    expect(again.rejected).toBeNull();
  });

  it('“Call now instead” refused because Feather did not confirm the cancel: nothing placed, the same card, main’s message', () => {
    const refusal = error(
      'cancel_failed',
      'Not called: Feather did not confirm cancelling the queued call (HTTP 500), so nothing was placed.',
    );
    const s = run(armed(plan({ confirmations: [underWay] })), { type: 'placing' }, { type: 'failed', error: refusal });
    expect(s.phase).toMatchObject({ kind: 'not_placed', requestId: REQ, error: refusal, plan: { confirmations: [underWay] } });
  });
});
