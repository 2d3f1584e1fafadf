/**
 * One shape for every benchmark figure: what was measured, our value, the floor measured in the same
 * run (a bare library or a bare SQLite read — what the work cannot beat), the ratio, and the goal.
 * Absolute times on our machines vary 2–5× with load, so goals are ratios to a floor; a few are
 * absolute limits (how long the main thread may be held). `npm run bench` prints these and asserts none.
 */
export interface Figure {
  /** e.g. "keystroke p95 at 100k" */
  what: string;
  ours: number;
  unit: 'ms' | 's' | 'MB' | 'kB' | 'count';
  /** the floor's value in the same unit, measured in the same run; null when the goal is absolute */
  floor: number | null;
  /** what the floor is, e.g. "uFuzzy, same keystrokes" */
  floorIs: string;
  /** ours ÷ floor must be ≤ ratioMax (e.g. 0.2 = "5× faster"), and/or ours ≤ limit */
  goal?: { ratioMax?: number; limit?: number; text: string };
}

export interface PartResult {
  part: string;
  /** what the part measured on, e.g. "100,000 contacts" */
  on: string;
  figures: Figure[];
  /** anything else worth keeping in the JSON */
  details?: Record<string, unknown>;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

export function ratioOf(f: Figure): number | null {
  if (f.floor === null) return null;
  return round2(f.ours / Math.max(f.floor, 1e-3));
}

/** null when the figure has no goal */
export function goalMet(f: Figure): boolean | null {
  if (!f.goal) return null;
  const r = ratioOf(f);
  if (f.goal.ratioMax !== undefined && (r === null || r > f.goal.ratioMax)) return false;
  if (f.goal.limit !== undefined && f.ours > f.goal.limit) return false;
  return true;
}

export function pct(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The longest time the event loop could not run a 2 ms timer, between start and stop(). */
export function blockMeter(intervalMs = 2) {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - intervalMs);
    last = now;
  }, intervalMs);
  return {
    reset: () => {
      worst = 0;
      last = performance.now();
    },
    stop: () => {
      clearInterval(timer);
      return Math.max(0, worst);
    },
    get worst() {
      return Math.max(0, worst);
    },
  };
}

/** Peak resident-set growth over a baseline, sampled every 10 ms until stop(). */
export function rssMeter() {
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  return {
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return round2((peak - base) / 1e6);
    },
  };
}
