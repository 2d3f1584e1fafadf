import { describe, expect, it } from 'vitest';
import { planCall, problemSummary, type PlanDirectory } from '../../electron/core/calls/call-plan';
import type { TemplateVariable } from '../../shared/templates/template';

const FROM = '0b6f3c1e-8d2a-4f57-b9e4-1a2c3d4e5f60';
const EMPTY_FROM = '1c7a4d2f-9e3b-4a68-8c05-2b3d4e5f6a71';
const UNKNOWN_FROM = '2d8b5e3a-0f4c-4b79-9d16-3c4e5f6a7b82';
const AGENT = '4fad7a5c-2b6e-4d9b-9f38-5e6a7b8c9da4';
const OTHER_AGENT = '5abe8b6d-3c7f-4eac-8a49-6f7b8c9daeb5';
const TEAM = '7cd0ad8f-5e9b-40ce-8c6b-8b9daebfc0d7';
const now = new Date('2026-11-27T10:00:00Z');

const directory: PlanDirectory = {
  apiVersion: '1.90',
  phoneNumbers: [
    { id: FROM, label: '+14155550100 · Main', manual: false },
    { id: EMPTY_FROM, label: '+442079460958', manual: false },
  ],
  agents: [
    { id: AGENT, label: 'Riley', manual: false },
    { id: OTHER_AGENT, label: 'Morgan', manual: false },
  ],
  teams: [{ id: TEAM, label: 'Front desk', manual: false }],
  bindings: {
    [FROM]: { agentIds: [AGENT], teamIds: [], agentRevisions: {} },
    [EMPTY_FROM]: { agentIds: [], teamIds: [], agentRevisions: {} },
  },
  variables: {
    [AGENT]: [
      { name: 'customer_name', source: 'derived', type: 'string', enumValues: [], description: null },
      { name: 'plan', source: 'derived', type: 'enum', enumValues: ['basic', 'pro'], description: null },
    ],
  },
  revisionVariables: {},
  unavailable: [],
  fetchedAt: '2026-11-27T09:00:00Z',
};
const intent = (patch: Record<string, unknown> = {}) => ({
  toNumber: '(415) 555-0132',
  defaultCountry: 'US',
  fromNumberId: FROM,
  caller: { mode: 'agent' as const, agentId: AGENT },
  contextVariables: [] as Array<{ key: string; value: string }>,
  ...patch,
});
const ctx = (custom: Record<string, string> = {}) => ({
  contact: { firstName: 'Ana', lastName: 'Ruiz', displayName: 'Ana Ruiz', company: '', title: '', custom },
  user: { name: 'Sam' },
  now,
});
const row = (patch: Partial<TemplateVariable>): TemplateVariable => ({
  id: patch.key ?? 'v',
  key: 'k',
  expression: '',
  type: 'text',
  required: false,
  defaultValue: '',
  enumValues: [],
  omitWhenEmpty: false,
  ...patch,
});

describe('planCall: one plan for the card and for main', () => {
  it('gives exactly the body when nothing blocks', () => {
    const plan = planCall({
      intent: intent({ contextVariables: [{ key: 'plan', value: 'Pro' }] }),
      directory,
      context: ctx(),
      idempotencyKey: 'k1',
    });
    expect(plan.problems).toEqual({});
    expect(plan.body).toEqual({
      from_phone_number_id: FROM,
      to_phone_number: '+14155550132',
      agent_id: AGENT,
      context_variables: { plan: 'pro' },
      idempotency_key: 'k1',
    });
  });

  it('blocks: no from-number, a number with known-empty bindings, an agent or team not bound', () => {
    expect(planCall({ intent: intent({ fromNumberId: '' }), directory, context: ctx() }).problems.fromNumberId).toMatch(
      /Choose the number/,
    );
    expect(planCall({ intent: intent({ fromNumberId: EMPTY_FROM }), directory, context: ctx() }).problems.fromNumberId).toMatch(
      /no outbound bindings/,
    );
    expect(
      planCall({ intent: intent({ caller: { mode: 'agent', agentId: OTHER_AGENT } }), directory, context: ctx() }).problems.agentId,
    ).toMatch(/not bound/);
    expect(planCall({ intent: intent({ caller: { mode: 'team', teamId: TEAM } }), directory, context: ctx() }).problems.teamId).toMatch(
      /not bound/,
    );
  });

  it('warns instead where bindings are not known (a number the user saved by hand)', () => {
    const withManual = { ...directory, phoneNumbers: [...directory.phoneNumbers, { id: UNKNOWN_FROM, label: 'Desk line', manual: true }] };
    const plan = planCall({ intent: intent({ fromNumberId: UNKNOWN_FROM }), directory: withManual, context: ctx() });
    expect(plan.ok).toBe(true);
    expect(plan.notices.join(' ')).toMatch(/did not say what is bound/);
  });

  it('refuses a from-number Feather does not list as a voice number when main holds the list; only an unavailable list lets it pass', () => {
    const refused = planCall({ intent: intent({ fromNumberId: UNKNOWN_FROM }), directory, context: ctx() });
    expect(refused.ok).toBe(false);
    expect(refused.problems.fromNumberId).toMatch(
      /not one of your organisation’s voice numbers in Feather \(paused, SMS-only, or not yours\)/,
    );
    const paused = {
      ...directory,
      phoneNumbers: [{ id: FROM, label: '+14155550100 · Main', manual: false, status: 'paused', capabilities: ['voice'] }],
    };
    expect(planCall({ intent: intent(), directory: paused, context: ctx() }).problems.fromNumberId).toMatch(/Feather lists it as paused/);
    const sms = {
      ...directory,
      phoneNumbers: [{ id: FROM, label: '+14155550100 · Main', manual: false, status: 'active', capabilities: ['sms'] }],
    };
    expect(planCall({ intent: intent(), directory: sms, context: ctx() }).problems.fromNumberId).toMatch(/sms only/);
    const noList = { ...directory, unavailable: ['phone numbers (not allowed for this key)'] };
    const passes = planCall({ intent: intent({ fromNumberId: UNKNOWN_FROM }), directory: noList, context: ctx() });
    expect(passes.problems.fromNumberId).toBeUndefined();
    expect(passes.notices.join(' ')).toMatch(/not one of the numbers this connection lists/);
  });

  it('blocks an undeclared variable and a value outside the enum, on their rows', () => {
    const plan = planCall({
      intent: intent({
        contextVariables: [
          { key: 'nickname', value: 'A' },
          { key: 'plan', value: 'gold' },
        ],
      }),
      directory,
      context: ctx(),
    });
    expect(plan.problems).toEqual({
      'contextVariables.0': expect.stringMatching(/does not declare "nickname"/),
      'contextVariables.1': '"gold" is not one of basic, pro.',
    });
    // rows are named by their variable, never "Variable 2"
    expect(problemSummary(plan)).toBe('2 things need attention: nickname, plan.');
  });

  it('never sends "" for a placeholder: blocks an unmarked row, leaves out a row marked "leave out when empty"', () => {
    const template = { name: 'Renewal', variables: [row({ key: 'customer_name', expression: '{{contact.custom.nickname}}' })] };
    const blocked = planCall({ intent: intent({ templateId: 't' }), directory, template, context: ctx() });
    expect(blocked.problems['contextVariables.0']).toMatch(/has no value for this contact/);
    expect(blocked.body).toBeNull();
    const marked = {
      name: 'Renewal',
      variables: [row({ key: 'customer_name', expression: '{{contact.custom.nickname}}', omitWhenEmpty: true })],
    };
    const plan = planCall({ intent: intent({ templateId: 't' }), directory, template: marked, context: ctx() });
    expect(plan.ok).toBe(true);
    expect(plan.body).not.toHaveProperty('context_variables');
    const filled = planCall({ intent: intent({ templateId: 't' }), directory, template: marked, context: ctx({ nickname: 'Annie' }) });
    expect(filled.body?.context_variables).toEqual({ customer_name: 'Annie' });
  });

  it('a template that no longer exists blocks', () => {
    expect(planCall({ intent: intent({ templateId: 'gone' }), directory, template: null, context: ctx() }).problems.template).toMatch(
      /no longer exists/,
    );
  });

  it('blocks do-not-call, from a reason or a lookup by number', () => {
    const plan = planCall({
      intent: intent(),
      directory,
      context: ctx(),
      doNotCall: (e164) => (e164 === '+14155550132' ? 'Asked not to be called.' : null),
    });
    expect(plan).toMatchObject({
      ok: false,
      doNotCall: 'Asked not to be called.',
      problems: { toNumber: 'Do-not-call: Asked not to be called.' },
    });
  });

  it('notices: a team drops variables; stale organisation data', () => {
    const withTeam = {
      ...directory,
      bindings: { [FROM]: { agentIds: [AGENT], teamIds: [TEAM], agentRevisions: {} } },
      fetchedAt: '2026-11-01T00:00:00Z',
    };
    const plan = planCall({
      intent: intent({ caller: { mode: 'team', teamId: TEAM }, contextVariables: [{ key: 'plan', value: 'pro' }] }),
      directory: withTeam,
      context: ctx(),
    });
    expect(plan.ok).toBe(true);
    expect(plan.notices.join(' ')).toMatch(/ignores context variables on team calls/);
    expect(plan.notices.join(' ')).toMatch(/refresh to be sure/);
  });
});

describe('IDs that are names of Object.prototype members', () => {
  it('a from-number, agent or team typed as "constructor" or "toString" is checked like any unknown ID, never read from the prototype', () => {
    for (const id of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const plan = planCall({ intent: intent({ fromNumberId: id, caller: { mode: 'agent', agentId: id } }), directory, context: ctx() });
      expect(plan.ok).toBe(false);
      expect(plan.problems.fromNumberId).not.toMatch(/outbound bindings/); // nothing is known about it
    }
  });
});
