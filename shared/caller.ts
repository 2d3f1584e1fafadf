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
