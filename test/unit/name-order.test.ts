import { describe, expect, it } from 'vitest';
import { NameOrder } from '../../electron/core/contacts/search/name-order';

/** a seeded generator, so a failure replays */
function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const ID_STARTS = ['c', 'b', '', 'a\u0000', 'c\u0000'];
const NAMES = ['ann', 'anna', 'bob', 'bo', 'zoë', 'émile', '', 'a\u0000b', 'x', 'mary jane', 'mary'];

describe('the name order', () => {
  it('whatever the batches, removals, merges a step at a time and settles, lists exactly the live slots by name then id, each with its rank', () => {
    for (let seed = 1; seed <= 80; seed++) {
      const next = random(seed);
      // half the seeds merge a few slots per step, so merges are under way when slots come and go
      const small = seed % 2 === 0;
      const order = new NameOrder();
      const live = new Map<number, { name: string; id: string }>();
      let slot = 0;
      const removed = new Set<number>();
      /** after every settle: exactly the live slots in order, each with its rank; removed ones unranked */
      const check = (at: string) => {
        const key = (n: number) => `${live.get(n)!.name}\u0000${live.get(n)!.id}`;
        const expected = [...live.keys()].sort((a, b) => (key(a) < key(b) ? -1 : 1));
        expect(order.order, `seed ${seed}, ${at}`).toEqual(expected);
        // one comparison each (an expect per slot made this test take seconds)
        expect(
          order.order.map((n) => order.rank[n]),
          `seed ${seed}, ${at}: ranks`,
        ).toEqual(order.order.map((_, i) => i));
        const removedRanks = [...removed].map((n) => [n, order.rank[n]]);
        expect(removedRanks, `seed ${seed}, ${at}: removed slots`).toEqual([...removed].map((n) => [n, -1]));
      };
      for (let step = 0; step < 400; step++) {
        const r = next();
        if (r < 0.6) {
          const name = NAMES[Math.floor(next() * NAMES.length)]! + (next() < 0.5 ? String(Math.floor(next() * 50)) : '');
          // ids are unique in the index; the prefix and the number shuffle their order (its first three characters are compared first)
          const id = `${ID_STARTS[Math.floor(next() * ID_STARTS.length)]}${Math.floor(next() * 1000)}-${slot}`;
          order.add(slot, name, id);
          live.set(slot++, { name, id });
        } else if (r < 0.75 && live.size > 0) {
          const keys = [...live.keys()];
          const gone = keys[Math.floor(next() * keys.length)]!;
          order.remove(gone);
          live.delete(gone);
          removed.add(gone);
        } else if (r < 0.8) order.sortAdded(small ? 1 + Math.floor(next() * 8) : undefined);
        else if (r < 0.9) order.tidy(small ? 1 + Math.floor(next() * 8) : undefined);
        else {
          order.settle();
          check(`step ${step}`);
        }
      }
      // tidied to the end, then settled: the same
      while (order.tidy(small ? 3 : undefined));
      order.settle();
      check('the end');
    }
  });
});
