import { describe, expect, it } from 'vitest';
import { sameLastCaller } from '../../shared/caller';

describe('sameLastCaller (a call with the caller used last time writes no settings)', () => {
  const agent = { fromNumberId: 'pn_1', caller: { mode: 'agent' as const, agentId: 'ag_1' } };
  it('is the same only for the same number and the same agent, team or automatic caller', () => {
    expect(sameLastCaller(agent, { fromNumberId: 'pn_1', caller: { mode: 'agent', agentId: 'ag_1' } })).toBe(true);
    expect(sameLastCaller(agent, { fromNumberId: 'pn_2', caller: { mode: 'agent', agentId: 'ag_1' } })).toBe(false);
    expect(sameLastCaller(agent, { fromNumberId: 'pn_1', caller: { mode: 'agent', agentId: 'ag_2' } })).toBe(false);
    expect(sameLastCaller(agent, { fromNumberId: 'pn_1', caller: { mode: 'team', teamId: 'ag_1' } })).toBe(false);
    expect(sameLastCaller(agent, { fromNumberId: 'pn_1', caller: { mode: 'auto' } })).toBe(false);
    const team = { fromNumberId: 'pn_1', caller: { mode: 'team' as const, teamId: 't_1' } };
    expect(sameLastCaller(team, { fromNumberId: 'pn_1', caller: { mode: 'team', teamId: 't_1' } })).toBe(true);
    expect(sameLastCaller(team, { fromNumberId: 'pn_1', caller: { mode: 'team', teamId: 't_2' } })).toBe(false);
    const auto = { fromNumberId: 'pn_1', caller: { mode: 'auto' as const } };
    expect(sameLastCaller(auto, { fromNumberId: 'pn_1', caller: { mode: 'auto' } })).toBe(true);
  });
  it('a first call (nothing remembered yet) is never the same', () => {
    expect(sameLastCaller(null, agent)).toBe(false);
  });
});
