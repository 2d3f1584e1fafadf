import fs from 'node:fs';
import path from 'node:path';
import { PersistedStateSchema, type PersistedState } from './sim-state';

/**
 * The simulator's state file, so demo mode's calls, idempotency keys and pauses survive a
 * restart. Read once at start: a missing file is a fresh start; a damaged one (not JSON, or not
 * the schema) is moved aside as `<name>.corrupt-<time>.json` (kept, never deleted), with a
 * warning, and the simulator starts empty — never a crash. Written after changes, debounced,
 * from a timer (never while a request is answered), atomically: a temp file, then a rename.
 */

export async function loadStateFile(file: string, now: () => number = Date.now): Promise<PersistedState | null> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`could not read ${file}, starting empty`, error);
    return null;
  }
  let parsed: ReturnType<typeof PersistedStateSchema.safeParse>;
  try {
    parsed = PersistedStateSchema.safeParse(JSON.parse(text));
  } catch (error) {
    moveAside(file, now, 'it is not JSON', error);
    return null;
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    moveAside(file, now, `it does not match the simulator's state (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'schema'})`);
    return null;
  }
  return parsed.data;
}

function moveAside(file: string, now: () => number, why: string, error?: unknown) {
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const aside = `${file.replace(/\.json$/, '')}.corrupt-${stamp}.json`;
  try {
    fs.renameSync(file, aside);
    warn(`ignored ${file}: ${why}; kept it as ${aside} and started empty`, error);
  } catch (renameError) {
    warn(`ignored ${file}: ${why}; could not move it aside, started empty`, renameError);
  }
}

function warn(message: string, error?: unknown) {
  const detail = error instanceof Error ? ` (${error.message})` : '';
  console.warn(`[simulator] ${message}${detail}`);
}

export interface StateWriter {
  /** a change happened: write within `delayMs` */
  schedule(): void;
  /** writes now if a change is pending (used when the simulator closes) */
  flush(): void;
}

/**
 * Debounced atomic writes of `snapshot()`. Writes are synchronous but run from a timer (or on
 * close), so no request waits for the disk and two writes never race; a file identical to the
 * last one written is not written again. A failed write is a warning; the next change tries again.
 */
export function createStateWriter(file: string, snapshot: () => PersistedState, delayMs: number): StateWriter {
  let timer: NodeJS.Timeout | undefined;
  let last: string | undefined;
  let counter = 0;
  const write = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    // savedAt changes every time: compare without it
    const { savedAt: _savedAt, ...content } = snapshot();
    const key = JSON.stringify(content);
    if (key === last) return;
    const tmp = `${file}.${process.pid}.${++counter}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(tmp, JSON.stringify({ ...content, savedAt: _savedAt }), { mode: 0o600 });
      fs.renameSync(tmp, file);
      last = key;
    } catch (error) {
      warn(`could not save ${file}`, error);
      fs.rmSync(tmp, { force: true });
    }
  };
  return {
    schedule() {
      timer ??= setTimeout(write, delayMs);
    },
    flush() {
      if (timer) write();
    },
  };
}
