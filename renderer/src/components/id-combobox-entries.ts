import type { Directory, DirectoryEntry } from '../../../shared/contract';
import { ownValue } from '../../../shared/identifiers';

/** A Feather ID as Feather writes it. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What is known about an entry's outbound binding; `bound: false` is shown as a warning. */
export interface Binding {
  bound: boolean;
  text: string;
}
/** undefined = Feather did not say (nothing is shown). */
export type BindingOf = (entry: DirectoryEntry) => Binding | undefined;

/** What a picker shows for one entry. */
export interface EntryView {
  id: string;
  /** what the input shows once the entry is chosen */
  name: string;
  /** phone numbers: the number, formatted, when the name is something else */
  number: string | null;
  /** "saved by hand", "paused", "SMS only" */
  notes: string[];
  binding: Binding | undefined;
}

const BOUND: Binding = { bound: true, text: 'bound for outbound' };

/** A number as main formatted it for display ("+44 20 7946 0958"), else its E.164; null for agents and teams. */
const shownNumber = (entry: DirectoryEntry): string | null => entry.international ?? entry.e164 ?? null;

/** A number's name is the one given on this computer; without one, the number itself. */
export function entryName(entry: DirectoryEntry): string {
  if (entry.e164 && !entry.manual) {
    const local =
      entry.localName?.trim() || (entry.label.startsWith(`${entry.e164} · `) ? entry.label.slice(entry.e164.length + 3).trim() : '');
    return local || entry.international || entry.e164;
  }
  return entry.label.trim() || entry.id;
}

export function entryView(entry: DirectoryEntry, bindingOf?: BindingOf): EntryView {
  const name = entryName(entry);
  const formatted = shownNumber(entry);
  const notes: string[] = [];
  if (entry.manual) notes.push('saved by hand');
  if (entry.status && entry.status !== 'active') notes.push(entry.status);
  if (entry.capabilities?.length && !entry.capabilities.includes('voice')) notes.push(`${entry.capabilities.join(', ')} only`);
  return { id: entry.id, name, number: formatted && formatted !== name ? formatted : null, notes, binding: bindingOf?.(entry) };
}

/** The line under a field and the secondary text of a list item: "Support line · +44 20 7946 0000 · bound for outbound". */
export function describeEntry(view: EntryView): string {
  return [view.name, view.number, ...view.notes, view.binding?.text].filter(Boolean).join(' · ');
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const PHONE_LIKE = /^[+\d\s().\-\u00a0]+$/;

/** Whether a typed query names an entry: words of its name (any order, case or accents), the digits of its number, or the start of its ID. */
export function matchesQuery(entry: DirectoryEntry, query: string): boolean {
  const q = fold(query.trim());
  if (!q) return true;
  const words = q.split(/\s+/);
  const names = [fold(entryName(entry)), fold(entry.label)];
  if (names.some((name) => words.every((word) => name.includes(word)))) return true;
  if (entry.id.toLowerCase().startsWith(q)) return true;
  const digits = q.replace(/\D/g, '');
  if (entry.e164 && digits.length >= 2 && PHONE_LIKE.test(q)) {
    const numberDigits = entry.e164.replace(/\D/g, '');
    // a national "020 7946…" is "+44 20 7946…" without its trunk 0
    return numberDigits.includes(digits) || numberDigits.includes(digits.replace(/^0+/, ''));
  }
  return false;
}

/**
 * What typed text stands for: the ID of the one entry it names exactly (its ID in any case, its
 * name, its label or its number), else the text itself, trimmed — a custom value.
 */
export function resolveTyped(entries: readonly DirectoryEntry[], text: string): string {
  const typed = text.trim();
  if (!typed) return '';
  const lower = typed.toLowerCase();
  const byId = entries.find((e) => e.id.toLowerCase() === lower);
  if (byId) return byId.id;
  const digits = PHONE_LIKE.test(typed) ? `+${typed.replace(/\D/g, '')}` : null;
  const exact = entries.filter(
    (e) => fold(entryName(e)) === fold(typed) || fold(e.label) === fold(typed) || (digits && typed.startsWith('+') && e.e164 === digits),
  );
  const ids = new Set(exact.map((e) => e.id));
  return ids.size === 1 ? [...ids][0]! : typed;
}

/** Numbers: whether Feather lists outbound bindings for each (unknown where it did not say). */
export function numberBindingOf(directory: Directory | null | undefined): BindingOf {
  return (entry) => {
    const binding = ownValue(directory?.bindings, entry.id);
    if (!binding) return undefined;
    return binding.agentIds.length + binding.teamIds.length > 0 ? BOUND : { bound: false, text: 'no outbound bindings' };
  };
}

/** Agents or teams: whether each is bound to the chosen from-number (unknown where Feather did not say). */
export function callerBindingOf(directory: Directory | null | undefined, fromNumberId: string, kind: 'agent' | 'team'): BindingOf {
  const binding = ownValue(directory?.bindings, fromNumberId.trim());
  return (entry) => {
    if (!binding) return undefined;
    const ids = kind === 'agent' ? binding.agentIds : binding.teamIds;
    return ids.includes(entry.id) ? BOUND : { bound: false, text: 'not bound to this number' };
  };
}
