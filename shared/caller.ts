import { z } from 'zod';

/** Who dials: a from-number and Automatic, an agent or a team. */
export const LastCallerSchema = z.object({
  fromNumberId: z.string(),
  caller: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('auto') }),
    z.object({ mode: z.literal('agent'), agentId: z.string() }),
    z.object({ mode: z.literal('team'), teamId: z.string() }),
  ]),
});
export type LastCaller = z.infer<typeof LastCallerSchema>;

/** Whether two last callers are the same number and caller (agent, team or automatic). */
export function sameLastCaller(a: LastCaller | null, b: LastCaller): boolean {
  if (!a || a.fromNumberId !== b.fromNumberId || a.caller.mode !== b.caller.mode) return false;
  if (a.caller.mode === 'agent') return b.caller.mode === 'agent' && a.caller.agentId === b.caller.agentId;
  if (a.caller.mode === 'team') return b.caller.mode === 'team' && a.caller.teamId === b.caller.teamId;
  return true;
}
