import type { Caller } from '../../../shared/call-intent';
import { fold, words } from '../../../shared/contacts/fold';
import type { Directory, DirectoryEntry } from '../../../shared/contract';
import type { DialRequest } from '../../../shared/main-events';
import { normalizeDialInput, parsePhone } from '../../../shared/phone';
import type { Template } from '../../../shared/templates/template';
import type { LaunchRequest } from './launch-request';

/**
 * A link's or the command line's names, made into the IDs the call card works with, against the
 * connection in use (main's cached directory and its templates). Never anything else: a link does
 * not pick the connection, and what it asks for still goes through the card and main's plan.
 * A name that matches nothing, or more than one entry, stays as typed: the card shows it in its
 * field with the plan's problem, for the person to pick the right one.
 */
export interface LaunchKnowledge {
  directory: Pick<Directory, 'phoneNumbers' | 'agents' | 'teams'>;
  templates: ReadonlyArray<Pick<Template, 'id' | 'name'>>;
  defaultCountry: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** "Riley — Appointment reminders" and "riley appointment-reminders" read alike. */
const key = (text: string) => words(fold(text)).join(' ');

/**
 * The one entry a name means: its whole name (case and accents aside), else the one entry whose name
 * starts with it as whole words ("Riley" for "Riley — Appointment reminders"). Null when none or several.
 */
function matchName<T>(typed: string, entries: readonly T[], namesOf: (entry: T) => Array<string | null | undefined>): T | null {
  const wanted = key(typed);
  if (!wanted) return null;
  const names = (entry: T) => namesOf(entry).flatMap((n) => (n ? [key(n)] : []));
  const exact = entries.filter((e) => names(e).includes(wanted));
  if (exact.length) return exact.length === 1 ? exact[0]! : null;
  const starts = entries.filter((e) => names(e).some((n) => n.startsWith(wanted + ' ')));
  return starts.length === 1 ? starts[0]! : null;
}

const byId = <T extends { id: string }>(typed: string, entries: readonly T[]) =>
  entries.find((e) => e.id.toLowerCase() === typed.trim().toLowerCase()) ?? null;

function resolveEntry(typed: string, entries: readonly DirectoryEntry[]): string {
  return (byId(typed, entries) ?? (UUID.test(typed.trim()) ? null : matchName(typed, entries, (e) => [e.label])))?.id ?? typed;
}

/** A from-number by ID, by its number in any format (E.164 or as dialled at home), or by the name given to it here. */
function resolveFrom(typed: string, known: LaunchKnowledge): string {
  const numbers = known.directory.phoneNumbers;
  const found = byId(typed, numbers);
  if (found) return found.id;
  if (UUID.test(typed.trim())) return typed.trim();
  if (/^[+\d\s().-]+$/.test(typed.trim())) {
    const phone = parsePhone(normalizeDialInput(typed).text, known.defaultCountry);
    const same = phone.ok ? numbers.filter((n) => n.e164 === phone.e164) : [];
    return same.length === 1 ? same[0]!.id : typed;
  }
  // discovered numbers carry the user's name; manual ones are their label
  return matchName(typed, numbers, (n) => [n.localName, n.manual ? n.label : null])?.id ?? typed;
}

function resolveCaller(request: LaunchRequest, known: LaunchKnowledge): Caller | undefined {
  if (request.agent !== undefined) return { mode: 'agent', agentId: resolveEntry(request.agent, known.directory.agents) };
  if (request.team !== undefined) return { mode: 'team', teamId: resolveEntry(request.team, known.directory.teams) };
  return undefined;
}

function resolveTemplate(typed: string, templates: LaunchKnowledge['templates']): string {
  return (byId(typed, templates) ?? matchName(typed, templates, (t) => [t.name]))?.id ?? typed;
}

export function resolveLaunch(request: LaunchRequest, known: LaunchKnowledge): DialRequest {
  const caller = resolveCaller(request, known);
  return {
    source: request.source,
    toNumber: request.to,
    ...(request.from !== undefined ? { fromNumberId: resolveFrom(request.from, known) } : {}),
    ...(caller ? { caller } : {}),
    ...(request.template !== undefined ? { templateId: resolveTemplate(request.template, known.templates) } : {}),
    ...(request.vars && Object.keys(request.vars).length ? { variables: { ...request.vars } } : {}),
  };
}

/** Does resolving this request need names from the directory (so an empty cache is worth a refresh first)? */
export function needsDirectory(request: LaunchRequest): boolean {
  return [request.from, request.agent, request.team].some((v) => v !== undefined && !UUID.test(v.trim()));
}
