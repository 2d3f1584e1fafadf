// Over 300 lines on purpose: each record's plan (numbers, the file's country evidence, duplicates) reads the same per-file state, built here once.
import { fold, words } from '../../../../shared/contacts/fold';
import type { Contact, PhoneEntry } from '../../../../shared/contacts/contact';
import { canonicalDisplayName, nameOf } from '../../../../shared/contacts/contact-helpers';
import { splitExtension } from '../phone-entry';
import type { ParsedPhone } from '../../../../shared/phone';
import {
  ambiguousProblem,
  bestGuess,
  callingCode,
  candidateCountries,
  CountryGuesser,
  foreignProblem,
  grouping,
  isFilePattern,
  isInternational,
  mightBeForeign,
  pointsTo,
  readNumber,
  sortReadings,
  writingAllows,
  writtenAs,
  type Alternative,
  type Readings,
} from './import-country';
import { describeGroup, type CountryGroup } from './country-summary';
import type { ImportRecord } from './import-record';

export type { CountryGroup };
export type PlanKind = 'new' | 'merge' | 'skip';

/** Another contact (or an earlier row) this row may be the same person as; the user decides. */
export interface PossibleDuplicate {
  id: string;
  name: string;
  reason: 'same name and company' | 'same name' | 'same email' | 'same number';
}

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
  /** a 'new' row that may be someone already known: kept apart unless the user chooses to merge */
  possibleDuplicate?: PossibleDuplicate;
  contact: Contact;
}

interface Known {
  id: string;
  name: string;
  /** the words it is called by (see calledBy): '' for a contact with no name */
  called: string;
}

export interface ExistingIndex {
  byNumber: Map<string, Known>;
  byName: Map<string, Known & { hasNumbers: boolean }>;
  /** normalised name + company → contact */
  byPerson: Map<string, Known>;
  /** lower-case email → contact */
  byEmail: Map<string, Known>;
}

/** "Smith, John" and "john  SMITH" are one name: folded words in order. */
function personName(c: Pick<Contact, 'displayName' | 'firstName' | 'lastName'>): string {
  const name = c.displayName.trim() || `${c.firstName} ${c.lastName}`;
  return words(fold(name)).sort().join(' ');
}

/** Normalised name + company, or null for a contact with no personal name. */
export function personKey(
  c: Pick<Contact, 'displayName' | 'firstName' | 'lastName' | 'company'>,
): { key: string; withCompany: boolean } | null {
  const name = personName(c);
  if (!name) return null;
  const company = words(fold(c.company)).join(' ');
  return { key: `${name}|${company}`, withCompany: company !== '' };
}

const emailKey = (email: string) => email.trim().toLowerCase();

/** The words a card is called by (its name, or its company when it has none), folded and sorted; '' when it has neither. */
function calledBy(c: Pick<Contact, 'displayName' | 'firstName' | 'lastName' | 'company'>): string {
  const name = c.displayName.trim() || `${c.firstName} ${c.lastName}`.trim() || c.company.trim();
  return words(fold(name)).sort().join(' ');
}

/**
 * Two cards that share a number are one person when their names do not tell them apart: the
 * same words in any order, case or accents ("Smith, John", "john SMITH"), one card with no name,
 * or a name of two words or more within the other ("Jane Doe", "Jane Doe (work)"). Otherwise
 * (a family landline, an office switchboard) they are a possible duplicate for the user to decide.
 */
export function sameCalled(a: string, b: string): boolean {
  if (!a || !b || a === b) return true;
  const [short, long] = [a.split(' '), b.split(' ')].sort((x, y) => x.length - y.length) as [string[], string[]];
  const longer = new Set(long);
  return short.length >= 2 && short.every((w) => longer.has(w));
}

export const emptyIndex = (): ExistingIndex => ({ byNumber: new Map(), byName: new Map(), byPerson: new Map(), byEmail: new Map() });

/** Adds one contact (the first to claim a number, name or email keeps it). */
export function addToIndex(index: ExistingIndex, c: Contact) {
  const entry = { id: c.id, name: nameOf(c), called: calledBy(c) };
  for (const p of c.phones) if (p.e164 && !index.byNumber.has(p.e164)) index.byNumber.set(p.e164, entry);
  const key = fold(entry.name).trim();
  if (key && !index.byName.has(key)) index.byName.set(key, { ...entry, hasNumbers: c.phones.some((p) => p.e164) });
  const person = personKey(c);
  if (person && !index.byPerson.has(person.key)) index.byPerson.set(person.key, entry);
  for (const e of c.emails) if (!index.byEmail.has(emailKey(e))) index.byEmail.set(emailKey(e), entry);
}

/** The index in one go (tests, small books); the import job builds it in slices. */
export function indexExisting(contacts: Iterable<Contact>): ExistingIndex {
  const index = emptyIndex();
  for (const c of contacts) addToIndex(index, c);
  return index;
}

export interface PlanOptions {
  /** countries whose look-alike numbers the user chose to import as that country's ("Import these as India (+91)") */
  reinterpret?: readonly string[];
  /** countries whose ambiguous numbers the user chose to keep as the import country's */
  keepHome?: readonly string[];
  /**
   * The app's default country. A national number read as any other country is stored with its
   * country code, so the contact editor and the dial screen read it the same way later.
   */
  appCountry?: string;
}

/** One number of one record, as read in each pass. */
interface Reading {
  number: string;
  extension: string | null;
  national: boolean;
  home: ParsedPhone;
  /** national numbers not valid at home: where they are valid, as far as the way they are written allows */
  readings?: Readings;
  likely?: Alternative | null;
  /** valid at home, and also in a country much of the file looks like */
  ambiguousWith?: Alternative;
}

type Phase = 'read' | 'guess' | 'ambiguity' | 'plan' | 'done';
const PHASES: Phase[] = ['read', 'guess', 'ambiguity', 'plan'];

/**
 * Decides, row by row, what an import will do: add a new contact, merge into an existing one
 * (same number and name, or same name where neither has a number), or skip with a reason. Rows
 * in the same file that share a number and a name merge into the first of them. Rows that share
 * a number under another name (a family landline, a switchboard), or have the same name and
 * company (or email) as a contact or an earlier row, are new, marked as possible duplicates:
 * the user chooses Merge or Keep both (see sameCalled).
 *
 * Numbers are read in the import's country, in passes that each run in slices via `step`:
 * read every number; find where the ones that are not valid at home are valid; if many point
 * to one country, find the numbers valid in both; then plan the rows.
 */
export class ImportPlanner {
  readonly rows: PlannedRow[] = [];
  private phase: Phase = 'read';
  private cursor = 0;
  private readonly reads: Reading[][] = [];
  private readonly seen = new Map<string, number>(); // countries of the file's international numbers
  private nationalCount = 0;
  private guesser: CountryGuesser | null = null;
  private patterns: string[] = [];
  private readonly groups = new Map<string, CountryGroup>();
  private readonly pending = new Map<string, Known>(); // e164 → planned new row from this file
  private readonly pendingPerson = new Map<string, Known>();
  private readonly pendingEmail = new Map<string, Known>();
  private readonly reinterpret: Set<string>;
  private readonly keepHome: Set<string>;
  private readonly appCountry: string;

  constructor(
    private readonly records: ImportRecord[],
    private readonly existing: ExistingIndex,
    private readonly country: string,
    private readonly newId: () => string,
    private readonly now: string,
    options: PlanOptions = {},
  ) {
    this.reinterpret = new Set(options.reinterpret ?? []);
    this.keepHome = new Set(options.keepHome ?? []);
    this.appCountry = options.appCountry ?? country;
  }

  get total() {
    return this.records.length;
  }
  /** records through all passes, scaled to the record count */
  get processed() {
    if (this.phase === 'done') return this.records.length;
    return Math.floor((PHASES.indexOf(this.phase) * this.records.length + this.cursor) / PHASES.length);
  }
  get done() {
    return this.phase === 'done';
  }
  /** per foreign-looking country: how many, what was done, a sentence for the preview */
  get countrySummary(): CountryGroup[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count);
  }

  /** Up to `count` records of the current pass; a pass that ends moves on to the next, in the same call. */
  step(count: number) {
    while (this.phase !== 'done') {
      const end = Math.min(this.records.length, this.cursor + count);
      for (; this.cursor < end; this.cursor++) this.visit(this.cursor);
      if (this.cursor < this.records.length) return;
      this.finishPhase();
    }
  }

  private visit(i: number) {
    if (this.phase === 'read') this.read(i);
    else if (this.phase === 'guess') this.guess(i);
    else if (this.phase === 'ambiguity') this.findAmbiguous(i);
    else {
      this.plan(this.records[i]!, this.reads[i]!);
      this.reads[i] = []; // planned: the parsed numbers are not needed any more
    }
  }

  private finishPhase() {
    this.cursor = 0;
    if (this.phase === 'read') {
      this.guesser = new CountryGuesser(candidateCountries(this.country, this.seen));
      this.phase = 'guess';
    } else if (this.phase === 'guess') {
      this.choosePatterns();
      this.phase = this.patterns.length ? 'ambiguity' : 'plan';
    } else if (this.phase === 'ambiguity') this.phase = 'plan';
    else {
      for (const group of this.groups.values()) Object.assign(group, describeGroup(group, this.country));
      this.phase = 'done';
    }
  }

  private read(i: number) {
    this.reads[i] = this.records[i]!.phones.map((p) => {
      const { number, extension } = splitExtension(p.raw);
      const national = !isInternational(number);
      const home = readNumber(number, this.country);
      if (national) this.nationalCount++;
      else if (home.ok && home.country) this.seen.set(home.country, (this.seen.get(home.country) ?? 0) + 1);
      return { number, extension, national, home };
    });
  }

  private guess(i: number) {
    for (const r of this.reads[i]!) {
      if (!r.national || !mightBeForeign(r.home)) continue;
      // A file of 100k Indian numbers need not try 20 countries for each: once one country
      // explains nearly all of them, it is tried first, and wins on frequency when it fits.
      // Only when written that country's way (or in one run): "07911 123456" in an Indian file is tried as British too.
      const shortcut = this.dominant ? this.guesser!.validAs(r.number, this.dominant) : null;
      const quick = shortcut ? sortReadings(r.number, [shortcut]) : null;
      const fits = quick && (quick.shaped.length > 0 || (grouping(r.number) === '' && quick.neutral.length > 0));
      r.readings = fits ? quick : sortReadings(r.number, this.guesser!.validIn(r.number));
      this.countGuess(r.readings);
    }
  }

  private dominant: string | null = null;
  private readonly guessed = { total: 0, byCountry: new Map<string, number>() };
  private countGuess(readings: Readings) {
    const country = pointsTo(readings);
    if (!country) return;
    const n = (this.guessed.byCountry.get(country) ?? 0) + 1;
    this.guessed.byCountry.set(country, n);
    this.guessed.total++;
    if (!this.dominant && n >= 50 && n >= this.guessed.total * 0.9) this.dominant = country;
  }

  /**
   * Picks each flagged number's likely country (or none: see bestGuess), and the countries a good
   * part of the file looks like. What the file's other numbers say about a country: its
   * international numbers with that country code, and the flagged ones written only its way.
   */
  private choosePatterns() {
    const byCode = new Map<string, number>();
    for (const [country, n] of this.seen) byCode.set(callingCode(country), (byCode.get(callingCode(country)) ?? 0) + n);
    const all = this.reads.flat();
    const pointed = new Map<string, number>();
    for (const r of all) {
      const country = r.readings && pointsTo(r.readings);
      if (country) pointed.set(country, (pointed.get(country) ?? 0) + 1);
    }
    const sizes = new Map<string, number>();
    for (const r of all) {
      if (!r.readings) continue;
      const own = pointsTo(r.readings); // a number is no evidence for itself
      const evidence = (c: string) => (byCode.get(callingCode(c)) ?? 0) + (pointed.get(c) ?? 0) - (c === own ? 1 : 0);
      r.likely = bestGuess(r.readings, evidence);
      r.readings = undefined; // its likely country is all the later passes need: the other readings are let go
      if (r.likely) sizes.set(r.likely.country, (sizes.get(r.likely.country) ?? 0) + 1);
    }
    this.patterns = [...sizes.entries()]
      .filter(([, size]) => isFilePattern(size, this.nationalCount))
      .sort((a, b) => b[1] - a[1])
      .map(([country]) => country);
  }

  private findAmbiguous(i: number) {
    for (const r of this.reads[i]!) {
      if (!r.national || !r.home.ok) continue;
      for (const country of this.patterns) {
        const alt = this.guesser!.validAs(r.number, country);
        // "(415) 555-0132" is written the American way, not the Indian one: not ambiguous
        if (
          alt &&
          alt.e164 !== r.home.e164 &&
          writingAllows(r.number, alt) &&
          !(writtenAs(r.number, r.home.national) && !writtenAs(r.number, alt.national))
        ) {
          r.ambiguousWith = alt;
          break;
        }
      }
    }
  }

  private group(country: string): CountryGroup {
    let group = this.groups.get(country);
    if (!group) {
      const applied = this.reinterpret.has(country) ? 'as' : this.keepHome.has(country) ? 'home' : 'none';
      group = { country, callingCode: '', count: 0, invalidHere: 0, ambiguous: 0, applied, message: '', numbers: [] };
      this.groups.set(country, group);
    }
    return group;
  }

  /** What one number becomes: its E.164 (or null and the flag), the text kept, and whether the user's choice moved it. */
  private decide(r: Reading, raw: string, row: number, name: string): { e164: string | null; problem: string | null; raw: string } {
    const listed = (group: CountryGroup, e164: string) => {
      group.count++;
      if (group.numbers.length < 200) group.numbers.push({ row, name, raw, e164 });
    };
    // stored with its country code when read as anything but the app's country (see PlanOptions.appCountry);
    // `reading` is only formatted then: formatting costs as much as parsing
    const kept = (e164: string, reading: { international: string }, country: string) => ({
      e164,
      problem: null,
      raw: r.national && country !== this.appCountry ? withExtension(reading.international, r.extension) : raw,
    });
    if (r.home.ok) {
      const other = r.ambiguousWith;
      if (!other) return kept(r.home.e164, r.home, this.country);
      const group = this.group(other.country);
      group.ambiguous++;
      listed(group, other.e164);
      if (group.applied === 'as') return kept(other.e164, other, other.country);
      if (group.applied === 'home') return kept(r.home.e164, r.home, this.country);
      return { e164: null, problem: ambiguousProblem(this.country, r.home.international, other), raw };
    }
    if (r.likely) {
      const group = this.group(r.likely.country);
      group.invalidHere++;
      listed(group, r.likely.e164);
      if (group.applied === 'as') return kept(r.likely.e164, r.likely, r.likely.country);
      return { e164: null, problem: foreignProblem(r.home, this.country, r.likely), raw };
    }
    return { e164: null, problem: r.home.message, raw };
  }

  private plan(record: ImportRecord, reads: Reading[]) {
    const named0 = nameOf({ ...record, phones: [] });
    const listedAs = named0 === 'Unnamed contact' ? (record.phones[0]?.raw.trim() ?? named0) : named0;
    const phones: PhoneEntry[] = record.phones.map((p, j) => {
      const d = this.decide(reads[j]!, p.raw.trim(), record.row, listedAs);
      return {
        id: this.newId(),
        label: p.label.trim().toLowerCase() || 'other',
        raw: d.raw,
        e164: d.e164,
        problem: d.problem,
        extension: reads[j]!.extension,
        doNotCall: p.doNotCall ?? false,
      };
    });
    const warnings = [...phones.filter((p) => p.problem).map((p) => `${p.label} ${p.raw}: ${p.problem}`), ...(record.warnings ?? [])]; // the reader's: a dropped email, say
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
      createdAt: this.now,
      updatedAt: this.now,
      lastCalledAt: null,
      callCount: 0,
    };
    const name = nameOf(contact);
    if (record.skipReason) {
      this.rows.push({ row: record.row, kind: 'skip', name, reason: record.skipReason, warnings: [], contact }); // the file says so: a vCard group card
      return;
    }
    const named = [record.displayName, record.firstName, record.lastName, record.company].some((s) => s.trim());
    if (!named && !contact.phones.some((p) => p.e164) && contact.emails.length === 0) {
      const reason =
        contact.phones.length === 0 ? 'No name and no phone number.' : `No name, and no usable number (${warnings.join('; ')}).`;
      this.rows.push({ row: record.row, kind: 'skip', name, reason, warnings: [], contact });
      return;
    }
    const numbers = contact.phones.map((p) => p.e164).filter((e): e is string => e !== null);
    const called = named ? calledBy(contact) : '';
    // A shared number joins the cards only when their names agree; under another name it is a possible duplicate.
    const byNumber = this.sharedNumber(numbers, called);
    const sameName = numbers.length === 0 ? this.existing.byName.get(fold(name).trim()) : undefined;
    const target = byNumber.same ?? (sameName && !sameName.hasNumbers ? sameName : undefined);
    const person = named ? personKey(contact) : null;
    const emails = contact.emails.map(emailKey);
    if (target) {
      this.rows.push({ row: record.row, kind: 'merge', name, warnings, mergeInto: { id: target.id, name: target.name }, contact });
      this.remember(person?.key, emails, target);
      return;
    }
    const planned: PlannedRow = { row: record.row, kind: 'new', name, warnings, contact };
    const duplicate =
      this.possibleDuplicate(person, emails) ??
      (byNumber.other ? { id: byNumber.other.id, name: byNumber.other.name, reason: 'same number' as const } : undefined);
    if (duplicate) planned.possibleDuplicate = duplicate;
    const self = { id: contact.id, name, called };
    for (const n of numbers) if (!this.pending.has(n)) this.pending.set(n, self);
    this.remember(person?.key, emails, self);
    this.rows.push(planned);
  }

  /**
   * The contact (first) or earlier row that has one of these numbers under the same name (`same`),
   * else the first that has one under another name (`other`).
   */
  private sharedNumber(numbers: string[], called: string): { same?: Known; other?: Known } {
    let other: Known | undefined;
    for (const index of [this.existing.byNumber, this.pending])
      for (const n of numbers) {
        const match = index.get(n);
        if (!match) continue;
        if (sameCalled(called, match.called)) return { same: match };
        other ??= match;
      }
    return { other };
  }

  /** Same name and company, or same email, as a contact or an earlier row (contacts first). */
  private possibleDuplicate(person: { key: string; withCompany: boolean } | null, emails: string[]): PossibleDuplicate | undefined {
    if (person) {
      const match = this.existing.byPerson.get(person.key) ?? this.pendingPerson.get(person.key);
      if (match) return { id: match.id, name: match.name, reason: person.withCompany ? 'same name and company' : 'same name' };
    }
    for (const e of emails) {
      const match = this.existing.byEmail.get(e) ?? this.pendingEmail.get(e);
      if (match) return { id: match.id, name: match.name, reason: 'same email' };
    }
    return undefined;
  }

  private remember(person: string | undefined, emails: string[], who: Known) {
    if (person && !this.pendingPerson.has(person)) this.pendingPerson.set(person, who);
    for (const e of emails) if (!this.pendingEmail.has(e)) this.pendingEmail.set(e, who);
  }
}

const withExtension = (number: string, extension: string | null) => (extension ? `${number} ext. ${extension}` : number);

function dedupePhones(phones: PhoneEntry[]): PhoneEntry[] {
  const seen = new Set<string>();
  return phones.filter((p) => {
    const key = p.e164 ?? `raw:${p.raw}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const NOTES_MAX = 10_000;

/**
 * The line that keeps `incoming`'s name when a merge would not show it (the user merged two
 * differently named cards): "Also on this card: Mary Smith", with its company when the card shows another.
 * Null when the target has no name (it takes this one) or the names agree.
 */
function otherNameLine(target: Contact, incoming: Contact): string | null {
  const mine = calledBy(target);
  const theirs = calledBy(incoming);
  if (!mine || !theirs || mine === theirs) return null;
  const name = incoming.displayName.trim() || `${incoming.firstName} ${incoming.lastName}`.trim() || incoming.company.trim();
  const company = incoming.company.trim();
  // its company too, unless the merged card shows it (the same, or taken because the target had none)
  const shown = target.company.trim() || company;
  const withCompany = company && company !== name && fold(company) !== fold(shown) ? ` (${company})` : '';
  return `Also on this card: ${name}${withCompany}`;
}

/**
 * Folds `incoming` into `target`: new numbers, emails and tags are added, empty fields filled,
 * do-not-call wins. A name the merged card would not show is kept in its notes, never dropped.
 */
export function mergeContact(target: Contact, incoming: Contact, now: string): Contact {
  const known = new Set(target.phones.map((p) => p.e164 ?? `raw:${p.raw}`));
  const fill = (a: string, b: string) => (a.trim() ? a : b);
  const notes =
    target.notes.trim() && incoming.notes.trim() && !target.notes.includes(incoming.notes)
      ? `${target.notes}\n\n${incoming.notes}`
      : fill(target.notes, incoming.notes);
  const also = otherNameLine(target, incoming);
  // empty name fields are filled, unless that changes the name a named card shows (a company card stays the company's)
  const filled = {
    displayName: fill(target.displayName, incoming.displayName),
    firstName: fill(target.firstName, incoming.firstName),
    lastName: fill(target.lastName, incoming.lastName),
  };
  const shown = (c: typeof filled) => nameOf({ ...c, company: target.company, phones: [] });
  const names =
    calledBy(target) && shown(filled) !== shown(target)
      ? { displayName: target.displayName, firstName: target.firstName, lastName: target.lastName }
      : filled;
  const withName = also && !notes.includes(also) ? (notes.trim() ? `${notes}\n${also}` : also) : notes;
  return {
    ...target,
    ...names,
    company: fill(target.company, incoming.company),
    title: fill(target.title, incoming.title),
    notes: [withName, notes, target.notes].find((n) => n.length <= NOTES_MAX) ?? target.notes, // a card's notes hold 10,000 characters
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
