import { identifierProblem } from '../../../shared/identifiers';
import { normalizeDialInput } from '../../../shared/phone';
import { readDialNumber } from './dial-number';
import { isLaunchLink, parseLink } from './link-parser';
import { checkLaunchRequest, MAX_LAUNCH_BYTES, type LaunchRequest } from './launch-request';

/**
 * The launch arguments in a process's argv, found among what Electron and Chromium add around them:
 * the executable, the app path when run from source, switches such as `--no-sandbox` or
 * `--allow-file-access-from-files`, and — on Windows and Linux — the link the OS opened us with,
 * as the last argument. Only our own options and links are read; everything else is left alone.
 */

export const CLI_USAGE = `Usage:
  feather-launcher --dial <number> [--from <from-number>] [--agent <agent> | --team <team>]
                   [--template <template>] [--var <name>=<value>]...
  feather-launcher <tel:, callto: or feather-launcher://call?… link>
  feather-launcher --help

Opens the call card in Feather Launcher (starting it if it is not running) with these values
filled in. Nothing is called until you press Call on the card.

  --dial <number>         the number to call: +14155550123, "(415) 555-0123", or a tel: link
  --from <from-number>    the number to call from: its E.164, the name you gave it, or its ID
  --agent <agent>         who calls: an agent's name (or the first words of it) or ID
  --team <team>           or a team's name or ID (not with --agent)
  --template <template>   a template's name or ID
  --var <name>=<value>    a context variable; repeat for more (with a template: a value for a
                          row that has none)
  --help, -h              this text

Every option also takes the form --name=value (--dial=+14155550123): use it where a shell or
a shortcut might split a value from its option.
Names are matched without regard to case or accents, in the connection in use; a name that
matches nothing (or several) is shown on the card as typed, for you to pick.

Examples:
  feather-launcher --dial +14155550123 --agent Riley --var clinic=Uptown
  feather-launcher --dial "020 7946 0958" --from "London office" --team Sales
  feather-launcher "feather-launcher://call?to=%2B14155550123&template=Appointment%20reminder"

Exit status: 0 when the card was asked for, or for --help; 2 when the arguments cannot be used.
`;

export type ArgvReading =
  /** nothing of ours: a plain start */
  | { kind: 'none' }
  | { kind: 'help' }
  | { kind: 'launch'; request: LaunchRequest }
  /** `cli`: our options are wrong (the launching process says so and exits 2); `link`: a link that is not opened */
  | { kind: 'error'; problem: string; from: 'cli' | 'link' };

const OPTION = /^--(dial|from|agent|team|template|var)(?:=(.*))?$/s;
type Option = 'dial' | 'from' | 'agent' | 'team' | 'template';
const cliError = (problem: string): ArgvReading => ({ kind: 'error', problem, from: 'cli' });

export function readArgv(argv: readonly unknown[]): ArgvReading {
  const options: Partial<Record<Option, string>> = {};
  const vars: Record<string, string> = {};
  const links: string[] = [];
  let help = false;
  let bytes = 0;
  let problem: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (typeof arg !== 'string') continue;
    if (arg === '--help' || arg === '-h') help = true;
    else if (isLaunchLink(arg)) links.push(arg);
    else {
      const match = OPTION.exec(arg);
      if (!match) continue; // the executable, the app path, Chromium's and Electron's switches
      const name = match[1] as Option | 'var';
      let value = match[2];
      if (value === undefined) {
        const next = argv[i + 1];
        if (typeof next !== 'string' || next.startsWith('--') || next === '-h') {
          problem ??= `--${name} needs a value${name === 'var' ? ', like --var clinic=Uptown' : ''}.`;
          continue;
        }
        value = next;
        i++;
      }
      bytes += new TextEncoder().encode(value).length;
      if (name === 'var') problem ??= addVariable(vars, value);
      else if (options[name] !== undefined) problem ??= `--${name} is given twice.`;
      else options[name] = value;
    }
  }
  if (help) return { kind: 'help' };
  if (problem) return cliError(problem);
  if (bytes > MAX_LAUNCH_BYTES) return cliError('The arguments are longer than 2 KB.');
  const ours = Object.keys(options).length + Object.keys(vars).length > 0;
  if (links.length > 1) return { kind: 'error', problem: 'Open one link at a time.', from: ours ? 'cli' : 'link' };
  if (links.length === 1) {
    if (!ours) {
      const link = parseLink(links[0]!);
      return link.ok ? { kind: 'launch', request: link.request } : { kind: 'error', problem: link.problem, from: 'link' };
    }
    return cliError(
      options.dial !== undefined
        ? 'Give --dial or a link, not both.'
        : 'Options such as --agent go with --dial <number>; a feather-launcher:// link carries its own (agent=…).',
    );
  }
  if (!ours) return { kind: 'none' };
  if (options.dial === undefined) {
    const first = Object.keys(options)[0] ?? 'var';
    return cliError(`--${first} goes with --dial <number>: which number should be called?`);
  }
  const to = dialValue(options.dial);
  if (!to.ok) return cliError(`--dial: ${to.problem}`);
  const checked = checkLaunchRequest({
    source: 'cli',
    to: to.number,
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.agent !== undefined ? { agent: options.agent } : {}),
    ...(options.team !== undefined ? { team: options.team } : {}),
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(Object.keys(vars).length ? { vars } : {}),
  });
  return checked.ok ? { kind: 'launch', request: checked.request } : cliError(checked.problem);
}

/** `--dial` takes a number as typed, or a tel:/callto: link (as a browser copies it). */
function dialValue(value: string) {
  if (!isLaunchLink(value)) {
    // typed or pasted as on the Dial card: "+1 415 555 0123 ext. 7", "… x7", "…#7"
    const pasted = normalizeDialInput(value);
    const number = readDialNumber(pasted.text);
    return number.ok && pasted.extension ? { ok: true as const, number: `${number.number} ext. ${pasted.extension}` } : number;
  }
  if (/^\s*feather-launcher:/i.test(value)) {
    return { ok: false as const, problem: 'give a feather-launcher:// link on its own, without --dial.' };
  }
  const link = parseLink(value);
  return link.ok ? { ok: true as const, number: link.request.to } : { ok: false as const, problem: link.problem };
}

/** `--var name=value`: the first `=` splits; names as Feather declares them. */
function addVariable(vars: Record<string, string>, text: string): string | null {
  const at = text.indexOf('=');
  if (at <= 0) return `--var takes name=value, like --var clinic=Uptown.`;
  const name = text.slice(0, at).trim();
  const problem = identifierProblem(name);
  if (problem) return `--var ${name.slice(0, 40)}: ${problem}`;
  if (Object.prototype.hasOwnProperty.call(vars, name)) return `--var ${name} is given twice.`;
  vars[name] = text.slice(at + 1);
  return null;
}
