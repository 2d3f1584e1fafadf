import { fold } from '../fold';
import type { Contact, PhoneEntry } from '../contact';
import { canonicalDisplayName, nameOf } from '../contact';
import { toPhoneEntry } from '../phone-entry';
import type { ImportRecord } from './import-record';

export type PlanKind = 'new' | 'merge' | 'skip';
export interface PlannedRow {
  row: number;
  kind: PlanKind;
  name: string;
  /** why a row is skipped */
  reason?: string;
  /** imported, but something needs a look: a flagged number, say */
  warnings: string[];
  /** for merges: the existing contact (or earlier row) it joins */
  mergeInto?: { id: string; name: string };
  contact: Contact;
}

export interface ExistingIndex {
  byNumber: Map<string, { id: string; name: string }>;
  byName: Map<string, { id: string; name: string; hasNumbers: boolean }>;
}

export function indexExisting(contacts: Iterable<Contact>): ExistingIndex {
  const byNumber = new Map<string, { id: string; name: string }>();
  const byName = new Map<string, { id: string; name: string; hasNumbers: boolean }>();
  for (const c of contacts) {
    const entry = { id: c.id, name: nameOf(c) };
    for (const p of c.phones) if (p.e164 && !byNumber.has(p.e164)) byNumber.set(p.e164, entry);
    const key = fold(nameOf(c)).trim();
    if (key && !byName.has(key)) byName.set(key, { ...entry, hasNumbers: c.phones.some((p) => p.e164) });
  }
  return { byNumber, byName };
}

/**
 * Decides, row by row, what an import will do: add a new contact, merge into an existing one
 * (same number, or same name where neither has a number), or skip with a reason. Rows in the
 * same file that share a number merge into the first of them. Runs in slices via `step`.
 */
export class ImportPlanner {
  readonly rows: PlannedRow[] = [];
  private next = 0;
  private readonly pending = new Map<string, PlannedRow>(); // e164 → planned new row from this file

  constructor(
    private readonly records: ImportRecord[],
    private readonly existing: ExistingIndex,
    private readonly defaultCountry: string,
    private readonly newId: () => string,
    private readonly now: string,
  ) {}

  get total() {
    return this.records.length;
  }
  get processed() {
    return this.next;
  }
  get done() {
    return this.next >= this.records.length;
  }

  step(count: number) {
    const end = Math.min(this.records.length, this.next + count);
    for (; this.next < end; this.next++) this.plan(this.records[this.next]!);
  }

  private plan(record: ImportRecord) {
    const phones: PhoneEntry[] = record.phones.map((p) => toPhoneEntry({ id: this.newId(), label: p.label, raw: p.raw, doNotCall: p.doNotCall }, this.defaultCountry));
    const warnings = phones.filter((p) => p.problem).map((p) => `${p.label} ${p.raw}: ${p.problem}`);
    const contact: Contact = {
      id: this.newId(),
      displayName: canonicalDisplayName(record),
      firstName: record.firstName,
      lastName: record.lastName,
      company: record.company,
      title: record.title,
      phones: dedupePhones(phones),
      emails: [...new Set(record.emails)],
      tags: [...new Set(record.tags)],
      notes: record.notes,
      custom: record.custom,
      favorite: record.favorite,
      doNotCall: record.doNotCall,
      timeZone: record.timeZone,
      defaultCaller: null,
      defaultTemplateId: null,
      createdAt: this.now,
      updatedAt: this.now,
      lastCalledAt: null,
      callCount: 0,
    };
    const name = nameOf(contact);
    const named = [record.displayName, record.firstName, record.lastName, record.company].some((s) => s.trim());
    if (!named && !contact.phones.some((p) => p.e164)) {
      const reason = contact.phones.length === 0 ? 'No name and no phone number.' : `No name, and no usable number (${warnings.join('; ')}).`;
      this.rows.push({ row: record.row, kind: 'skip', name, reason, warnings: [], contact });
      return;
    }
    const numbers = contact.phones.map((p) => p.e164).filter((e): e is string => e !== null);
    const earlier = numbers.map((n) => this.pending.get(n)).find(Boolean);
    const known = numbers.map((n) => this.existing.byNumber.get(n)).find(Boolean);
    const sameName = numbers.length === 0 ? this.existing.byName.get(fold(name).trim()) : undefined;
    const target = known ?? (earlier ? { id: earlier.contact.id, name: earlier.name } : undefined) ?? (sameName && !sameName.hasNumbers ? sameName : undefined);
    if (target) {
      this.rows.push({ row: record.row, kind: 'merge', name, warnings, mergeInto: { id: target.id, name: target.name }, contact });
      return;
    }
    const planned: PlannedRow = { row: record.row, kind: 'new', name, warnings, contact };
    for (const n of numbers) if (!this.pending.has(n)) this.pending.set(n, planned);
    this.rows.push(planned);
  }
}

function dedupePhones(phones: PhoneEntry[]): PhoneEntry[] {
  const seen = new Set<string>();
  return phones.filter((p) => {
    const key = p.e164 ?? `raw:${p.raw}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Folds `incoming` into `target`: new numbers, emails and tags are added, empty fields filled, do-not-call wins. */
export function mergeContact(target: Contact, incoming: Contact, now: string): Contact {
  const known = new Set(target.phones.map((p) => p.e164 ?? `raw:${p.raw}`));
  const fill = (a: string, b: string) => (a.trim() ? a : b);
  return {
    ...target,
    displayName: fill(target.displayName, incoming.displayName),
    firstName: fill(target.firstName, incoming.firstName),
    lastName: fill(target.lastName, incoming.lastName),
    company: fill(target.company, incoming.company),
    title: fill(target.title, incoming.title),
    notes: target.notes.trim() && incoming.notes.trim() && !target.notes.includes(incoming.notes) ? `${target.notes}\n\n${incoming.notes}` : fill(target.notes, incoming.notes),
    phones: [...target.phones, ...incoming.phones.filter((p) => !known.has(p.e164 ?? `raw:${p.raw}`))].slice(0, 20),
    emails: [...new Set([...target.emails, ...incoming.emails])].slice(0, 20),
    tags: [...new Set([...target.tags, ...incoming.tags])].slice(0, 50),
    custom: { ...incoming.custom, ...target.custom },
    favorite: target.favorite || incoming.favorite,
    doNotCall: target.doNotCall ?? incoming.doNotCall,
    timeZone: target.timeZone ?? incoming.timeZone,
    updatedAt: now,
  };
}
