import { keyHint } from './key-hint';
import { AppFailure } from '../../../shared/result';

/**
 * Redaction by value: every secret the core holds in memory (the keys of the profiles, a key
 * being verified) is replaced by its hint wherever it shows up — raw, URL-encoded (either
 * way, hex digits in any case) or JSON-escaped — whatever the key's format. Redaction by
 * pattern (`redactKeys`, `fth_…`) stays where server text enters a message; this catches the rest.
 */

/** Values this short are not keys of ours (saveKey wants 8 or more) and would cut up ordinary text. */
const MIN_SECRET_LENGTH = 8;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `%2B` also matches `%2b`: servers differ in the case of their hex digits */
const anyCaseHex = (escaped: string) =>
  escaped.replace(/%([0-9A-F])([0-9A-F])/g, (_m, a: string, b: string) => `%[${a}${a.toLowerCase()}][${b}${b.toLowerCase()}]`);
const normaliseHex = (text: string) => text.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());

/** The forms a value takes in URLs, form bodies and JSON text (and JSON inside JSON). */
function formsOf(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  return [
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    json,
    json.replace(/\//g, '\\/'),
    JSON.stringify(json).slice(1, -1),
  ];
}

export interface SecretMatcher {
  /** text with every form of every value replaced by that value's hint */
  redact(text: string): string;
}

/** A matcher for a fixed set of values (a client's own key, the registry's current set). */
export function secretMatcher(values: Iterable<string>): SecretMatcher {
  const hintOf = new Map<string, string>();
  for (const value of values) {
    if (value.length < MIN_SECRET_LENGTH) continue;
    const hint = keyHint(value);
    for (const form of formsOf(value).map(normaliseHex)) if (!hintOf.has(form)) hintOf.set(form, hint);
  }
  if (hintOf.size === 0) return { redact: (text) => text };
  // Longest first, so a form that contains another is replaced whole.
  const sources = [...hintOf.keys()].sort((a, b) => b.length - a.length).map((form) => anyCaseHex(escapeRegExp(form)));
  const pattern = new RegExp(sources.join('|'), 'g');
  const shortest = Math.min(...[...hintOf.keys()].map((f) => f.length));
  return {
    redact: (text) =>
      text.length < shortest ? text : text.replace(pattern, (match) => hintOf.get(match) ?? hintOf.get(normaliseHex(match)) ?? '…'),
  };
}

export interface SecretRegistry extends SecretMatcher {
  /** start redacting this value; counted, so two holders of one key each forget it once */
  remember(value: string): void;
  forget(value: string): void;
  /** a copy of a result value with every string in it redacted (the same object when nothing changed) */
  redactDeep<T>(value: T): T;
  /** the error itself when it carries no secret, else a copy with message, stack and appError redacted */
  redactError<T>(error: T): T | Error;
}

export function createSecretRegistry(): SecretRegistry {
  const counts = new Map<string, number>();
  let matcher: SecretMatcher = secretMatcher([]);
  const rebuild = () => (matcher = secretMatcher(counts.keys()));
  const redact = (text: string) => (counts.size === 0 ? text : matcher.redact(text));

  function deep(value: unknown, seen: WeakSet<object>): unknown {
    if (typeof value === 'string') return redact(value);
    if (value === null || typeof value !== 'object' || seen.has(value)) return value;
    if (Array.isArray(value)) {
      seen.add(value);
      let copy: unknown[] | undefined;
      value.forEach((item, i) => {
        const next = deep(item, seen);
        if (next !== item) (copy ??= [...value])[i] = next;
      });
      return copy ?? value;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return value;
    seen.add(value);
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const next = deep(item, seen);
      if (next !== item) (copy ??= { ...value })[key] = next;
    }
    return copy ?? value;
  }

  return {
    remember(value) {
      if (value.length < MIN_SECRET_LENGTH) return;
      const count = counts.get(value) ?? 0;
      counts.set(value, count + 1);
      if (count === 0) rebuild();
    },
    forget(value) {
      const count = counts.get(value);
      if (count === undefined) return;
      if (count > 1) counts.set(value, count - 1);
      else {
        counts.delete(value);
        rebuild();
      }
    },
    redact,
    redactDeep: <T>(value: T): T => (counts.size === 0 ? value : (deep(value, new WeakSet()) as T)),
    redactError<T>(error: T): T | Error {
      if (counts.size === 0) return error;
      if (typeof error === 'string') return redact(error) as T;
      if (!(error instanceof Error)) return error;
      if (error instanceof AppFailure) {
        const appError = deep(error.appError, new WeakSet()) as AppFailure['appError'];
        return appError === error.appError ? error : new AppFailure(appError);
      }
      const message = redact(error.message);
      const stack = error.stack === undefined ? undefined : redact(error.stack);
      if (message === error.message && stack === error.stack) return error;
      const copy = new Error(message);
      copy.name = error.name;
      copy.stack = stack;
      return copy;
    },
  };
}

/** The process's registry: profiles feed it, the client, the IPC dispatcher and the logs read it. */
export const secretRegistry = createSecretRegistry();
