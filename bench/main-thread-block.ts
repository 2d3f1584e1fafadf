import { closeSync, openSync, readSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * How long the main thread was held at a stretch, measured two ways between the ticks of a 2 ms timer:
 * - `wall`: how late the timer ran (bench/figures.ts blockMeter): what a user waits, but on a loaded
 *   machine it also counts the time the thread was ready and the OS ran something else;
 * - `cpu`: the CPU time the main thread itself used between two ticks, from Linux's per-thread
 *   scheduler statistics (/proc/self/task/<main thread>/schedstat, nanoseconds): the work that held
 *   the loop, whatever the load. null where there is no such file (macOS, Windows).
 */
export function mainThreadBlockMeter(intervalMs = 2) {
  const file = `/proc/self/task/${process.pid}/schedstat`;
  // opened once and read in place: an open, read and close every tick was the meter's own work on the thread it measures
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
  } catch {
    // not Linux
  }
  const buffer = Buffer.alloc(128);
  const cpuMs = (): number | null => {
    if (fd === null) return null;
    try {
      const n = readSync(fd, buffer, 0, buffer.length, 0);
      return Number(buffer.toString('latin1', 0, n).split(' ')[0]) / 1e6;
    } catch {
      return null;
    }
  };
  let wall = 0;
  let cpu: number | null = cpuMs() === null ? null : 0;
  let lastAt = performance.now();
  let lastCpu = cpuMs();
  const timer = setInterval(() => {
    const now = performance.now();
    const used = cpuMs();
    wall = Math.max(wall, now - lastAt - intervalMs);
    if (cpu !== null && used !== null && lastCpu !== null) cpu = Math.max(cpu, used - lastCpu);
    lastAt = now;
    lastCpu = used;
  }, intervalMs);
  return {
    /** the worst so far, and starts over */
    take() {
      const worst = { wall: Math.max(0, wall), cpu };
      wall = 0;
      cpu = cpu === null ? null : 0;
      return worst;
    },
    stop() {
      clearInterval(timer);
      if (fd !== null) closeSync(fd);
      fd = null;
      return { wall: Math.max(0, wall), cpu };
    },
  };
}
