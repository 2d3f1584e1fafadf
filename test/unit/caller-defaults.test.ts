import { describe, expect, it } from 'vitest';
import { callerDefaults, offeredCallers, suggestFromNumber } from '../../electron/core/calls/caller-defaults';
import type { PlanDirectory } from '../../electron/core/calls/call-plan';
import type { DialDraft } from '../../shared/call-intent';

const NUM_A = '11111111-1111-4111-8111-111111111111';
const NUM_B = '22222222-2222-4222-8222-222222222222';
const NUM_C = '33333333-3333-4333-8333-333333333333';
const AGENT = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const OTHER = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

const directory = (over: Partial<PlanDirectory> = {}): PlanDirectory => ({
  apiVersion: '1.90',
  phoneNumbers: [
    { id: NUM_A, label: 'a', manual: false },
    { id: NUM_B, label: 'b', manual: false },
  ],
  agents: [
    { id: AGENT, label: 'Riley', manual: false },
    { id: OTHER, label: 'Sam', manual: false },
  ],
  teams: [],
  bindings: {},
  variables: {},
  revisionVariables: {},
  fetchedAt: null,
  unavailable: [],
  ...over,
});
const draft = (over: Partial<DialDraft> = {}) => ({ fromNumberId: '', caller: { mode: 'auto' as const }, ...over });
const bound = (agentIds: string[] = []) => ({ agentIds, teamIds: [], agentRevisions: {} });

describe('who calls by default, decided in main: contact → template → last used → a suggested number', () => {
  it('suggests the only number, or the first one with outbound bindings; never one Feather says has none', () => {
    expect(suggestFromNumber(directory({ phoneNumbers: [{ id: NUM_A, label: 'a', manual: false }] }))).toBe(NUM_A);
    expect(
      suggestFromNumber(directory({ phoneNumbers: [{ id: NUM_A, label: 'a', manual: false }], bindings: { [NUM_A]: bound() } })),
    ).toBeNull();
    const three = directory({
      phoneNumbers: [
        { id: NUM_A, label: 'a', manual: false },
        { id: NUM_B, label: 'b', manual: false },
        { id: NUM_C, label: 'c', manual: false },
      ],
      bindings: { [NUM_A]: bound(), [NUM_C]: bound([AGENT]) },
    });
    expect(suggestFromNumber(three)).toBe(NUM_C);
  });

  it('the contact’s caller wins over the template’s, which wins over the last used', () => {
    const contact = { fromNumberId: NUM_B, caller: { mode: 'auto' as const } };
    const template = { fromNumberId: null, caller: { mode: 'agent' as const, agentId: AGENT } };
    const last = { fromNumberId: NUM_A, caller: { mode: 'team' as const, teamId: 't' } };
    const base = { draft: draft(), directory: directory(), lastCaller: last };
    expect(callerDefaults({ ...base, contactCaller: contact, templateCaller: template })).toEqual({
      fromNumberId: NUM_B,
      caller: { mode: 'auto' },
      source: 'contact',
    });
    // a template's caller without a number takes the last used number
    expect(callerDefaults({ ...base, contactCaller: null, templateCaller: template })).toEqual({
      fromNumberId: NUM_A,
      caller: template.caller,
      source: 'template',
    });
    expect(callerDefaults({ ...base, contactCaller: null, templateCaller: null })).toEqual({
      fromNumberId: NUM_A,
      caller: last.caller,
      source: 'last used',
    });
  });

  it('fills an empty from-number with the suggestion and says so; never one the user chose or typed', () => {
    const d = directory({ bindings: { [NUM_B]: bound([AGENT]) } });
    const none = { contactCaller: null, templateCaller: null, lastCaller: null, directory: d };
    expect(callerDefaults({ ...none, draft: draft() })).toEqual({ fromNumberId: NUM_B, caller: null, source: 'suggested' });
    expect(callerDefaults({ ...none, draft: draft({ fromChoice: { templateId: null } }) })).toEqual({
      fromNumberId: null,
      caller: null,
      source: 'you',
    });
    expect(callerDefaults({ ...none, draft: draft({ fromNumberId: NUM_A }) }).fromNumberId).toBeNull();
    // the suggested number already in the draft is still "suggested" on the card
    expect(callerDefaults({ ...none, draft: draft({ fromNumberId: NUM_B }) }).source).toBe('suggested');
  });

  it('offers only the agents and teams bound to the number, and says how many others are not offered', () => {
    expect(offeredCallers(directory({ bindings: { [NUM_A]: bound([AGENT]) } }), NUM_A)).toEqual({
      agentIds: [AGENT],
      teamIds: [],
      note: '1 other agent or team are not offered: they are not bound to this number for outbound calls.',
    });
    expect(offeredCallers(directory(), NUM_A)).toMatchObject({ agentIds: null, note: expect.stringMatching(/did not tell us/) });
  });
});
