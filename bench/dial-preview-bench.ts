import { ratioOf } from './figures';
import { benchWindow } from './window-bench';

/**
 * `npm run bench:dial`: the window's part of the bench alone (bench/window-bench.ts) — the contact list's
 * first paint, a keypress in To → main's plan on the card, Enter → POST, and how soon the window hears
 * back after Feather's answer, each next to its floor. `-- --quick` for fewer iterations.
 */
const result = await benchWindow({ quick: process.argv.includes('--quick') });
console.log(`\nWindow — ${result.on}`);
console.table(
  result.figures.map((f) => ({
    figure: f.what,
    ours: `${f.ours} ${f.unit}`,
    floor: f.floor === null ? '—' : `${f.floor} ${f.unit} (${f.floorIs})`,
    ratio: ratioOf(f) ?? '—',
    goal: f.goal?.text ?? '—',
  })),
);
console.log(JSON.stringify(result));
process.exit(0);
