import { channels, type ChannelSpec } from '../../shared/contract';
import { AppFailure, type AppError, type Result } from '../../shared/result';
import { redactKeys } from './connection/key-hint';
import { secretRegistry, type SecretRegistry } from './connection/secret-registry';
import type { Handlers } from './handler-types';

export interface SenderInfo {
  /** URL of the frame that sent the request */
  url: string;
  /** false for iframes and other sub-frames */
  isMainFrame: boolean;
}

/** How the dispatcher looks a handler up once the channel is known (by name, at run time). */
type HandlerLookup = Partial<Record<string, Partial<Record<string, (request: unknown) => unknown>>>>;

export interface DispatchOptions {
  /** origins our own renderer is served from, e.g. `app://feather` */
  trustedOrigins: string[];
  /** check responses against the contract too (development and tests) */
  validateResponses: boolean;
  /** given errors with every held key redacted */
  onError?(channel: string, error: unknown): void;
  /** the keys to take out of every answer; default the process's registry */
  secrets?: SecretRegistry;
}

export function isTrustedSender(sender: SenderInfo, trustedOrigins: string[]): boolean {
  if (!sender.isMainFrame) return false;
  let origin: string;
  try {
    const url = new URL(sender.url);
    // custom schemes report origin "null"; compare scheme + host instead
    origin = url.origin !== 'null' ? url.origin : `${url.protocol}//${url.host}`;
  } catch {
    return false;
  }
  return trustedOrigins.includes(origin);
}

/**
 * The one wrapper every IPC request goes through: (1) the sender must be our own window's
 * main frame at our own origin, (2) the request must parse against its schema, (3) the
 * answer is always a result union, never a thrown error.
 */
export function createDispatcher(handlers: Handlers, options: DispatchOptions) {
  // Typed by the contract at the call site; looked up by the parsed channel's domain and verb here.
  const table = handlers as unknown as HandlerLookup;
  const specs = new Map<string, ChannelSpec>(channels.map((c) => [c.channel, c]));
  const secrets = options.secrets ?? secretRegistry;
  const reportError = (channel: string, error: unknown) => options.onError?.(channel, secrets.redactError(error));

  return async function dispatch(sender: SenderInfo, channel: string, raw: unknown): Promise<Result<unknown>> {
    const spec = specs.get(channel);
    if (!spec) return failure({ code: 'invalid_request', message: `Unknown operation ${channel}.` });
    if (!isTrustedSender(sender, options.trustedOrigins)) {
      return failure({ code: 'forbidden_sender', message: 'This request did not come from the Feather Launcher window.' });
    }
    const parsed = spec.request.safeParse(raw);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[issue.path.join('.') || '_'] = issue.message;
      return failure({ code: 'invalid_request', message: 'The request was not in the expected form.', fields });
    }
    const handler = table[spec.domain]?.[spec.verb];
    if (!handler) return failure({ code: 'internal', message: `No handler for ${channel}.` });
    let result: Result<unknown>;
    try {
      result = { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof AppFailure) result = failure(error.appError);
      else {
        reportError(channel, error);
        result = failure({
          code: 'internal',
          message: redactKeys(`Something went wrong: ${error instanceof Error ? error.message : String(error)}`),
        });
      }
    }
    // Last line of defence: no key the core holds leaves in an answer, in any string of it.
    result = secrets.redactDeep(result);
    if (options.validateResponses) {
      const checked = spec.response.safeParse(result);
      if (!checked.success) {
        reportError(channel, checked.error);
        return failure({ code: 'internal', message: `The answer to ${channel} broke the contract.` });
      }
    }
    return result;
  };
}
export type Dispatch = ReturnType<typeof createDispatcher>;

const failure = (error: AppError): Result<never> => ({ ok: false, error });
