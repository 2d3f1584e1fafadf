import { identifierProblem } from '../../../shared/identifiers';
import { looksHostile, percentDecode, readDialNumber, SCRIPT_PROBLEM } from './dial-number';
import { checkLaunchRequest, MAX_LAUNCH_BYTES, type LaunchResult } from './launch-request';

/**
 * One parser for every link the app answers, with no Electron in it:
 *   tel:+1-415-555-0123   tel:%2B14155550123   tel:020 7946 0958;phone-context=+44   tel:+1…;ext=12
 *   callto:+49 30 901820  callto://+14155550123
 *   feather-launcher://call?to=+14155550123&from=London%20office&agent=Riley&template=Reminder&var.clinic=Uptown
 * The answer is a LaunchRequest (names resolved later by main) or one plain sentence saying why the
 * link was not opened. A refused link opens nothing: its text is never shown or sent anywhere.
 */

const fail = (problem: string): LaunchResult => ({ ok: false, problem });
const SCHEME = /^([a-z][a-z0-9+.-]{0,30}):/i;
const APP_LINK = /^(?:\/\/)?call\/?(?:\?(.*))?$/is;
const FIELDS = ['to', 'from', 'agent', 'team', 'template'] as const;
type Field = (typeof FIELDS)[number];
const SHAPE = 'Feather Launcher links look like feather-launcher://call?to=+14155550123&agent=Riley.';

/** Does this text start with one of the schemes the app answers? (argv, the CLI's --dial) */
export const isLaunchLink = (text: string) => /^(?:tel|callto|feather-launcher):/i.test(text.trim());

export function parseLink(input: string): LaunchResult {
  if (typeof input !== 'string') return fail('A link is text.');
  if (new TextEncoder().encode(input).length > MAX_LAUNCH_BYTES) return fail('This link is longer than 2 KB, so it was not opened.');
  const text = input.trim();
  if (looksHostile(text)) return fail(SCRIPT_PROBLEM);
  const scheme = SCHEME.exec(text);
  if (!scheme) return fail('This is not a link Feather Launcher opens: it opens tel:, callto: and feather-launcher:// links.');
  const name = scheme[1]!.toLowerCase();
  const rest = text.slice(scheme[0].length);
  if (name === 'tel' || name === 'callto') return phoneLink(name, rest);
  if (name === 'feather-launcher') return appLink(rest);
  return fail(`Feather Launcher opens tel:, callto: and feather-launcher:// links, not ${name}: links.`);
}

/** `tel:` and `callto:` (Skype's, with or without `//`): a number and RFC 3966 parameters. */
function phoneLink(scheme: 'tel' | 'callto', rest: string): LaunchResult {
  let body = rest.replace(/^\/\//, '');
  // Skype's callto:…?call / ?add: the action is ours to take (the card), so it is dropped
  if (scheme === 'callto') body = body.replace(/\?[a-z]*$/i, '');
  const decoded = percentDecode(body);
  if (decoded === null) return fail('This link has a broken %-escape, so its number cannot be read.');
  if (scheme === 'callto' && /\p{L}/u.test(decoded.split(';')[0] ?? '')) {
    return fail('This callto: link holds a name (a Skype contact), not a phone number, so there is nothing to call.');
  }
  const number = readDialNumber(decoded);
  if (!number.ok) return number;
  return checkLaunchRequest({ source: 'link', to: number.number });
}

/**
 * A query value: `%xx` decoded, and `+` read as a space (form encoding, as URLSearchParams writes
 * it) — except a `+` that starts a number, which people write as is (`to=+14155550123`).
 */
function decodeValue(raw: string, numberLike: boolean): string | null {
  const plus = numberLike && raw.startsWith('+') ? '%2B' + raw.slice(1) : raw;
  return percentDecode(plus.replace(/\+/g, ' '));
}

/** `feather-launcher://call?to=…&from=…&agent=…|team=…&template=…&var.<name>=…` */
function appLink(rest: string): LaunchResult {
  const shape = APP_LINK.exec(rest);
  if (!shape) return fail(SHAPE);
  const query = shape[1] ?? '';
  if (query.includes('#')) return fail('Feather Launcher links have no #-part; this one was not opened.');
  const fields: Partial<Record<Field, string>> = {};
  const vars: Record<string, string> = {};
  for (const piece of query.split('&')) {
    if (!piece) continue; // `?&to=…`, a trailing `&`
    const at = piece.indexOf('=');
    const rawKey = at < 0 ? piece : piece.slice(0, at);
    const key = percentDecode(rawKey.replace(/\+/g, ' '));
    if (key === null) return fail('This link has a broken %-escape, so it cannot be read.');
    const lower = key.trim().toLowerCase();
    const field = FIELDS.find((f) => f === lower);
    const value = decodeValue(at < 0 ? '' : piece.slice(at + 1), field === 'to' || field === 'from');
    if (value === null) return fail(`The value of ${key.slice(0, 30)} has a broken %-escape.`);
    if (field) {
      if (fields[field] !== undefined) return fail(`This link gives ${field} twice.`);
      fields[field] = value;
    } else if (lower.startsWith('var.')) {
      const variable = key.trim().slice(4);
      if (!variable) return fail('A var. parameter needs a variable name, like var.clinic=Uptown.');
      const problem = identifierProblem(variable);
      if (problem) return fail(`var.${variable.slice(0, 40)}: ${problem}`);
      if (Object.prototype.hasOwnProperty.call(vars, variable)) return fail(`This link gives the variable ${variable} twice.`);
      vars[variable] = value;
    } else {
      return fail(
        `This link has a parameter Feather Launcher does not know (${key.slice(0, 30)}); it takes to, from, agent, team, template and var.NAME=value.`,
      );
    }
  }
  if (fields.to === undefined) return fail('This link names no number to call (to=…).');
  const number = readDialNumber(fields.to);
  if (!number.ok) return number;
  return checkLaunchRequest({
    source: 'link',
    to: number.number,
    ...(fields.from !== undefined ? { from: fields.from } : {}),
    ...(fields.agent !== undefined ? { agent: fields.agent } : {}),
    ...(fields.team !== undefined ? { team: fields.team } : {}),
    ...(fields.template !== undefined ? { template: fields.template } : {}),
    ...(Object.keys(vars).length ? { vars } : {}),
  });
}
