#!/usr/bin/env node
// `npm start`: the desktop app in Electron. Where no Electron binary can be had (no download
// possible), the same app runs as a browser preview instead, and says so.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { findElectron } from './electron-binary.mjs';

let found = findElectron();
if (!('path' in found) && existsSync('node_modules/electron/install.js')) {
  console.log('Fetching the Electron binary (first start only)…');
  const fetched = spawnSync(process.execPath, ['node_modules/electron/install.js'], { encoding: 'utf8', timeout: 180_000 });
  found = findElectron();
  if (!('path' in found))
    found = {
      reason: `the Electron binary could not be downloaded (${(fetched.stderr || fetched.stdout || '').trim().split('\n')[0] || 'no network'})`,
    };
}
// Nothing secret goes on these command lines: the preview's session token stays inside its process.
const child =
  'path' in found
    ? spawn(found.path, ['dist/electron/main.js', ...process.argv.slice(2)], { stdio: 'inherit' })
    : (console.log(
        `\nElectron cannot run here: ${found.reason}.\nStarting the browser preview instead — the same app and core, in a browser window.`,
      ),
      spawn(process.execPath, ['dist/preview/cli.js'], { stdio: 'inherit' }));
child.on('error', (error) => {
  console.error(`Could not start: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 0)));
// Ctrl+C, `kill` or a closed terminal: pass it on (the preview then closes its browser, server and
// simulator), and make sure the child is gone if it has not ended a few seconds later.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 8000).unref();
  });
}
