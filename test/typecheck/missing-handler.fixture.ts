/**
 * Negative typecheck fixture: handler tables the contract must refuse. Every line after a
 * `@ts-expect-error` must be a type error, so `tsc -p test/typecheck/tsconfig.json` passes only
 * while the handler types (electron/core/handler-types.ts) catch a missing, mistyped or extra
 * handler. test/unit/handler-types.test.ts runs that, and also compiles a copy with the
 * directives taken out to check that those lines fail, `call.place` by name.
 *
 * Compiled, never run: keep each case on ONE line (a directive covers the next line only).
 */
import type { CallResult } from '../../shared/contract';
import type { DomainHandlers, Handlers } from '../../electron/core/handler-types';
import { createDispatcher, type DispatchOptions } from '../../electron/core/ipc-dispatch';

declare const handlers: Handlers; // a complete, correct table
declare const options: DispatchOptions;
declare const answer: CallResult;

// Control: the complete table is accepted (otherwise the errors below would prove nothing).
export const dispatch = createDispatcher(handlers, options);
const { place: _place, ...callWithoutPlace } = handlers.call;

// 1. No handler for call.place.
// @ts-expect-error -- call.place is missing from the table
export const missingPlace: Handlers = { ...handlers, call: callWithoutPlace };
// @ts-expect-error -- the dispatcher refuses a table without call.place
export const dispatchMissingPlace = createDispatcher({ ...handlers, call: { resend: handlers.call.resend } }, options);
// @ts-expect-error -- a domain's handlers (what createCallHandlers is checked against) need call.place too
export const callMissingPlace = { resend: handlers.call.resend } satisfies DomainHandlers<'call'>;

// 2. A handler answering the wrong shape.
// @ts-expect-error -- call.place must answer a CallResult, not a bare request id
export const wrongReturn: Handlers = { ...handlers, call: { ...handlers.call, place: async () => ({ requestId: 'x' }) } };
// @ts-expect-error -- app.status must answer an AppStatus (or a promise of one), not a string
export const wrongReturnSync = { ...handlers.app, status: () => 'ok' } satisfies DomainHandlers<'app'>;

// 3. A handler taking the wrong request.
export const wrongRequest = {
  ...handlers.call,
  // @ts-expect-error -- call.resend receives the parsed { requestId }, not a number
  resend: async (requestId: number) => ({ ...answer, requestId: String(requestId) }),
} satisfies DomainHandlers<'call'>;

// 4. A handler for a channel the contract does not have.
// @ts-expect-error -- call.hangUp is not in the contract
export const extraVerb = { ...handlers.call, hangUp: async () => answer } satisfies DomainHandlers<'call'>;
