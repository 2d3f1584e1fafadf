import { fold, hasCjk } from '../../../shared/contacts/fold';
import { ContactSlots } from './search/contact-slots';
import { DigitTrigrams } from './search/digit-trigrams';
import { ContactTerms, type IndexedFields } from './search/contact-terms';
import { NameOrder } from './search/name-order';
import { planQuery } from './search/query-plan';
import { QueryMatcher } from './search/query-matcher';
import { ShortPrefixes } from './search/short-prefixes';
import { Vocabulary } from './search/vocabulary';
import { assignFields, fieldsOf, type Fields } from './search/own-fields';
import { SavedTexts, TextList } from './search/saved-texts';
export type { IndexedFields } from './search/contact-terms';
export { planQuery, withinOneEdit } from './search/query-plan';
export { TIER } from './search/tiers';
export type SortOrder = 'name' | 'recent' | 'frequent';
export interface SearchOptions {
  sort?: SortOrder;
  favoritesOnly?: boolean;
  /** every listed tag must be present (folded comparison) */
  tags?: string[];
}

/** a contact's fields, with the caller's row for it (kept until the contact is removed or replaced) */
export type WithRow<Row> = IndexedFields & { row?: Row };
const RECENT_MS = 14 * 24 * 3600 * 1000;
/** contacts added by upsertMany are sorted into a run of the name order once this many wait (a few ms) */
const SORT_AFTER = 4096;
const EMPTY: string[] = [];
/** a purge runs once removed contacts are this many, and a quarter of those indexed */
const PURGE_AFTER = 1024;
/** the index's own fields that are not saved: its parts (saved as parts), the clock, scratch and caches rebuilt on use */
const NOT_SAVED = [
  'savedRows',
  'now',
  'slots',
  'names',
  'vocabulary',
  'terms',
  'trigrams',
  'matcher',
  'shortPrefixes',
  'inBatch',
  'orderedCache',
];
/** ids are saved once, as the id map's keys: the slots' and the name order's lists are made from it */
const IDS = ['ids'];
/** contacts per step of a restore */
const STEP = 4096;
/** the short-prefix counts' references to the other parts */
const PREFIX_REFS = ['slots', 'vocabulary', 'names'];

/** The index as data, part by part (the saved copy: ../saved-index.ts). */
export type IndexState = Record<'index' | 'slots' | 'names' | 'vocabulary' | 'trigrams' | 'shortPrefixes', Fields>;

/**
 * An in-memory contact search index, updated incrementally (one edit never rebuilds it). Each
 * contact has a slot (./search/contact-slots.ts); a word's postings say which slots have it and in
 * what role (./search/vocabulary.ts), so a prefix range is scanned without string work; digits go
 * through trigrams; a typo through the words' one-deletion neighbourhood; the name order settles
 * before a query reads it (./search/name-order.ts); queries run in ./search/query-matcher.ts.
 * A removal only marks the slot: its entries are skipped until a purge drops many at once.
 *
 * `Row`: what the caller keeps per contact (the service: its list row), given with the fields and
 * read back by id (`row`): one id → slot map serves both (a second map of 100k ids cost the start-up
 * load ~80 ms and a few MB).
 */
export class ContactIndex<Row = never> {
  private byId = new Map<string, number>();
  /** per slot: the caller's row for the contact there */
  private rows: Array<Row | undefined> = [];
  /** per slot, after a restore: the row as saved (JSON), parsed into `rows` when first asked for */
  private savedRows: SavedTexts | null = null;
  private slots = new ContactSlots();
  private names = new NameOrder();
  private vocabulary = new Vocabulary();
  private terms = new ContactTerms(this.vocabulary);
  private trigrams = new DigitTrigrams();
  private matcher = new QueryMatcher(this.slots, this.vocabulary, this.trigrams, this.names);
  private shortPrefixes = new ShortPrefixes(this.slots, this.vocabulary, this.names);
  private tagNames = new Map<string, string[]>(); // one folded list per distinct single tag
  private inBatch = false;
  /** the no-query order per sort, rebuilt only after a change */
  private orderedCache = new Map<string, string[]>();

  constructor(private readonly now: () => number = Date.now) {}

  get size() {
    return this.byId.size;
  }

  /** where a contact is kept (the saved index refers to contacts by it), and back */
  slotOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  idAt(slot: number): string | undefined {
    return this.slots.ids[slot];
  }
  /** Everything the index holds, as data: a copy restored with `restore` answers every query as this one does. */
  state(): IndexState {
    this.names.settle();
    const { rows, savedRows } = this;
    return {
      index: {
        ...fieldsOf(this, NOT_SAVED),
        // every slot's: a restored index holds most rows still as saved, past the end of `rows`
        rows: new TextList(this.slots.count, (n) => (rows[n] !== undefined ? JSON.stringify(rows[n]) : savedRows?.text(n))),
      },
      slots: fieldsOf(this.slots, IDS),
      names: fieldsOf(this.names, IDS),
      vocabulary: fieldsOf(this.vocabulary),
      trigrams: fieldsOf(this.trigrams),
      shortPrefixes: fieldsOf(this.shortPrefixes, PREFIX_REFS),
    };
  }

  /**
   * The index `state` was taken from, made again a step at a time (a generator the caller runs in
   * slices: each step is ~4k contacts); throws when the state does not fit this build's parts.
   */
  static *restore<Row>(state: IndexState, now?: () => number): Generator<void, ContactIndex<Row>> {
    const index = new ContactIndex<Row>(now);
    const { rows, ...fields } = state.index;
    if (!(rows instanceof SavedTexts)) throw new Error('the saved rows are not text');
    assignFields(index, { ...fields, rows: [] }, NOT_SAVED);
    index.savedRows = rows;
    assignFields(index.slots, state.slots, IDS);
    assignFields(index.names, state.names, IDS);
    assignFields(index.vocabulary, state.vocabulary);
    assignFields(index.trigrams, state.trigrams);
    assignFields(index.shortPrefixes, state.shortPrefixes, PREFIX_REFS);
    // ids are saved once, as the id map's keys: the slots' and the name order's lists share them
    const { ids, live, count } = index.slots;
    const nameIds = index.names.ids;
    let step = 0;
    for (const [id, n] of index.byId) {
      if (typeof id !== 'string' || !Number.isInteger(n) || n < 0 || n >= count || live[n] !== 1 || ids[n] !== undefined)
        throw new Error('the saved id map does not fit the slots');
      ids[n] = id;
      nameIds[n] = id;
      if (++step % STEP === 0) yield;
    }
    for (let n = 0; n < count; n++) if (live[n] === 1 && ids[n] === undefined) throw new Error('a saved slot has no id');
    return index;
  }

  /** the caller's row for this contact, if it is indexed */
  row(id: string): Row | undefined {
    const n = this.byId.get(id);
    return n === undefined ? undefined : (this.rows[n] ?? this.savedRow(n));
  }

  private savedRow(n: number): Row | undefined {
    const text = this.savedRows?.text(n);
    if (text === undefined) return undefined;
    this.savedRows!.forget(n);
    return (this.rows[n] = JSON.parse(text) as Row);
  }

  upsert(fields: WithRow<Row>) {
    this.insert(fields);
    this.maybePurge();
  }

  /** Many at once (start-up in slices, imports): new words are sorted in once, the name order at the next query. */
  upsertMany(list: Iterable<WithRow<Row>>) {
    this.inBatch = true;
    this.vocabulary.beginBatch();
    this.terms.beginBatch();
    try {
      for (const fields of list) this.insert(fields);
    } finally {
      this.terms.endBatch();
      this.vocabulary.endBatch();
      this.inBatch = false;
    }
    // Many added in slices (the start-up load, an import): each slice's are sorted in the slice, not all
    // at the next query (100k at once held main ~270 ms); the query merges the few sorted runs left.
    if (this.names.waiting >= SORT_AFTER) this.names.sortAdded();
    this.maybePurge();
  }

  /** A step (~1–3 ms) of the name order's merging after many were added; true while more remains (see NameOrder.tidy). */
  tidy(): boolean {
    return this.names.tidy();
  }

  remove(id: string) {
    const n = this.byId.get(id);
    if (n === undefined) return;
    this.orderedCache.clear();
    this.byId.delete(id);
    this.rows[n] = undefined;
    this.savedRows?.forget(n);
    const start = this.slots.tokenStart[n]!;
    this.shortPrefixes.count(n, this.slots.tokenPool, start, start + this.slots.tokenCount[n]!, '', -1);
    this.names.remove(n);
    this.slots.release(n);
    this.maybePurge();
  }

  /** Contact ids, best match first (or in the chosen order when the query is empty). */
  search(query: string, options: SearchOptions = {}): string[] {
    return this.find(query, options).ids;
  }

  /**
   * The first `need` ids in order and the total number of matches. Matching is linear in the
   * most selective part's postings; only the ids a screen can show are put in order.
   */
  find(query: string, options: SearchOptions = {}, need = Infinity): { total: number; ids: string[] } {
    this.names.settle();
    const order = this.names.order;
    const plan = planQuery(query);
    const keep = this.filter(options);
    if (plan.length === 0 && (options.sort ?? 'name') === 'name' && !keep) {
      // the whole book in name order: nothing to compute
      const ids: string[] = [];
      for (let i = 0; i < order.length && i < need; i++) ids.push(this.slots.ids[order[i]!]!);
      return { total: order.length, ids };
    }
    if (plan.length === 0) {
      const key = `${options.sort ?? 'name'}|${options.favoritesOnly ? 1 : 0}|${(options.tags ?? []).join(',')}`;
      let ids = this.orderedCache.get(key);
      if (!ids) this.orderedCache.set(key, (ids = this.ordered(options.sort ?? 'name', keep)));
      return { total: ids.length, ids: need < ids.length ? ids.slice(0, need) : ids };
    }
    const recentSince = this.now() - RECENT_MS;
    if (plan.length === 1 && plan[0]!.kind === 'text' && !keep) {
      const found = this.shortPrefixes.find(plan[0]!.text, need, recentSince);
      if (found) return found;
    }
    return this.matcher.run(plan, keep, need, recentSince);
  }

  private filter(options: SearchOptions): ((n: number) => boolean) | null {
    const tags = (options.tags ?? []).map(fold);
    if (!options.favoritesOnly && tags.length === 0) return null;
    const { staticBoost, tagLists } = this.slots;
    return (n) => (!options.favoritesOnly || (staticBoost[n]! & 2) !== 0) && tags.every((t) => tagLists[n]!.includes(t));
  }

  private ordered(sort: SortOrder, keep: ((n: number) => boolean) | null): string[] {
    const order = this.names.order;
    const all = keep ? order.filter((n) => keep(n)) : order;
    const ids = this.slots.ids;
    if (sort === 'name') return all.map((n) => ids[n]!);
    // Recent/frequent: the called few first, then everyone else in name order.
    const values = sort === 'recent' ? this.slots.lastCalledAt : this.slots.callCounts;
    const called = all.filter((n) => values[n]! > 0).sort((a, b) => values[b]! - values[a]!);
    const rest = all.filter((n) => values[n]! <= 0);
    return [...called, ...rest].map((n) => ids[n]!);
  }

  /** Indexes one contact in a new slot (its old version, if any, removed). */
  private insert(fields: WithRow<Row>) {
    if (this.byId.has(fields.id)) this.remove(fields.id);
    if (this.orderedCache.size > 0) this.orderedCache.clear(); // clear() allocates a new table even when empty
    const folded = fold(fields.name);
    const terms = this.terms;
    terms.read(fields, folded);
    const slots = this.slots;
    const n = slots.take(fields.id);
    this.byId.set(fields.id, n);
    this.rows[n] = fields.row;
    this.names.add(n, folded, fields.id);
    slots.digitTexts[n] = terms.digits.length === 1 ? terms.digits[0]! : terms.digits.join('|');
    slots.tagLists[n] = fields.tags.length === 0 ? EMPTY : this.foldedTags(fields.tags);
    if (!terms.ascii && hasCjk(folded)) slots.cjk.push(n);
    slots.staticBoost[n] = (fields.favorite ? 2 : 0) + (fields.callCount >= 5 ? 1 : 0);
    slots.lastCalledAt[n] = fields.lastCalledAt ? Date.parse(fields.lastCalledAt) : 0;
    slots.callCounts[n] = fields.callCount;
    slots.setWords(n, terms.wordIds, terms.roles);
    const start = slots.tokenStart[n]!;
    this.shortPrefixes.count(n, slots.tokenPool, start, start + terms.wordIds.length, folded, 1);
    for (let i = 0; i < terms.wordIds.length; i++) this.vocabulary.add(terms.wordIds[i]!, n * 4 + terms.roles[i]!);
    this.trigrams.add(n, terms.digits);
  }

  /** Folded tags; a single tag's list is shared by every contact with it. */
  private foldedTags(tags: string[]): string[] {
    if (tags.length > 1) return tags.map(fold);
    let list = this.tagNames.get(tags[0]!);
    if (!list) this.tagNames.set(tags[0]!, (list = [fold(tags[0]!)]));
    return list;
  }

  /** Once removed contacts are a quarter of those indexed, drops their entries everywhere and frees their slots. */
  private maybePurge() {
    const removed = this.slots.removed.length;
    if (this.inBatch || removed < PURGE_AFTER || removed * 4 < this.byId.size) return;
    this.names.settle(); // no removed slot stays listed
    const live = this.slots.live;
    const isLive = (n: number) => live[n] === 1;
    this.vocabulary.purge(isLive);
    this.trigrams.purge(isLive);
    this.slots.reuseRemoved();
  }
}
