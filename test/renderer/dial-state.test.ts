import { describe, expect, it } from 'vitest';
import type { CallPreview } from '../../shared/call-preview';
import type { CallResult, Directory, ProfileView } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { dialReducer } from '../../renderer/src/dial/dial-reducer';
import { currentPlan, firstProblem, initialDialState, type DialAction, type DialState } from '../../renderer/src/dial/dial-state';

const NUM_A = '11111111-1111-4111-8111-111111111111';
const NUM_B = '22222222-2222-4222-8222-222222222222';
const NUM_C = '33333333-3333-4333-8333-333333333333';
const AGENT = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const TEAM = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

const directory = (over: Partial<Directory> = {}): Directory => ({
  apiVersion: '1.90',
  phoneNumbers: [
    { id: NUM_A, label: '+1 415 555 0100', manual: false },
    { id: NUM_B, label: '+1 415 555 0101', manual: false },
  ],
  agents: [{ id: AGENT, label: 'Riley', manual: false }],
  teams: [],
  bindings: {},
  variables: {},
  revisionVariables: {},
  fetchedAt: '2026-11-27T08:00:00.000Z',
  unavailable: [],
  refreshError: null,
  ...over,
});
const profile = (id: string, kind: ProfileView['kind'] = 'simulator'): ProfileView => ({
  id,
  kind,
  name: id === 'live' ? 'Acme production' : 'Simulator',
  baseUrl: 'http://x',
  hasKey: true,
  keyHint: null,
  identity: null,
  apiVersion: null,
});
/** Main's answer, as far as the reducer reads it. */
const plan = (over: Partial<CallPreview> = {}): CallPreview => ({
  ok: true,
  digest: 'd1',
  body: { from_phone_number_id: NUM_A, to_phone_number: '+14155550199' },
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
const blocked = (problems: Record<string, string>) => plan({ ok: false, body: null, problems });
const result = { requestId: 'r1', toNumber: '+14155550199' } as CallResult;
const error = (code: AppError['code'], extra: Partial<AppError> = {}): AppError => ({ code, message: `${code} happened`, ...extra });

const run = (state: DialState, ...actions: DialAction[]) => actions.reduce(dialReducer, state);
/** Main answers the draft on screen. */
const answer = (state: DialState, p: CallPreview) =>
  dialReducer(state, { type: 'planned', draft: state.draft, round: state.round, plan: p });
const start = () => run(initialDialState(''), { type: 'profile', profile: profile('sim'), key: 'sim' });
/** Reviewed and armed with a plan that checks out. */
const armed = (state = start()) =>
  answer(run(state, { type: 'edit', patch: { toNumber: '415 555 0199' } }, { type: 'review', requestId: 'req-1' }), plan());

describe('the dial flow: draft → review → placing → placed | not placed | unknown', () => {
  it('reviews a call main says checks out, arms the card with that plan, places it, and shows it placed', () => {
    let s = armed();
    expect(s.phase).toEqual({ kind: 'review', requestId: 'req-1', plan: plan() });
    s = run(s, { type: 'placing' });
    expect(s.phase).toMatchObject({ kind: 'placing', requestId: 'req-1' });
    // the form is locked while placing: an edit changes nothing
    expect(run(s, { type: 'edit', patch: { toNumber: '1' } }).draft.toNumber).toBe('415 555 0199');
    s = run(s, { type: 'placed', result });
    expect(s.phase).toEqual({ kind: 'placed', result });
  });

  it('Review waits for main’s plan of the draft on screen — never arms with the plan of an older draft', () => {
    let s = run(start(), { type: 'edit', patch: { toNumber: '415' } });
    const older = s.draft;
    s = run(s, { type: 'edit', patch: { toNumber: '415 555 0199' } }, { type: 'review', requestId: 'q' });
    expect(s.phase.kind).toBe('draft');
    expect(s.armWhenPlanned).toBe('q');
    // the answer for "415" comes late: dropped
    expect(run(s, { type: 'planned', draft: older, round: s.round, plan: blocked({ toNumber: 'Too short' }) })).toBe(s);
    s = answer(s, plan());
    expect(s.phase).toMatchObject({ kind: 'review', requestId: 'q' });
    expect(currentPlan(s)?.ok).toBe(true);
  });

  it('review with problems stays on the form, keeps the typing, and points focus at the first problem in reading order', () => {
    const s = answer(
      run(start(), { type: 'edit', patch: { toNumber: '12' } }, { type: 'review', requestId: 'r' }),
      blocked({ 'contextVariables.2': 'x', fromNumberId: 'Choose a number', toNumber: 'Too short' }),
    );
    expect(s.phase.kind).toBe('draft');
    expect(s.draft.toNumber).toBe('12');
    expect(s.focus?.field).toBe('toNumber');
    expect(s.fieldErrors.fromNumberId).toBe('Choose a number');
  });

  it('orders variable rows by number, so row 3 comes before row 10', () => {
    expect(firstProblem({ 'contextVariables.10': 'a', 'contextVariables.2': 'b' })).toBe('contextVariables.2');
    expect(firstProblem({ template: 'gone', 'contextVariables.0': 'x' })).toBe('template');
  });

  it('an untouched card is not "touched": the card does not list problems for a form nobody filled in', () => {
    expect(answer(start(), blocked({ toNumber: 'Enter a phone number.' })).touched).toBe(false);
    expect(run(start(), { type: 'edit', patch: { toNumber: '4' } }).touched).toBe(true);
    expect(run(armed(), { type: 'placing' }, { type: 'placed', result }, { type: 'newCall', requestId: 'n' }).touched).toBe(false);
  });

  it('a 422 goes back to the form with Feather’s message on the field it names, and the card keeps the refusal', () => {
    const rejected = error('validation', { fields: { toNumber: 'Feather: number is on a blocklist' } });
    const s = run(armed(), { type: 'placing' }, { type: 'failed', error: rejected });
    expect(s.phase.kind).toBe('draft');
    expect(s.fieldErrors.toNumber).toBe('Feather: number is on a blocklist');
    expect(s.rejected).toBe(rejected);
    expect(s.focus?.field).toBe('toNumber');
    const edited = run(s, { type: 'edit', patch: { toNumber: '+1 415 555 0111' } });
    expect(edited.fieldErrors.toNumber).toBeUndefined();
    expect(edited.rejected).toBeNull();
  });

  it('a refusal without fields is "not placed": Call again uses the same card and its plan (main gives it a fresh key)', () => {
    let s = run(armed(), { type: 'placing' }, { type: 'failed', error: error('offline') });
    expect(s.phase).toMatchObject({ kind: 'not_placed', requestId: 'req-1', plan: { digest: 'd1' } });
    s = run(s, { type: 'placing' });
    expect(s.phase).toMatchObject({ kind: 'placing', requestId: 'req-1' });
  });

  it('an unknown outcome is never retried by itself; the safe resend joins, and a refused resend stays unknown', () => {
    let s = run(armed(), { type: 'placing' }, { type: 'failed', error: error('outcome_unknown', { resendable: true }) });
    expect(s.phase.kind).toBe('unknown');
    expect(run(s, { type: 'placing' }).phase.kind).toBe('unknown');
    expect(run(s, { type: 'review', requestId: 'again' }).phase.kind).toBe('unknown');
    s = run(s, { type: 'resending' });
    expect(s.phase).toMatchObject({ kind: 'unknown', asking: true });
    expect(run(s, { type: 'resending' })).toBe(s);
    const refused = run(s, { type: 'resendFailed', error: error('validation') });
    expect(refused.phase).toMatchObject({ kind: 'unknown', error: { resendable: false, message: expect.stringMatching(/still unknown/) } });
    expect(run(s, { type: 'resent', result }).phase).toEqual({ kind: 'placed', result });
  });

  it('Edit (or Esc) from review goes back to the draft; a new call clears the number, its contact and one-off values', () => {
    let s = run(armed(), { type: 'backToEdit' });
    expect(s.phase.kind).toBe('draft');
    s = run(s, { type: 'pick', toNumber: '+14155550199', contactId: 'c1' }, { type: 'oneOff', key: 'clinic', value: 'Harbor' });
    s = run(answer(run(s, { type: 'review', requestId: 'x' }), plan()), { type: 'placing' }, { type: 'placed', result });
    s = run(s, { type: 'newCall', requestId: 'n' });
    expect(s.phase.kind).toBe('draft');
    expect(s.draft).toMatchObject({ toNumber: '', contactId: undefined, oneOff: null });
    expect(s.focus?.field).toBe('toNumber');
  });
});

describe('main’s plan and defaults; what the user chose', () => {
  it('puts main’s number, from-number and caller in the draft; a choice of the user’s is recorded for main to respect', () => {
    const defaults = { toNumber: null, fromNumberId: NUM_B, caller: { mode: 'agent' as const, agentId: AGENT } };
    const s = answer(start(), plan({ defaults }));
    expect(s.draft).toMatchObject({ fromNumberId: NUM_B, caller: { mode: 'agent', agentId: AGENT } });
    // the defaults changed the draft: the plan on screen is for the draft before them, and a new one follows
    expect(currentPlan(s)).toBeNull();
    // what the user chose is recorded with the template chosen at the time (main's defaults then say null)
    const chosen = run(
      start(),
      { type: 'chooseTemplate', templateId: 't1' },
      { type: 'edit', patch: { fromNumberId: NUM_A } },
      { type: 'callerMode', mode: 'team' },
    );
    expect(chosen.draft).toMatchObject({ fromChoice: { templateId: 't1' }, callerChoice: { templateId: 't1' } });
    // focus in From makes it the user's before typing anything, but not while the card is armed
    expect(run(start(), { type: 'fromFocused' }).draft.fromChoice).toEqual({ templateId: null });
    expect(run(armed(), { type: 'fromFocused' }).draft.fromChoice).toBeUndefined();
    // …nor when the card put focus there itself (From is its first problem): the suggestion may still land
    const pointed = { ...start(), focus: { field: 'fromNumberId', seq: 1 } };
    expect(run(pointed, { type: 'fromFocused' }).draft.fromChoice).toBeUndefined();
    // its focus event came at once (a window in front): the next focus in From is the user's
    expect(run(pointed, { type: 'fromFocused' }, { type: 'focused' }, { type: 'fromFocused' }).draft.fromChoice).toEqual({
      templateId: null,
    });
    // a window in the background gets the card's focus event only when it is next focused: still the card's…
    const late = run(pointed, { type: 'focused', eventLate: true }, { type: 'fromFocused' });
    expect(late.draft.fromChoice).toBeUndefined();
    expect(run(late, { type: 'fromFocused' }).draft.fromChoice).toEqual({ templateId: null }); // …and the next one the user's
    // …and so for every later request too (each starts at seq 1 again), not only the first
    const first = run(pointed, { type: 'fromFocused' }, { type: 'focused', eventLate: false }); // its event came at once
    const second = run(
      { ...first, focus: { field: 'fromNumberId', seq: 1 } },
      { type: 'focused', eventLate: true },
      { type: 'fromFocused' },
    );
    expect(second.draft.fromChoice).toBeUndefined();
    // no event to wait for (a hidden tab, focus moved on): the user's next focus in From is theirs
    expect(run(pointed, { type: 'focused', eventLate: false }, { type: 'fromFocused' }).draft.fromChoice).toEqual({ templateId: null });
    // an event that never came does not outlive the user's first edit
    expect(
      run(pointed, { type: 'focused', eventLate: true }, { type: 'edit', patch: { toNumber: '+1415' } }, { type: 'fromFocused' }).draft
        .fromChoice,
    ).toEqual({ templateId: null });
    // a contact given alone: main's number for it goes in
    const request = run(start(), { type: 'request', request: { contactId: 'c1', source: 'contacts' }, requestId: 'q' });
    expect(answer(request, plan({ defaults: { toNumber: '+14155550161', fromNumberId: null, caller: null } })).draft.toNumber).toBe(
      '+14155550161',
    );
  });

  it('choosing a template leaves "who calls" to main (its defaults say whether the template’s caller wins)', () => {
    const s = run(start(), { type: 'callerMode', mode: 'team' }, { type: 'chooseTemplate', templateId: 't1' });
    expect(s.draft).toMatchObject({ templateId: 't1', callerChoice: { templateId: null } });
    expect(run(s, { type: 'chooseTemplate', templateId: '' }).draft.templateId).toBeUndefined();
  });

  it('switching "Who calls" back and forth keeps the agent and the team typed before', () => {
    let s = run(start(), { type: 'callerMode', mode: 'agent' }, { type: 'edit', patch: { caller: { mode: 'agent', agentId: AGENT } } });
    s = run(s, { type: 'callerMode', mode: 'team' }, { type: 'edit', patch: { caller: { mode: 'team', teamId: TEAM } } });
    s = run(s, { type: 'callerMode', mode: 'auto' }, { type: 'callerMode', mode: 'agent' });
    expect(s.draft.caller).toEqual({ mode: 'agent', agentId: AGENT });
    expect(run(s, { type: 'callerMode', mode: 'team' }).draft.caller).toEqual({ mode: 'team', teamId: TEAM });
  });

  it('a one-off value is kept by variable name, for the number it was given for; another number drops them', () => {
    let s = run(start(), { type: 'edit', patch: { toNumber: '+12125550100' } }, { type: 'oneOff', key: 'clinic', value: 'Harbor' });
    s = run(s, { type: 'oneOff', key: 'plan', value: 'pro' });
    expect(s.draft.oneOff).toEqual({ forNumber: '+12125550100', values: { clinic: 'Harbor', plan: 'pro' } });
    expect(run(s, { type: 'edit', patch: { toNumber: '+12125550199' } }).draft.oneOff).toBeNull();
    // a value given after a refusal starts the card over (Try again would send what the card does not show)
    const refused = run(
      armed(),
      { type: 'placing' },
      { type: 'failed', error: error('offline') },
      { type: 'oneOff', key: 'clinic', value: 'U' },
    );
    expect(refused.phase.kind).toBe('draft');
  });

  it('Review, then more typing: the card does not arm on the edited draft by itself', () => {
    let s = run(start(), { type: 'edit', patch: { toNumber: '+1212555017' } }, { type: 'review', requestId: 'q' });
    s = run(s, { type: 'edit', patch: { toNumber: '+12125550177' } });
    expect(answer(s, plan()).phase.kind).toBe('draft');
  });

  it('when main’s data changes, the plan on screen is stale: Review waits for the new one', () => {
    let s = answer(run(start(), { type: 'edit', patch: { toNumber: '+12125550177' } }), plan());
    s = run(s, { type: 'replan' }, { type: 'review', requestId: 'q' });
    expect(s.phase.kind).toBe('draft');
    expect(run(s, { type: 'planned', draft: s.draft, round: s.round - 1, plan: plan() }).phase.kind).toBe('draft'); // the old round's answer
    expect(answer(s, plan({ digest: 'd2' })).phase).toMatchObject({ kind: 'review', plan: { digest: 'd2' } });
  });

  it('an armed card keeps its plan; if main’s plan changes under it, back to the form with a message', () => {
    const s = armed();
    expect(answer(s, plan()).phase.kind).toBe('review'); // the same plan: nothing changes
    const changed = answer(run(s, { type: 'replan' }), plan({ digest: 'other' }));
    expect(changed.phase.kind).toBe('draft');
    expect(changed.rejected).toMatchObject({ code: 'plan_changed' });
    // main refusing a changed plan at Call: nothing was sent; the form, and a new plan on its way
    const refused = run(armed(), { type: 'placing' }, { type: 'failed', error: error('plan_changed') });
    expect(refused).toMatchObject({ phase: { kind: 'draft' }, rejected: { code: 'plan_changed' } });
    expect(refused.round).toBe(armed().round + 1);
  });
});

describe('calls started elsewhere (contacts, tray, palette, tel: links)', () => {
  it('fills the card with the number and contact, and arms it once main’s plan (after its defaults) checks out', () => {
    let s = run(start(), { type: 'request', request: { toNumber: '+14155550199', contactId: 'c1', source: 'contacts' }, requestId: 'q1' });
    expect(s.draft).toMatchObject({ toNumber: '+14155550199', contactId: 'c1', fromChoice: null, callerChoice: null });
    s = answer(s, plan({ defaults: { toNumber: null, fromNumberId: NUM_A, caller: { mode: 'auto' } } }));
    expect(s.phase.kind).toBe('draft'); // the defaults changed the draft: wait for its own plan
    s = answer(s, plan());
    expect(s.phase).toMatchObject({ kind: 'review', requestId: 'q1' });
  });

  it('opens the form at the first problem otherwise; when main’s data catches up (numbers still loading at a first start), it arms', () => {
    const s = answer(
      run(start(), { type: 'request', request: { toNumber: '+14155550199', source: 'tray' }, requestId: 'q1' }),
      blocked({ fromNumberId: 'Choose the number to call from' }),
    );
    expect(s.phase.kind).toBe('draft');
    expect(s.focus?.field).toBe('fromNumberId');
    // the same problem again: focus is not taken again
    const again = answer(run(s, { type: 'replan' }), blocked({ fromNumberId: 'Choose the number to call from' }));
    expect(again.focus).toBe(s.focus);
    expect(answer(run(again, { type: 'replan' }), plan()).phase).toMatchObject({ kind: 'review', requestId: 'q1' });
    // the user changed something meanwhile: the card is theirs, nothing arms by itself
    const edited = run(s, { type: 'edit', patch: { toNumber: '+14155550198' } });
    expect(answer(edited, plan()).phase.kind).toBe('draft');
  });

  it('never replaces a card that is calling, or one whose outcome is unknown: the request waits for a new call', () => {
    const placing = run(armed(), { type: 'placing' });
    const request: DialAction = { type: 'request', request: { toNumber: '+442079460958', source: 'link' }, requestId: 'q' };
    expect(run(placing, request)).toMatchObject({ phase: { kind: 'placing' }, waiting: { toNumber: '+442079460958' } });
    const unknown = run(placing, { type: 'failed', error: error('outcome_unknown') }, request);
    expect(unknown).toMatchObject({ phase: { kind: 'unknown' }, draft: { toNumber: '415 555 0199' } });
    const opened = run(unknown, { type: 'newCall', requestId: 'n1' });
    expect(opened).toMatchObject({ waiting: null, draft: { toNumber: '+442079460958' }, armWhenPlanned: 'n1' });
  });

  it('from outside the window (a link, the tray, a shortcut), a call never replaces a card ready to call or the user’s typing: it waits to be opened', () => {
    const link: DialAction = { type: 'request', request: { toNumber: '+442079460958', source: 'link' }, requestId: 'q' };
    // armed: the card stays armed, with the same request id; "Open it" (a new call) opens the link's card
    const ready = armed();
    const waited = run(ready, link);
    expect(waited).toMatchObject({ phase: ready.phase, draft: { toNumber: '415 555 0199' }, waiting: { toNumber: '+442079460958' } });
    expect(run(waited, { type: 'newCall', requestId: 'n1' })).toMatchObject({ waiting: null, draft: { toNumber: '+442079460958' } });
    expect(run(waited, { type: 'dismissWaiting' })).toMatchObject({
      waiting: null,
      phase: ready.phase,
      draft: { toNumber: '415 555 0199' },
    });
    // half-typed: kept
    const typing = run(start(), { type: 'edit', patch: { toNumber: '+44 20 79' } });
    expect(run(typing, link)).toMatchObject({ draft: { toNumber: '+44 20 79' }, waiting: { source: 'link' } });
    // an empty card, or one only opened from a request, is simply replaced
    expect(run(start(), link)).toMatchObject({ draft: { toNumber: '+442079460958' }, waiting: null });
    const opened = run(start(), { type: 'request', request: { toNumber: '+14155550100', source: 'tray' }, requestId: 'q0' });
    expect(run(opened, link)).toMatchObject({ draft: { toNumber: '+442079460958' }, waiting: null });
    // the user's own choice in the window (Contacts) replaces the card: they asked for it here
    expect(run(ready, { type: 'request', request: { toNumber: '+14155550188', source: 'contacts' }, requestId: 'c' })).toMatchObject({
      draft: { toNumber: '+14155550188' },
      phase: { kind: 'draft' },
    });
  });

  it('a card put away (the palette hidden) drops a call that waited for it', () => {
    const placedWithWaiting = run(
      armed(),
      { type: 'placing' },
      { type: 'request', request: { toNumber: '+442079460958', source: 'tray' }, requestId: 'q' },
      { type: 'placed', result },
    );
    expect(placedWithWaiting.waiting).not.toBeNull();
    expect(run(placedWithWaiting, { type: 'newCall', requestId: 'n', dropWaiting: true })).toMatchObject({
      waiting: null,
      draft: { toNumber: '' },
      phase: { kind: 'draft' },
    });
  });
});

describe('switching connection', () => {
  it('the same connection getting its first key (demo mode’s simulator starting) is not a switch: an armed card stays armed', () => {
    let s = run(initialDialState(''), { type: 'profile', profile: profile('sim'), key: 'sim|' });
    s = run(s, { type: 'request', request: { toNumber: '+14155550199', source: 'hotkey' }, requestId: 'q1' });
    s = answer(s, plan());
    expect(s.phase).toMatchObject({ kind: 'review', requestId: 'q1' });
    s = run(s, { type: 'profile', profile: profile('sim'), key: 'sim|ab12' });
    expect(s).toMatchObject({ phase: { kind: 'review', requestId: 'q1' }, profileKey: 'sim|ab12', liveWarning: null });
  });
  it('clears the last card, warns on the first switch to a live profile, and drops IDs the new directory lacks', () => {
    let s = run(
      start(),
      { type: 'edit', patch: { fromNumberId: NUM_A, caller: { mode: 'agent', agentId: AGENT } } },
      { type: 'review', requestId: 'r' },
    );
    s = run(answer(s, plan()), { type: 'placing' }, { type: 'placed', result });
    s = run(s, { type: 'profile', profile: profile('live', 'custom'), key: 'live' });
    expect(s.phase.kind).toBe('draft');
    expect(s.liveWarning).toMatch(/Calls from now on are real/);
    // the cached (never fetched) directory of the new profile does not decide yet
    s = run(s, { type: 'directory', profileKey: 'live', directory: directory({ fetchedAt: null, phoneNumbers: [], agents: [] }) });
    expect(s.draft.fromNumberId).toBe(NUM_A);
    s = run(s, {
      type: 'directory',
      profileKey: 'live',
      directory: directory({
        phoneNumbers: [{ id: NUM_C, label: 'c', manual: false }],
        agents: [{ id: 'other', label: 'X', manual: false }],
      }),
    });
    expect(s.draft).toMatchObject({ fromNumberId: '', fromChoice: null, caller: { mode: 'agent', agentId: '' } });
  });

  it('the "calls are real" banner names the live server, goes when the connection is no longer live, and is for the first switch only', () => {
    let s = run(start(), { type: 'profile', profile: profile('live', 'custom'), key: 'live' });
    expect(s.liveWarning).toMatch(/Calls from now on are real/);
    const other = run(s, { type: 'profile', profile: { ...profile('live2', 'custom'), name: 'Production EU' }, key: 'live2' });
    expect(other.liveWarning).toMatch(/connected to Production EU/);
    s = run(s, { type: 'profile', profile: profile('sim'), key: 'sim' });
    expect(s.liveWarning).toBeNull();
    s = run(s, { type: 'profile', profile: profile('live', 'custom'), key: 'live' });
    expect(s.liveWarning).toBeNull();
  });

  it('the window’s first status sets the connection without warning about it', () => {
    expect(run(initialDialState(''), { type: 'profile', profile: profile('live', 'custom'), key: 'live' }).liveWarning).toBeNull();
  });

  it('ignores a late directory of the previous connection, and keeps a card whose outcome is unknown', () => {
    const s = run(start(), { type: 'profile', profile: profile('sandbox', 'sandbox'), key: 'sandbox' });
    expect(run(s, { type: 'directory', profileKey: 'sim', directory: directory() })).toBe(s);
    const unknown = run(armed(), { type: 'placing' }, { type: 'failed', error: error('outcome_unknown') });
    expect(run(unknown, { type: 'profile', profile: profile('sandbox', 'sandbox'), key: 'sandbox' }).phase.kind).toBe('unknown');
  });
});
