/** Shared by the kill test and its writer child. */

/** mulberry32: a small seeded generator, so a failing run can be replayed from its seed */
export function seeded(seed: number) {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE = Date.parse('2020-01-01T00:00:00Z');
/** the clock of change number `seq`: written into every contact that change touches */
export const stampOf = (seq: number) => new Date(BASE + seq * 1000).toISOString();

export type ChildMessage =
  | { t: 'opening' }
  | { t: 'ready'; size: number; notices: string[] }
  | { t: 'try'; seq: number; ids: string[]; del: boolean; create?: boolean }
  | { t: 'ack'; seq: number; put: Record<string, string>; del: string[] }
  | { t: 'try'; seq: number; import: string; n: number }
  | { t: 'ack'; seq: number; import: string; ids: string[] };
