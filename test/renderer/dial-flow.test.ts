import { describe, expect, it } from 'vitest';
import type { CallResult, Directory, ProfileView } from '../../shared/contract';
import type { Contact } from '../../shared/contacts/contact';
import type { AppError } from '../../shared/result';
import type { Template } from '../../shared/templates/template';
import {
  dialReducer,
  firstProblem,
  initialDialState,
  suggestFromNumber,
  type DialAction,
  type DialState,
} from '../../renderer/src/screens/dial-flow';

const NUM_A = '11111111-1111-4111-8111-111111111111';
const NUM_B = '22222222-2222-4222-8222-222222222222';
const NUM_C = '33333333-3333-4333-8333-333333333333';
const AGENT = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

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
const result = { requestId: 'r1', toNumber: '+14155550199' } as CallResult;
const error = (code: AppError['code'], extra: Partial<AppError> = {}): AppError => ({ code, message: `${code} happened`, ...extra });

const run = (state: DialState, ...actions: DialAction[]) => actions.reduce(dialReducer, state);
const start = () => initialDialState({ lastCaller: null, profileId: 'sim' });
const ready: DialAction = { type: 'review', plan: { ok: true, problems: {} }, requestId: 'req-1' };

describe('the dial flow: draft → review → placing → placed | not placed | unknown', () => {
  it('reviews a call that checks out, places it, and shows it placed', () => {
    let s = run(start(), { type: 'edit', patch: { toNumber: '415 555 0199' } }, ready);
    expect(s.phase).toEqual({ kind: 'review', requestId: 'req-1' });
    s = run(s, { type: 'placing' });
    expect(s.phase).toEqual({ kind: 'placing', requestId: 'req-1' });
    // the form is locked while placing: an edit changes nothing
    expect(run(s, { type: 'edit', patch: { toNumber: '1' } }).draft.toNumber).toBe('415 555 0199');
    s = run(s, { type: 'placed', result });
    expect(s.phase).toEqual({ kind: 'placed', result });
  });

  it('review with problems stays on the form, keeps the typing, and points focus at the first problem in reading order', () => {
    const s = run(
      start(),
      { type: 'edit', patch: { toNumber: '12' } },
      {
        type: 'review',
        plan: { ok: false, problems: { 'contextVariables.2': 'x', fromNumberId: 'Choose a number', toNumber: 'Too short' } },
        requestId: 'r',
      },
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

  it('a 422 goes back to the form with Feather’s message on the field it names, and the card keeps the refusal', () => {
    const rejected = error('validation', { fields: { toNumber: 'Feather: number is on a blocklist' } });
    const s = run(start(), ready, { type: 'placing' }, { type: 'failed', error: rejected });
    expect(s.phase.kind).toBe('draft');
    expect(s.fieldErrors.toNumber).toBe('Feather: number is on a blocklist');
    expect(s.rejected).toBe(rejected);
    expect(s.focus?.field).toBe('toNumber');
    // editing that field clears its message and the refusal
    const edited = run(s, { type: 'edit', patch: { toNumber: '+1 415 555 0111' } });
    expect(edited.fieldErrors.toNumber).toBeUndefined();
    expect(edited.rejected).toBeNull();
  });

  it('a refusal without fields is "not placed": Call again uses the same card (main gives it a fresh key)', () => {
    let s = run(start(), ready, { type: 'placing' }, { type: 'failed', error: error('offline') });
    expect(s.phase).toMatchObject({ kind: 'not_placed', requestId: 'req-1' });
    s = run(s, { type: 'placing' });
    expect(s.phase).toEqual({ kind: 'placing', requestId: 'req-1' });
  });

  it('an unknown outcome is never retried by itself; the safe resend joins, and a refused resend stays unknown', () => {
    let s = run(start(), ready, { type: 'placing' }, { type: 'failed', error: error('outcome_unknown', { resendable: true }) });
    expect(s.phase.kind).toBe('unknown');
    // nothing but the resend leaves "unknown": not Call, not Review
    expect(run(s, { type: 'placing' }).phase.kind).toBe('unknown');
    expect(run(s, ready).phase.kind).toBe('unknown');
    s = run(s, { type: 'resending' });
    expect(s.phase).toMatchObject({ kind: 'unknown', asking: true });
    expect(run(s, { type: 'resending' })).toBe(s); // a second click joins the first
    const refused = run(s, { type: 'resendFailed', error: error('validation') });
    expect(refused.phase).toMatchObject({ kind: 'unknown' });
    if (refused.phase.kind === 'unknown') {
      expect(refused.phase.error.resendable).toBe(false);
      expect(refused.phase.error.message).toMatch(/still unknown/);
    }
    expect(run(s, { type: 'resent', result }).phase).toEqual({ kind: 'placed', result });
  });

  it('Edit (or Esc) from review goes back to the draft; a new call clears the number and the card', () => {
    let s = run(start(), { type: 'edit', patch: { toNumber: '+14155550199' } }, ready, { type: 'backToEdit' });
    expect(s.phase.kind).toBe('draft');
    s = run(s, ready, { type: 'placing' }, { type: 'placed', result }, { type: 'newCall' });
    expect(s.phase.kind).toBe('draft');
    expect(s.draft.toNumber).toBe('');
    expect(s.focus?.field).toBe('toNumber');
  });
});

describe('from-number preselection: contact → template → last used → the only, or first bound, number', () => {
  it('suggests the only number, or the first one with outbound bindings; never one Feather says has none', () => {
    expect(suggestFromNumber(directory({ phoneNumbers: [{ id: NUM_A, label: 'a', manual: false }] }))).toBe(NUM_A);
    expect(
      suggestFromNumber(
        directory({
          phoneNumbers: [{ id: NUM_A, label: 'a', manual: false }],
          bindings: { [NUM_A]: { agentIds: [], teamIds: [], agentRevisions: {} } },
        }),
      ),
    ).toBeNull();
    const d = directory({
      phoneNumbers: [
        { id: NUM_A, label: 'a', manual: false },
        { id: NUM_B, label: 'b', manual: false },
        { id: NUM_C, label: 'c', manual: false },
      ],
      bindings: {
        [NUM_A]: { agentIds: [], teamIds: [], agentRevisions: {} },
        [NUM_C]: { agentIds: [AGENT], teamIds: [], agentRevisions: {} },
      },
    });
    expect(suggestFromNumber(d)).toBe(NUM_C);
  });

  it('fills an empty from-number when the directory arrives, and says it was suggested', () => {
    const s = run(start(), {
      type: 'directory',
      profileId: 'sim',
      directory: directory({ bindings: { [NUM_B]: { agentIds: [AGENT], teamIds: [], agentRevisions: {} } } }),
    });
    expect(s.draft.fromNumberId).toBe(NUM_B);
    expect(s.callerSource).toBe('suggested');
  });

  it('never replaces a from-number the user typed, even when the directory arrives afterwards', () => {
    const s = run(
      start(),
      { type: 'edit', patch: { fromNumberId: NUM_A } },
      {
        type: 'directory',
        profileId: 'sim',
        directory: directory({ bindings: { [NUM_B]: { agentIds: [AGENT], teamIds: [], agentRevisions: {} } } }),
      },
    );
    expect(s.draft.fromNumberId).toBe(NUM_A);
    // …nor one the user cleared on purpose
    const cleared = run(
      start(),
      { type: 'edit', patch: { fromNumberId: '' } },
      { type: 'directory', profileId: 'sim', directory: directory() },
    );
    expect(cleared.draft.fromNumberId).toBe('');
  });

  it('keeps the last used caller over a suggestion', () => {
    const s = run(initialDialState({ lastCaller: { fromNumberId: NUM_A, caller: { mode: 'auto' } }, profileId: 'sim' }), {
      type: 'directory',
      profileId: 'sim',
      directory: directory(),
    });
    expect(s.draft.fromNumberId).toBe(NUM_A);
    expect(s.callerSource).toBe('last used');
  });

  it('a template’s caller applies when the template is chosen (agent without a number keeps the number)', () => {
    const template = {
      id: 't1',
      name: 'Renewal',
      defaultCaller: { fromNumberId: null, caller: { mode: 'agent', agentId: AGENT } },
    } as unknown as Template;
    const s = run(start(), { type: 'edit', patch: { fromNumberId: NUM_A } }, { type: 'chooseTemplate', template });
    expect(s.templateId).toBe('t1');
    expect(s.draft.callerMode).toBe('agent');
    expect(s.draft.agentId).toBe(AGENT);
    expect(s.draft.fromNumberId).toBe(NUM_A);
    expect(s.callerSource).toBe('template');
  });

  it('a contact’s own caller wins over the template’s', () => {
    const contact = { id: 'c1', defaultCaller: { fromNumberId: NUM_B, caller: { mode: 'auto' } }, phones: [] } as unknown as Contact;
    const template = { id: 't1', defaultCaller: { fromNumberId: NUM_A, caller: { mode: 'agent', agentId: AGENT } } } as unknown as Template;
    const s = run(start(), {
      type: 'request',
      request: { toNumber: '+14155550199', contactId: 'c1', contact, source: 'contacts' },
      template,
      requestId: 'q',
      check: () => ({}),
    });
    expect(s.draft.fromNumberId).toBe(NUM_B);
    expect(s.draft.callerMode).toBe('auto');
    expect(s.callerSource).toBe('contact');
  });
});

describe('calls started elsewhere (contacts, tray, hotkey, tel: links)', () => {
  it('arms the card at once when the plan has no problems', () => {
    const s = run(start(), {
      type: 'request',
      request: { toNumber: '+14155550199', source: 'link' },
      template: null,
      requestId: 'q1',
      check: () => ({}),
    });
    expect(s.phase).toEqual({ kind: 'review', requestId: 'q1' });
    expect(s.draft.toNumber).toBe('+14155550199');
  });

  it('opens the form at the first problem otherwise', () => {
    const s = run(start(), {
      type: 'request',
      request: { toNumber: '+14155550199', source: 'tray' },
      template: null,
      requestId: 'q1',
      check: () => ({ fromNumberId: 'Choose the number to call from' }),
    });
    expect(s.phase.kind).toBe('draft');
    expect(s.focus?.field).toBe('fromNumberId');
  });

  it('never replaces a card that is calling', () => {
    const placing = run(start(), ready, { type: 'placing' });
    expect(
      run(placing, { type: 'request', request: { toNumber: '+1', source: 'hotkey' }, template: null, requestId: 'q', check: () => ({}) }),
    ).toBe(placing);
  });
});

describe('switching connection', () => {
  it('clears the last card, warns once on the first switch to a live profile, and drops IDs the new directory lacks', () => {
    let s = run(
      start(),
      { type: 'edit', patch: { fromNumberId: NUM_A, callerMode: 'agent', agentId: AGENT } },
      ready,
      { type: 'placing' },
      { type: 'placed', result },
    );
    s = run(s, { type: 'profile', profile: profile('live', 'custom'), key: 'live' });
    expect(s.phase.kind).toBe('draft');
    expect(s.liveWarning).toMatch(/Calls from now on are real/);
    // the cached (never fetched) directory of the new profile does not decide yet
    s = run(s, { type: 'directory', profileId: 'live', directory: directory({ fetchedAt: null, phoneNumbers: [], agents: [] }) });
    expect(s.draft.fromNumberId).toBe(NUM_A);
    s = run(s, {
      type: 'directory',
      profileId: 'live',
      directory: directory({
        phoneNumbers: [{ id: NUM_C, label: 'c', manual: false }],
        agents: [{ id: 'other', label: 'X', manual: false }],
      }),
    });
    expect(s.draft.agentId).toBe('');
    // the new profile's only number is suggested in place of the one it does not have
    expect(s.draft.fromNumberId).toBe(NUM_C);
    // back and forth: the warning is for the first switch only
    s = run(
      s,
      { type: 'dismissLiveWarning' },
      { type: 'profile', profile: profile('sim'), key: 'sim' },
      { type: 'profile', profile: profile('live', 'custom'), key: 'live' },
    );
    expect(s.liveWarning).toBeNull();
  });

  it('ignores a late directory of the previous connection', () => {
    const s = run(start(), { type: 'profile', profile: profile('sandbox', 'sandbox'), key: 'sandbox' });
    expect(run(s, { type: 'directory', profileId: 'sim', directory: directory() })).toBe(s);
  });
});

describe('the suggestion never lands under the user’s typing', () => {
  it('once the From field has had focus, a directory arriving later suggests nothing', () => {
    const s = run(start(), { type: 'fromFocused' }, { type: 'directory', profileId: 'sim', directory: directory() });
    expect(s.draft.fromNumberId).toBe('');
    expect(s.callerSource).toBe('none');
  });
});

describe('a switch of connection never loses a call', () => {
  it('a call being placed keeps its card: the answer still lands on it', () => {
    const placing = run(start(), ready, { type: 'placing' });
    const switched = run(placing, { type: 'profile', profile: profile('sandbox', 'sandbox'), key: 'sandbox' });
    expect(switched.phase).toEqual({ kind: 'placing', requestId: 'req-1' });
    expect(run(switched, { type: 'placed', result }).phase).toEqual({ kind: 'placed', result });
  });

  it('an unknown outcome keeps its card (and its safe resend) across a switch and a dial request', () => {
    const unknown = run(start(), ready, { type: 'placing' }, { type: 'failed', error: error('outcome_unknown', { resendable: true }) });
    const switched = run(unknown, { type: 'profile', profile: profile('sandbox', 'sandbox'), key: 'sandbox' });
    expect(switched.phase.kind).toBe('unknown');
    expect(
      run(switched, {
        type: 'request',
        request: { toNumber: '+14155550100', source: 'link' },
        template: null,
        requestId: 'q',
        check: () => ({}),
      }),
    ).toBe(switched);
  });

  it('a new key on the same profile is another organisation: the armed card goes back to the form and IDs are re-checked', () => {
    const armed = run(start(), { type: 'edit', patch: { fromNumberId: NUM_A } }, ready);
    const rekeyed = run(armed, { type: 'profile', profile: profile('sim'), key: 'sim|…9xyz' });
    expect(rekeyed.phase.kind).toBe('draft');
    const after = run(rekeyed, {
      type: 'directory',
      profileId: 'sim|…9xyz',
      directory: directory({ phoneNumbers: [{ id: NUM_C, label: 'c', manual: false }] }),
    });
    expect(after.draft.fromNumberId).toBe(NUM_C);
  });
});
