import { TIER } from './tiers';

/**
 * Digit trigram "000".."999" (as a number) → the slots whose numbers contain it, in typed arrays.
 * Each entry is `slot * 8 + tier`: the tier a query of just those three digits gets (from their first
 * occurrence), so a three-digit query touches no strings. Longer queries verify each candidate
 * against the contact's digits. A list may hold removed contacts (skipped, then dropped by `purge`).
 */
export class DigitTrigrams {
  private lists: Int32Array[] = Array.from({ length: 1000 }, () => new Int32Array(8));
  private lengths = new Int32Array(1000);

  /** A contact's numbers (digits only), in the order its digit text joins them. */
  add(slot: number, numbers: readonly string[]) {
    for (const digits of numbers) {
      for (let i = 0; i + 3 <= digits.length; i++) {
        const g = gram(digits, i);
        let list = this.lists[g]!;
        const length = this.lengths[g]!;
        if (length > 0 && list[length - 1]! >> 3 === slot) continue; // not its first occurrence
        if (length === list.length) {
          const grown = new Int32Array(length * 2);
          grown.set(list);
          this.lists[g] = list = grown;
        }
        const tier = numbers.length === 1 && digits.length === 3 ? TIER.exact : i <= 3 ? TIER.prefix : TIER.word;
        list[length] = slot * 8 + tier;
        this.lengths[g] = length + 1;
      }
    }
  }

  /** The trigram of `digits` (three or more) held by the fewest slots. */
  rarest(digits: string): number {
    let best = -1;
    for (let i = 0; i + 3 <= digits.length; i++) {
      const g = gram(digits, i);
      if (best < 0 || this.lengths[g]! < this.lengths[best]!) best = g;
    }
    return best;
  }

  list(g: number): Int32Array {
    return this.lists[g]!;
  }

  count(g: number): number {
    return this.lengths[g]!;
  }

  purge(live: (slot: number) => boolean) {
    for (let g = 0; g < 1000; g++) {
      const list = this.lists[g]!;
      let kept = 0;
      for (let i = 0; i < this.lengths[g]!; i++) if (live(list[i]! >> 3)) list[kept++] = list[i]!;
      this.lengths[g] = kept;
      if (list.length > 64 && kept * 4 < list.length) this.lists[g] = list.slice(0, Math.max(8, kept * 2));
    }
  }
}

function gram(digits: string, i: number): number {
  return (digits.charCodeAt(i) - 48) * 100 + (digits.charCodeAt(i + 1) - 48) * 10 + (digits.charCodeAt(i + 2) - 48);
}
