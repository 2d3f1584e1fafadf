import { describe, expect, it } from 'vitest';
import { buildOutboundRequest, type CallIntent } from '../../shared/call-intent';

const FROM = '0b6f3c1e-8d2a-4f57-b9e4-1a2c3d4e5f60';
const AGENT = '4fad7a5c-2b6e-4d9b-9f38-5e6a7b8c9da4';
const TEAM = '7cd0ad8f-5e9b-40ce-8c6b-8b9daebfc0d7';
const intent = (patch: Partial<CallIntent> = {}): Omit<CallIntent, 'requestId'> => ({
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
    });
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
