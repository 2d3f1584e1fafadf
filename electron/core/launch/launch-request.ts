import { z } from 'zod';
import { identifierProblem } from '../../../shared/identifiers';

/**
 * A call asked for from outside the app — a `tel:`, `callto:` or `feather-launcher://` link, or
 * `feather-launcher --dial …` — as the person or page wrote it: the from-number, agent, team and
 * template are names or IDs, resolved by main against the connection in use (resolve-launch.ts).
 * It only ever opens the call card prefilled; nothing in it can place a call, pick a connection
 * or skip the card.
 */

/** Links and arguments longer than this are refused before anything else is read. */
export const MAX_LAUNCH_BYTES = 2048;
/** The schemes the app answers (registered with the OS and in electron-builder.yml). */
export const LINK_SCHEMES = ['tel', 'callto', 'feather-launcher'] as const;
const MAX_VARIABLES = 50;

/**
 * Control characters (NUL, newlines, escapes), line separators and the invisible marks that reorder
 * text on screen (bidi overrides and isolates, used to disguise a number): never in what we open.
 * Joiners (ZWJ, ZWNJ) stay allowed: Persian and Indic names need them.
 */
export const CONTROL = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/u;

const nameOrId = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `The ${what} is empty: give a name or an ID, or leave it out.`)
    .max(100, `The ${what} is longer than 100 characters.`)
    .refine((s) => !CONTROL.test(s), `The ${what} holds control characters.`);

const VariableNameSchema = z
  .string()
  .max(100, 'A variable name is longer than 100 characters.')
  .superRefine((name, ctx) => {
    const problem = identifierProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: `var.${name.slice(0, 40)}: ${problem}` });
  });

export const LaunchRequestSchema = z
  .object({
    source: z.enum(['link', 'cli']),
    /** the number as given, made plain (an extension kept as " ext. 12" so the card says it is dropped) */
    to: z
      .string()
      .min(1, 'There is no number to call.')
      .max(100, 'The number is longer than 100 characters.')
      .refine((s) => !CONTROL.test(s), 'The number holds control characters.'),
    from: nameOrId('from-number').optional(),
    agent: nameOrId('agent').optional(),
    team: nameOrId('team').optional(),
    template: nameOrId('template').optional(),
    vars: z
      .record(
        VariableNameSchema,
        z
          .string()
          .max(2000, 'A variable value is longer than 2,000 characters.')
          .refine((v) => !CONTROL.test(v), 'A variable value holds control characters.'),
      )
      .refine((vars) => Object.keys(vars).length <= MAX_VARIABLES, `At most ${MAX_VARIABLES} variables can be given.`)
      .optional(),
  })
  .strict()
  .refine((r) => !(r.agent !== undefined && r.team !== undefined), 'Name an agent or a team, not both.');
export type LaunchRequest = z.infer<typeof LaunchRequestSchema>;

export type LaunchResult = { ok: true; request: LaunchRequest } | { ok: false; problem: string };

/** Checks what a parser built; the first problem, said plainly, when it does not hold. */
export function checkLaunchRequest(raw: unknown): LaunchResult {
  const parsed = LaunchRequestSchema.safeParse(raw);
  if (parsed.success) return { ok: true, request: parsed.data };
  const issue = parsed.error.issues[0];
  // a record key's own message sits one level down
  const inner =
    issue && 'issues' in issue && Array.isArray(issue.issues) ? (issue.issues[0] as { message?: string } | undefined) : undefined;
  return { ok: false, problem: inner?.message ?? issue?.message ?? 'The request could not be read.' };
}
