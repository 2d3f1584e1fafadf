#!/usr/bin/env node
// `npm start`: builds, then the desktop app in Electron. Where no Electron binary can be had (no
// download possible), the same app runs as a browser preview instead, and says so.
//
// package.json runs `node scripts/start.mjs --on-windows || exec node scripts/start.mjs`. npm runs a
// script through `sh -c` and hands a signal it gets (`kill`, SIGTERM, SIGINT) to that shell only.
// Debian's sh (dash) does not `exec` the command it runs: it died of SIGTERM, and held SIGINT until its
// command ended, passing neither on, so the preview server and its browser kept running (issue 17).
// With `exec` the shell becomes this script, and npm's signal reaches us. On Linux and macOS the first
// part exits at once and the shell goes on to `exec` (with any `npm start -- …` arguments); Windows'
// cmd.exe has no `exec` and no signals to pass on, so there the first part is the start itself.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { findElectron } from './electron-binary.mjs';

if (process.argv[2] === '--on-windows') {
  if (process.platform !== 'win32') process.exit(1);
  process.argv.splice(2, 1);
}

const codeOf = (code, signal) => code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 0);
/** The child working now (the build, the Electron download, then the app), and the signal that stops us. */
let current;
let stoppedBy;

/**
 * Runs a child; resolves with its exit code and what went wrong: its first line of output (stderr
 * first) when `capture`, else it has the terminal and only a failure to start it is told.
 */
function run(command, args, { capture = false, shell = false, timeoutMs } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', shell });
    current = child;
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    const timer = timeoutMs ? setTimeout(() => child.kill(), timeoutMs) : undefined;
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: 1, failure: error.message });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: codeOf(code, signal), failure: (stderr || stdout).trim().split('\n')[0] });
    });
  });
}

// Ctrl+C, `kill` or a closed terminal: pass it on (the preview then closes its browser, server and
// simulator), and make sure the child is gone if it has not ended a few seconds later.
function stop(signal) {
  stoppedBy ??= signal;
  const child = current;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 8000).unref();
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));

// And if whoever started us is gone without a word (npm killed with SIGKILL, or a shell in between
// that died of a signal), stop as if sent SIGTERM. An orphan is re-parented (its ppid changes); on
// Windows, where the ppid stays, ask whether that process still exists.
const parent = process.ppid;
function parentGone() {
  if (process.ppid !== parent) return true;
  try {
    process.kill(parent, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH';
  }
}
const watch = setInterval(() => {
  if (!parentGone()) return;
  clearInterval(watch);
  stop('SIGTERM');
}, 200);
watch.unref();

/** Exits now if a signal asked us to stop while a step ran. */
const stopIfAsked = () => stoppedBy && process.exit(128 + (constants.signals[stoppedBy] ?? 0));

// The build, with the package manager that ran us (npm sets npm_execpath; so do pnpm and yarn).
const manager = process.env.npm_execpath;
const build = /\.[cm]?js$/.test(manager ?? '')
  ? await run(process.execPath, [manager, 'run', 'build'])
  : await run('npm', ['run', 'build'], { shell: process.platform === 'win32' });
stopIfAsked();
if (build.failure) console.error(`Could not build: ${build.failure}`);
if (build.code !== 0) process.exit(build.code);

let found = findElectron();
// With ELECTRON_OVERRIDE_DIST_PATH set, that folder decides: a download could not change the answer.
if (!('path' in found) && !process.env.ELECTRON_OVERRIDE_DIST_PATH && existsSync('node_modules/electron/install.js')) {
  console.log('Fetching the Electron binary (first start only)…');
  const fetched = await run(process.execPath, ['node_modules/electron/install.js'], { capture: true, timeoutMs: 180_000 });
  stopIfAsked();
  found = findElectron();
  if (!('path' in found))
    found = {
      reason: `the Electron binary could not be downloaded (${fetched.failure || 'no network'})`,
    };
}
// Nothing secret goes on these command lines: the preview's session token stays inside its process.
if (!('path' in found))
  console.log(
    `\nElectron cannot run here: ${found.reason}.\nStarting the browser preview instead — the same app and core, in a browser window.`,
  );
const app =
  'path' in found
    ? await run(found.path, ['dist/electron/main.js', ...process.argv.slice(2)])
    : await run(process.execPath, ['dist/preview/cli.js']);
if (app.failure) console.error(`Could not start: ${app.failure}`);
process.exit(app.code);
