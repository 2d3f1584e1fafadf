import { z } from 'zod';

/**
 * Error codes the UI can act on. Every failure that crosses IPC carries one of these,
 * never a bare thrown string.
 */
export const ErrorCodeSchema = z.enum([
  'invalid_request', // the IPC request failed its schema
  'forbidden_sender', // IPC from a frame that is not our own window
  'invalid_key', // 401/403: the key is wrong, revoked or lacks permission
  'validation', // 422 or local validation: see fields
  'bad_request', // 400
  'not_found', // 404
  'conflict', // 409
  'rate_limited', // 429
  'server_error', // 5xx
  'offline', // the request never left this machine (refused, DNS, no network)
  'outcome_unknown', // timeout/reset after the request may have reached Feather
  'bad_response', // Feather answered with a body we cannot read
  'no_key', // the active profile has no key yet
  'keychain_unavailable', // the OS keychain cannot be reached
  'invalid_number',
  'do_not_call', // the number or contact is marked do-not-call
  'recently_uncertain', // a call to this number had an unknown outcome minutes ago: confirm before calling again
  'plan_changed', // main's plan for the card changed since it was reviewed: nothing was sent; review again
  'cancel_failed', // "Call now instead": Feather did not confirm cancelling the queued call, so nothing was placed
  'needs_confirmation', // the plan needs "Call anyway" (calling hours, number type) and the request did not confirm it: nothing was sent
  'internal',
]);

export const AppErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** field path → message, e.g. `toNumber`, `agentId`, `contextVariables.plan` */
  fields: z.record(z.string(), z.string()).optional(),
  /** each of `fields` as the user knows it ("To number", "clinic"), named by main */
  fieldNames: z.record(z.string(), z.string()).optional(),
  retryAfterSeconds: z.number().optional(),
  httpStatus: z.number().optional(),
  /** Feather's own error code (`ErrorResponse.error`), e.g. `rate_limited` */
  featherCode: z.string().optional(),
  /**
   * outcome_unknown only: the same request can be sent again safely, because Feather
   * (API 1.90) replays the first answer for its idempotency key instead of calling twice
   */
  resendable: z.boolean().optional(),
  /** recently_uncertain: when the earlier call with an unknown outcome was attempted (ISO time) */
  uncertainAt: z.string().optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: AppErrorSchema })]);
}

/** An error thrown inside main-side code that should reach the UI as-is. */
export class AppFailure extends Error {
  readonly appError: AppError;
  constructor(appError: AppError) {
    super(appError.message);
    this.name = 'AppFailure';
    this.appError = appError;
  }
}
