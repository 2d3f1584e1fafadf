#!/usr/bin/env node
// A stand-in Electron distribution for packaging offline (the packaging lane, test/packaging/): the
// directory electron-builder's `electronDist` expects for Linux x64, where the `electron` executable is
// not Electron but a small script that refuses to run and carries Electron's fuse wire, so
// electron-builder's fuse step (`electronFuses`, @electron/fuses) finds and flips it as in a real binary.
// It checks what we ship around Electron, not Electron itself: nothing here can start the app.
//
//   node scripts/electron-standin.mjs <dir>     (makes <dir>, replacing what is there)
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Electron's fuse sentinel and wire (electron/electron `build/fuses/build.py`, @electron/fuses
 * `constants.ts`): the sentinel, one byte for the wire version, one byte for the number of fuses,
 * then one ASCII byte per fuse ('0' off, '1' on, 'r' removed).
 */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_WIRE_VERSION = 1;

/**
 * Electron's defaults (`build/fuses/fuses.json5`), in wire order (@electron/fuses `FuseV1Options`).
 * A real Electron 41 may carry more fuses after these; @electron/fuses 1.8 (electron-builder's) knows these 8.
 */
export const DEFAULT_FUSES = [
  ['RunAsNode', '1'],
  ['EnableCookieEncryption', '0'],
  ['EnableNodeOptionsEnvironmentVariable', '1'],
  ['EnableNodeCliInspectArguments', '1'],
  ['EnableEmbeddedAsarIntegrityValidation', '0'],
  ['OnlyLoadAppFromAsar', '0'],
  ['LoadBrowserProcessSpecificV8Snapshot', '0'],
  ['GrantFileProtocolExtraPrivileges', '1'],
];

/** The bytes of the fuse wire: sentinel, version, length, one '0'/'1' per fuse. */
export function fuseWire(fuses = DEFAULT_FUSES) {
  return Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([FUSE_WIRE_VERSION, fuses.length]),
    Buffer.from(fuses.map(([, state]) => state).join(''), 'latin1'),
  ]);
}

/**
 * Makes the stand-in distribution in `dir` (Linux x64 layout of electron-v*-linux-x64.zip, reduced to what
 * electron-builder touches): `electron` (renamed to the app's executableName, fuses flipped), `resources/`
 * (where app.asar goes; no default_app.asar, which electron-builder would keep from a custom dist),
 * `locales/en-US.pak` (so an `electronLanguages` setting has something to keep), and the licence files that
 * electron-builder moves (`LICENSE` → `LICENSE.electron.txt`). Returns `dir`.
 */
export function makeElectronStandin(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  mkdirSync(path.join(dir, 'locales'), { recursive: true });
  const script = Buffer.from(
    '#!/bin/sh\n' +
      '# Stand-in for Electron (scripts/electron-standin.mjs): carries the fuse wire for packaging tests, runs nothing.\n' +
      'echo "This is a packaging stand-in, not Electron: it cannot run the app." >&2\n' +
      'exit 1\n' +
      '# fuse wire: ',
    'latin1',
  );
  const executable = path.join(dir, 'electron');
  writeFileSync(executable, Buffer.concat([script, fuseWire(), Buffer.from('\n', 'latin1')]));
  chmodSync(executable, 0o755);
  writeFileSync(path.join(dir, 'locales', 'en-US.pak'), 'stand-in locale\n');
  writeFileSync(path.join(dir, 'LICENSE'), 'Stand-in for the Electron licence file (packaging test only).\n');
  writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<!-- stand-in for the Chromium licences (packaging test only) -->\n');
  return dir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/electron-standin.mjs <dir>');
    process.exit(2);
  }
  makeElectronStandin(path.resolve(dir));
  console.log(`made a stand-in Electron distribution (Linux x64, fuse wire v${FUSE_WIRE_VERSION}) in ${dir}`);
}
