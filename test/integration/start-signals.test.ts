import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `npm start` as a user runs it, stopped with a signal to the process npm runs as (issue 17):
 * SIGTERM (`kill <pid>`) or SIGINT must end everything it started — the start script, the preview
 * server with its simulator, and the browser with its helper processes — and the address must stop
 * answering. npm hands the signal to the `sh -c` it runs the script in; that shell died of it without
 * passing it on, and everything below it kept running and serving.
 *
 * The browser is Chromium in headless mode where /usr/bin/chromium exists (its ~8 processes, as a
 * user would have them), else a stand-in with two helper processes. Electron is made unavailable
 * (ELECTRON_OVERRIDE_DIST_PATH to a missing folder), so `npm start` builds and opens the preview.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

interface Proc {
  ppid: number;
  /** start time in clock ticks since boot: tells a pid reused meanwhile from the process we saw */
  start: string;
  state: string;
}

/** Every process now, from /proc. */
function processTable(): Map<number, Proc> {
  const table = new Map<number, Proc>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // after "pid (comm) ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime priority nice num_threads itrealvalue starttime
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { state: fields[0]!, ppid: Number(fields[1]), start: fields[19]! });
    } catch {
      // ended while we looked
    }
  }
  return table;
}

/** Pids whose chain of parents leads to `ancestor`. */
function descendantsOf(ancestor: number, table: Map<number, Proc>): number[] {
  const found: number[] = [];
  for (const pid of table.keys()) {
    for (let at = table.get(pid)?.ppid, hops = 0; at && hops < 64; at = table.get(at)?.ppid, hops++) {
      if (at === ancestor) {
        found.push(pid);
        break;
      }
    }
  }
  return found;
}

/** Pids carrying `marker` in their environment: what we started, even once it has left the tree (re-parented). */
function carrying(marker: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`).includes(marker)) found.push(Number(name));
    } catch {
      // ended, or not ours to read
    }
  }
  return found;
}

const cmdline = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
};

/** Still running: the same process (same start time), not a zombie waiting to be reaped. */
function alive(pid: number, seen: Proc): boolean {
  const now = processTable().get(pid);
  return now !== undefined && now.start === seen.start && now.state !== 'Z';
}

const answers = (origin: string) =>
  fetch(origin, { signal: AbortSignal.timeout(1000) }).then(
    (res) => res.status,
    () => null,
  );

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number, output: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}; output:\n${output()}`);
}

/** The environment a user's terminal would give npm: none of the test runner's own variables. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|NODE_ENV$|TEST$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

describe.skipIf(process.platform !== 'linux')('npm start, stopped with a signal to npm', () => {
  // SIGTERM and SIGINT as `kill` sends them to npm; SIGKILL (nothing can pass it on) to npm, then to the
  // start script: what is left behind must notice that whoever started it is gone, and stop.
  const cases = [
    { signal: 'SIGTERM', target: 'npm' },
    { signal: 'SIGINT', target: 'npm' },
    { signal: 'SIGKILL', target: 'npm' },
    { signal: 'SIGKILL', target: 'the start script' },
  ] as const;
  for (const { signal, target } of cases) {
    it(`${signal} to ${target === 'npm' ? "npm's process" : 'the start script'} ends the preview server, the start script and the browser, within seconds`, async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-start-signals-'));
      const marker = `FEATHER_START_SIGNALS_TEST=${randomBytes(8).toString('hex')}`;
      const real = existsSync(CHROMIUM);
      const browser = path.join(dir, 'browser.sh');
      await writeFile(
        browser,
        real
          ? `#!/bin/sh\nexec ${CHROMIUM} --headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync "$@"\n`
          : '#!/bin/sh\n# no Chromium here: a stand-in browser with helper processes of its own\nsleep 300 & sleep 300 & wait\n',
      );
      await chmod(browser, 0o755);
      const dataDir = path.join(dir, 'data');
      const npm = spawn('npm', ['start'], {
        cwd: root,
        env: userEnv({
          [marker.split('=')[0]!]: marker.split('=')[1]!,
          ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'no-electron-here'),
          // the browser's own settings and crash reports stay in the test's folder too
          XDG_CONFIG_HOME: path.join(dir, 'config'),
          FEATHER_USER_DATA_DIR: dataDir,
          FEATHER_KEYCHAIN_SERVICE: `feather-start-signals-test-${process.pid}`,
          BROWSER: browser,
          DISPLAY: ':99', // the preview opens a browser only where there is a display; headless Chromium needs none
          NO_BROWSER: '',
          PORT: '',
          npm_config_update_notifier: 'false',
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      npm.stdout.on('data', (chunk) => (output += chunk));
      npm.stderr.on('data', (chunk) => (output += chunk));
      const npmExited = new Promise<void>((resolve) => npm.on('exit', () => resolve()));
      const seen = new Map<number, Proc>();
      const record = () => {
        const table = processTable();
        for (const pid of [...descendantsOf(npm.pid!, table), ...carrying(marker)]) {
          const proc = table.get(pid);
          if (proc && !seen.has(pid)) seen.set(pid, proc);
        }
      };
      try {
        // `npm start` builds first: give it time
        await until(
          () => /http:\/\/127\.0\.0\.1:\d+\/#token=/.test(output),
          'the preview address',
          90_000,
          () => output,
        );
        const origin = /(http:\/\/127\.0\.0\.1:\d+)\/#token=/.exec(output)![1]!;
        expect(await answers(origin)).toBe(200);
        const profile = path.join(dataDir, 'preview-browser');
        if (real) {
          // the browser has loaded the app: its first call to the core removed the opener file
          await until(
            async () => {
              record();
              const names = await readdir(profile).catch(() => ['open-']);
              return !names.some((n) => n.startsWith('open-'));
            },
            'the browser to load the app',
            30_000,
            () => output,
          );
        }
        await until(
          () => {
            record();
            return [...seen.keys()].filter((pid) => /chromium|sleep 300/.test(cmdline(pid))).length >= (real ? 4 : 2);
          },
          "the browser's processes",
          15_000,
          () => output,
        );
        record();
        const commands = [...seen.keys()].map(cmdline);
        expect(commands.some((c) => c.includes('scripts/start.mjs'))).toBe(true);
        expect(commands.some((c) => c.includes('dist/preview/cli.js'))).toBe(true);

        const victim = target === 'npm' ? npm.pid! : [...seen.keys()].find((pid) => /^node scripts\/start\.mjs/.test(cmdline(pid)))!;
        expect(victim).toBeGreaterThan(0);
        process.kill(victim, signal);
        const sent = Date.now();
        const survivors = () => [...seen].filter(([pid, proc]) => alive(pid, proc)).map(([pid]) => pid);
        await until(
          async () => survivors().length === 0 && carrying(marker).length === 0 && (await answers(origin)) === null,
          `everything to end after ${signal} to ${target}`,
          6_000,
          () =>
            `${output}\nstill running:\n${[...new Set([...survivors(), ...carrying(marker)])].map((pid) => `${pid} ${cmdline(pid)}`).join('\n')}`,
        );
        await npmExited;
        const kinds = new Map<string, number>();
        for (const command of commands.filter(Boolean)) {
          const kind = command.replace(/ --.*$/, '').replace(/^\S*\//, '');
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        }
        console.log(
          `${signal} to ${target} (pid ${victim}): the ${seen.size} processes npm start had started ` +
            `(${[...kinds].map(([kind, n]) => (n > 1 ? `${kind} ×${n}` : kind)).join(', ')}) ` +
            `all gone and the port closed within ${Date.now() - sent} ms`,
        );
      } finally {
        if (npm.exitCode === null && npm.signalCode === null) npm.kill('SIGKILL');
        for (const pid of new Set([...seen.keys(), ...carrying(marker)])) {
          try {
            if (!seen.has(pid) || alive(pid, seen.get(pid)!)) process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        await rm(dir, { recursive: true, force: true });
      }
    }, 150_000);
  }
});
