import type { ContactSlots } from './contact-slots';
import type { NameOrder } from './name-order';
import { TIER } from './tiers';

/**
 * The folded names written in CJK scripts, which are not split into words: a query word is found
 * anywhere in them. They are kept joined in one text, so a query is a few `indexOf` calls over it
 * rather than a substring test per name; the text is rebuilt after changes, at the next CJK query.
 */
export class CjkNames {
  private text = '';
  /** where each name starts in `text`, and its slot */
  private starts = new Int32Array(0);
  private lengths = new Int32Array(0);
  private slotsAt: number[] = [];
  private builtFor = -1;

  constructor(
    private readonly slots: ContactSlots,
    private readonly names: NameOrder,
  ) {}

  /** How many CJK names there are (removed ones included until a purge). */
  get count() {
    return this.slots.cjk.length;
  }

  /**
   * Each name holding `token` (a word: no separator), once, with its tier: the whole name, its
   * start, or inside it. `names` is settled.
   */
  match(token: string, visit: (slot: number, tier: number) => void) {
    if (this.builtFor !== this.names.version) this.build();
    const { text, starts, lengths } = this;
    for (let at = text.indexOf(token); at >= 0;) {
      // the name this occurrence is in: the last start at or before it
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! <= at) lo = mid + 1;
        else hi = mid;
      }
      const i = lo - 1;
      const start = starts[i]!;
      const tier = at > start ? TIER.word : lengths[i] === token.length ? TIER.exact : TIER.prefix;
      visit(this.slotsAt[i]!, tier);
      at = text.indexOf(token, start + lengths[i]! + 1); // the first occurrence decides; on to the next name
    }
  }

  private build() {
    const rank = this.names.rank;
    const names = this.names.names;
    this.slotsAt = this.slots.cjk.filter((n) => rank[n]! >= 0);
    this.starts = new Int32Array(this.slotsAt.length);
    this.lengths = new Int32Array(this.slotsAt.length);
    const parts: string[] = [];
    let at = 0;
    this.slotsAt.forEach((n, i) => {
      const name = names[n]!;
      this.starts[i] = at;
      this.lengths[i] = name.length;
      parts.push(name);
      at += name.length + 1;
    });
    this.text = parts.join('\u0001');
    this.builtFor = this.names.version;
  }
}
