import type { z } from 'zod';
import type { Contract, Domain, ResponseOf } from '../../shared/contract';

/**
 * Main-side handler types, derived from the one IPC contract (as GitHub Desktop's
 * `handle<T extends keyof RequestResponseChannels>` does): a handler table with a channel
 * missing, a channel the contract does not have, or a handler taking or answering the wrong
 * shape fails the typecheck. `test/typecheck/missing-handler.fixture.ts` proves it.
 */

/**
 * What a handler receives: the zod OUTPUT of the channel's request schema, because the
 * dispatcher parses every request (defaults applied, transforms run) before calling it.
 * (`RequestOf` in the contract is the INPUT type: what the renderer may send.)
 */
export type ParsedRequestOf<D extends Domain, V extends keyof Contract[D]> = Contract[D][V] extends { request: z.ZodType }
  ? z.output<Contract[D][V]['request']>
  : never;

/** What a handler answers: the output type of the channel's response schema, or a promise of it. */
export type HandlerResult<D extends Domain, V extends keyof Contract[D]> = ResponseOf<D, V> | Promise<ResponseOf<D, V>>;

/** One channel's handler. A property of function type (not a method), so parameters are checked contravariantly. */
export type Handler<D extends Domain, V extends keyof Contract[D]> = (request: ParsedRequestOf<D, V>) => HandlerResult<D, V>;

/** Every handler of one domain: exactly the contract's verbs. */
export type DomainHandlers<D extends Domain> = { [V in keyof Contract[D]]: Handler<D, V> };

/** The whole table `createDispatcher` serves: exactly the contract's domains and verbs. */
export type Handlers = { [D in Domain]: DomainHandlers<D> };
