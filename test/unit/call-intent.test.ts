import { describe, expect, it } from 'vitest';
import { buildOutboundRequest, type OutboundInput } from '../../electron/core/calls/outbound-request';

const FROM = '0b6f3c1e-8d2a-4f57-b9e4-1a2c3d4e5f60';
const AGENT = '4fad7a5c-2b6e-4d9b-9f38-5e6a7b8c9da4';
const TEAM = '7cd0ad8f-5e9b-40ce-8c6b-8b9daebfc0d7';
const intent = (patch: Partial<OutboundInput> = {}): OutboundInput => ({
  toNumber: '(415) 555-0132',
  defaultCountry: 'US',
  fromNumberId: FROM,
  caller: { mode: 'agent', agentId: AGENT },
  contextVariables: [{ key: 'clinic', value: 'Harbor' }],
  ...patch,
});

describe('buildOutboundRequest', () => {
  it('builds exactly the documented body for an agent call', () => {
    const built = buildOutboundRequest(intent());
    expect(built).toEqual({
      ok: true,
      body: { from_phone_number_id: FROM, to_phone_number: '+14155550132', agent_id: AGENT, context_variables: { clinic: 'Harbor' } },
      notices: [],
      droppedVariables: 0,
      types: {},
    });
  });

  it('sends idempotency_key and the queue options to a 1.90 server, neither to a 1.21 one', () => {
    const requestId = '9b2d3c4e-5f60-4a71-8b92-a3b4c5d6e7f8';
    const asked = intent({ instant: true, expiresInSeconds: 600 });
    const old = buildOutboundRequest(asked, { apiVersion: '1.21', idempotencyKey: requestId });
    expect(old.ok && Object.keys(old.body)).toEqual(['from_phone_number_id', 'to_phone_number', 'agent_id', 'context_variables']);
    // not detected yet: the key goes (harmless on 1.21, whose schema does not forbid it), the 1.90 options do not
    const unknown = buildOutboundRequest(asked, { apiVersion: null, idempotencyKey: requestId });
    expect(unknown.ok && unknown.body).toMatchObject({ idempotency_key: requestId });
    expect(unknown.ok && 'instant' in unknown.body).toBe(false);
    const now = buildOutboundRequest(asked, { apiVersion: '1.90', idempotencyKey: requestId });
    expect(now.ok && now.body).toMatchObject({ idempotency_key: requestId, instant: true });
    expect(now.ok && 'expires_in_seconds' in now.body).toBe(false); // an instant call does not queue
    const queued = buildOutboundRequest(intent({ expiresInSeconds: 600 }), { apiVersion: '1.90' });
    expect(queued.ok && queued.body).toMatchObject({ expires_in_seconds: 600 });
  });

  it("coerces to the agent's declared Feather types: int refuses 3.5, enum takes Feather's spelling", () => {
    const declared = [
      { name: 'reminder_count', source: 'derived', type: 'int', enumValues: [], description: null },
      { name: 'discount', source: 'derived', type: 'float', enumValues: [], description: null },
      { name: 'clinic', source: 'derived', type: 'enum', enumValues: ['Downtown', 'Harbor'], description: null },
      { name: 'vip', source: 'derived', type: 'bool', enumValues: [], description: null },
      { name: 'visit_date', source: 'derived', type: 'string', enumValues: [], description: null },
      { name: 'call_started_at', source: 'system', type: 'string', enumValues: [], description: null },
    ];
    const rows = (pairs: Array<[string, string, ('date' | 'number')?]>) =>
      pairs.map(([key, value, type]) => ({ key, value, ...(type ? { type } : {}) }));
    const bad = buildOutboundRequest(
      intent({
        contextVariables: rows([
          ['reminder_count', '3.5'],
          ['clinic', 'Uptown'],
          ['vip', 'maybe'],
          ['nope', 'x'],
        ]),
      }),
      { declared, agentName: 'Riley' },
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.fields).toEqual({
      'contextVariables.0': expect.stringMatching(/whole number \(int\).*3\.5/),
      'contextVariables.1': '"Uptown" is not one of Downtown, Harbor.',
      'contextVariables.2': expect.stringMatching(/yes\/no \(bool\)/),
      'contextVariables.3': 'Riley does not declare "nope"; Feather would refuse the call (422).',
    });
    const good = buildOutboundRequest(
      intent({
        contextVariables: rows([
          ['reminder_count', '3'],
          ['discount', '12.5'],
          ['clinic', 'harbor'],
          ['vip', 'yes'],
          ['visit_date', '2026-12-03', 'date'],
          ['call_started_at', 'now'],
        ]),
      }),
      { declared },
    );
    expect(good.ok && good.body.context_variables).toEqual({
      reminder_count: 3,
      discount: 12.5,
      clinic: 'Harbor',
      vip: true,
      visit_date: '2026-12-03',
      call_started_at: 'now',
    });
    expect(good.ok && good.types).toEqual({
      reminder_count: 'int',
      discount: 'float',
      clinic: 'enum',
      vip: 'bool',
      visit_date: 'string',
      call_started_at: 'string',
    });
    // system variables: allowed (the spec does not forbid them) but flagged
    expect(good.ok && good.notices).toEqual([expect.stringMatching(/"call_started_at" is a system variable/)]);
  });

  it('never sends variables for a team, and says why', () => {
    const built = buildOutboundRequest(intent({ caller: { mode: 'team', teamId: TEAM } }));
    expect(built.ok && built.body).toEqual({ from_phone_number_id: FROM, to_phone_number: '+14155550132', team_id: TEAM });
    expect(built.ok && built.notices[0]).toMatch(/ignores context variables on team calls.*1 value will not be sent/);
  });

  it('sends neither agent nor team for Automatic', () => {
    const built = buildOutboundRequest(intent({ caller: { mode: 'auto' }, contextVariables: [] }));
    expect(built.ok && built.body).toEqual({ from_phone_number_id: FROM, to_phone_number: '+14155550132' });
  });

  it('omits context_variables when no row is filled', () => {
    const built = buildOutboundRequest(intent({ contextVariables: [{ key: '', value: '' }] }));
    expect(built.ok && 'context_variables' in built.body).toBe(false);
  });

  it('puts every problem on its own field', () => {
    const built = buildOutboundRequest(
      intent({
        toNumber: 'call me',
        fromNumberId: 'sf-main',
        caller: { mode: 'agent', agentId: '' },
        contextVariables: [
          { key: 'clinic', value: 'Harbor' },
          { key: '', value: 'orphan' },
          { key: 'clinic', value: 'Uptown' },
          { key: '2fast', value: 'x' },
        ],
      }),
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.fields.toNumber).toMatch(/letters/);
    expect(built.fields.fromNumberId).toMatch(/UUID/);
    expect(built.fields.agentId).toMatch(/Choose the agent/);
    expect(built.fields['contextVariables.1']).toMatch(/variable name/);
    expect(built.fields['contextVariables.2']).toMatch(/already set in row 1/);
    expect(built.fields['contextVariables.3']).toMatch(/start with a letter/);
    expect(built.fields['contextVariables.0']).toBeUndefined();
  });
});
