import type { Contact } from '../../../shared/contacts/contact';
import { digitsOf, splitExtension } from './phone-entry';
import { assignFields, MapEntries, type Fields } from './search/own-fields';

/**
 * Whose number is this: E.164 → the contacts that keep it, and for entries kept without an E.164
 * (flagged on import: the country was unclear) their last 7 national digits → contacts, so a
 * number typed by hand with its country code is still recognised as that line.
 *
 * One id is kept as a string and only shared numbers get an array: at 100k contacts a Set per
 * number cost 40 MB, this 15 MB.
 */
type Ids = string | string[];

function add(map: Map<string, Ids>, key: string, id: string) {
  const ids = map.get(key);
  if (ids === undefined) map.set(key, id);
  else if (typeof ids === 'string') {
    if (ids !== id) map.set(key, [ids, id]);
  } else if (!ids.includes(id)) ids.push(id);
}

function drop(map: Map<string, Ids>, key: string, id: string) {
  const ids = map.get(key);
  if (ids === undefined) return;
  if (typeof ids === 'string') {
    if (ids === id) map.delete(key);
    return;
  }
  const left = ids.filter((x) => x !== id);
  if (left.length === 0) map.delete(key);
  else map.set(key, left.length === 1 ? left[0]! : left);
}

const list = (ids: Ids | undefined): readonly string[] => (ids === undefined ? [] : typeof ids === 'string' ? [ids] : ids);

/** A number's national digits without leading zeros (what a flagged entry is matched by). */
export const nationalDigits = (raw: string) => digitsOf(splitExtension(raw).number).replace(/^0+/, '');

function slotIn(slotOf: (id: string) => number | undefined, id: string): number {
  const slot = slotOf(id);
  if (slot === undefined) throw new Error(`contact ${id} has a number but is not indexed`);
  return slot;
}

function idIn(idAt: (slot: number) => string | undefined, slot: unknown): string {
  const id = typeof slot === 'number' ? idAt(slot) : undefined;
  if (id === undefined) throw new Error('a saved number belongs to no contact');
  return id;
}

export class NumberBook {
  private readonly byNumber = new Map<string, Ids>();
  private readonly flagged = new Map<string, Ids>();

  /** `on`: the contact's numbers are added (true) or removed (false) */
  set(c: Pick<Contact, 'id' | 'phones'>, on: boolean) {
    const change = on ? add : drop;
    for (const p of c.phones) {
      if (p.e164) {
        change(this.byNumber, p.e164, c.id);
        continue;
      }
      const digits = nationalDigits(p.raw);
      if (digits.length >= 7) change(this.flagged, digits.slice(-7), c.id);
    }
  }

  /** the contacts with an entry under this E.164 */
  ids(e164: string): readonly string[] {
    return list(this.byNumber.get(e164));
  }

  /** the contacts with a flagged entry whose last 7 digits this number ends with */
  flaggedIds(e164: string): readonly string[] {
    return list(this.flagged.get(e164.replace(/\D/g, '').slice(-7)));
  }

  /**
   * The maps as data, for the saved index (saved-index.ts): each contact as `slotOf` its id (a number,
   * so the saved copy does not hold every id a second time); `restore` takes them back with `idAt`.
   */
  state(slotOf: (id: string) => number | undefined): Fields {
    const bySlot = (map: Map<string, Ids>) =>
      new MapEntries(map.size, function* () {
        for (const [key, ids] of map) yield [key, typeof ids === 'string' ? slotIn(slotOf, ids) : ids.map((id) => slotIn(slotOf, id))];
      });
    return { byNumber: bySlot(this.byNumber), flagged: bySlot(this.flagged) };
  }

  /** a step at a time (a generator the caller runs in slices) */
  static *restore(state: Fields, idAt: (slot: number) => string | undefined): Generator<void, NumberBook> {
    const book = new NumberBook();
    assignFields(book, state);
    let step = 0;
    for (const map of [book.byNumber, book.flagged] as Array<Map<string, unknown>>)
      for (const [key, slots] of map) {
        map.set(key, Array.isArray(slots) ? slots.map((n) => idIn(idAt, n)) : idIn(idAt, slots));
        if (++step % 4096 === 0) yield;
      }
    return book;
  }

  /** every number more than one contact keeps, with its contacts */
  *shared(): Generator<[string, readonly string[]]> {
    for (const [e164, ids] of this.byNumber) if (typeof ids !== 'string') yield [e164, ids];
  }
}
