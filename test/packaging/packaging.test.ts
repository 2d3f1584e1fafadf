/**
 * Packaging lane: what we ship around Electron, not Electron itself.
 *
 * No Electron can be downloaded here, so electron-builder packs `--dir` for Linux x64 against a stand-in
 * distribution (scripts/electron-standin.mjs: an `electron` file that carries Electron's fuse wire and runs
 * nothing), with `npmRebuild: false` (the native modules stay built for Node: their rebuild for Electron is not
 * checked here). Everything else is the real electron-builder.yml and the real `npm run build` output.
 * Checks: the fuses read back as configured; app.asar holds only what runs (and what it holds loads); the
 * protocols and Linux MimeTypes, in the config and in the .desktop entries electron-builder would install.
 */
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { extractAll, getRawHeader } from '@electron/asar';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_FUSES, makeElectronStandin } from '../../scripts/electron-standin.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const at = (...p: string[]) => path.join(root, ...p);
const require = createRequire(import.meta.url);

/** What may be in app.asar, by path (posix, from the archive root), with why it is needed. */
const NATIVE_MODULES = ['better-sqlite3', 'keytar'] as const;
const ALLOWED: Array<[RegExp, string]> = [
  [/^package\.json$/, 'the app manifest (main, type: module)'],
  [/^dist\/electron\/(main\.js|preload\.cjs)$/, 'the main and preload bundles'],
  [/^dist\/electron\/import-worker\.cjs$/, "the import worker's bundle (main reads it and runs it in a worker thread)"],
  [/^dist\/renderer\/(?!\.vite\/).+$/, 'the renderer build'],
  [/^node_modules\/better-sqlite3\/(package\.json|LICENSE|lib\/[\w/-]+\.js|build\/Release\/better_sqlite3\.node)$/, 'contacts database'],
  [/^node_modules\/bindings\/(package\.json|LICENSE\.md|bindings\.js)$/, "better-sqlite3's loader"],
  [/^node_modules\/file-uri-to-path\/(package\.json|LICENSE|index\.js)$/, 'required by bindings'],
  [/^node_modules\/keytar\/(package\.json|LICENSE\.md|lib\/keytar\.js|build\/Release\/keytar\.node)$/, 'OS keychain'],
];
const MAX_ASAR_BYTES = 5 * 1024 * 1024;
const FUSE_ON = '1'.charCodeAt(0);
const FUSE_OFF = '0'.charCodeAt(0);

type Entry = { path: string; size: number; unpacked: boolean };
type HeaderNode = { files?: Record<string, HeaderNode>; size?: number; unpacked?: boolean; link?: string };

const config = parse(readFileSync(at('electron-builder.yml'), 'utf8')) as {
  electronFuses?: Record<string, boolean>;
  protocols?: Array<{ name?: string; schemes?: string[] }> | { name?: string; schemes?: string[] };
  linux?: { executableName?: string; mimeTypes?: string[]; desktop?: { entry?: Record<string, string> } };
  afterPack?: string;
};
const electronVersion = (require('electron/package.json') as { version: string }).version;
const outDir = at('release', 'packaging-lane'); // gitignored (release/)
const appOut = path.join(outDir, 'linux-unpacked');
const asarFile = path.join(appOut, 'resources', 'app.asar');
const executable = path.join(appOut, config.linux?.executableName ?? 'feather-launcher');
const logFile = at('test-results', 'packaging', 'electron-builder.log');

let work = '';
let log = '';
let entries: Entry[] = [];
let packSeconds = 0;
/** Why packing failed, if it did: every test that needs the package then fails with it (a failed beforeAll would
 * only mark them skipped, and npm test's closing line would count a broken package as skipped tests). */
let packError: unknown;
const needsPackage = () =>
  beforeEach(() => {
    if (packError) throw packError;
  });

function walkHeader(node: HeaderNode, prefix: string, out: Entry[]) {
  for (const [name, child] of Object.entries(node.files ?? {})) {
    const p = prefix ? `${prefix}/${name}` : name;
    if (child.files) walkHeader(child, p, out);
    else out.push({ path: p, size: child.size ?? 0, unpacked: child.unpacked === true });
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

beforeAll(async () => {
  try {
    await pack();
  } catch (error) {
    packError = error;
  }
});

async function pack() {
  for (const f of ['dist/electron/main.js', 'dist/electron/import-worker.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(at(f))) throw new Error(`${f} is missing: run \`npm run build\` first (npm run test:packaging does).`);
  }
  // The hook below is passed on the command line; one in the config would be silently replaced by it.
  if (config.afterPack) throw new Error('electron-builder.yml now has an afterPack hook: chain it from test/packaging/after-pack.mjs');
  work = mkdtempSync(path.join(os.tmpdir(), 'feather-packaging-'));
  const standin = makeElectronStandin(path.join(work, 'electron-standin'));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.dirname(logFile), { recursive: true });

  const args = [
    require.resolve('electron-builder/cli.js'),
    '--linux',
    'dir',
    '--x64',
    '--config',
    'electron-builder.yml',
    '--publish',
    'never',
    `-c.electronDist=${standin}`,
    `-c.electronVersion=${electronVersion}`,
    '-c.npmRebuild=false', // would rebuild better-sqlite3 and keytar with Electron's headers: a download
    `-c.directories.output=${path.relative(root, outDir)}`,
    '-c.afterPack=./test/packaging/after-pack.mjs',
  ];
  // Electron and electron-builder's tools would be downloaded from a closed port into an empty cache, so a
  // download fails the lane (rather than hanging, or being served from a warm cache on one machine and not in CI);
  // the log is also checked for any download.
  const nowhere = 'http://127.0.0.1:9/';
  // (and no VITEST variables: electron-builder silences its log when it sees them)
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST'))),
    ELECTRON_BUILDER_CACHE: path.join(work, 'cache'),
    electron_config_cache: path.join(work, 'cache'),
    ELECTRON_MIRROR: nowhere,
    ELECTRON_BUILDER_BINARIES_MIRROR: nowhere,
    FORCE_COLOR: '0',
  };
  const started = Date.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.on('error', reject);
    child.on('close', resolve);
  });
  packSeconds = (Date.now() - started) / 1000;
  writeFileSync(logFile, log);
  if (code !== 0) throw new Error(`electron-builder exited with ${code} (log: ${path.relative(root, logFile)}):\n${log.slice(-4000)}`);

  walkHeader(getRawHeader(asarFile).header as HeaderNode, '', entries);
  entries = entries.sort((a, b) => a.path.localeCompare(b.path));
  const packed = entries.filter((e) => !e.unpacked);
  const unpacked = entries.filter((e) => e.unpacked);
  const largest = [...entries].sort((a, b) => b.size - a.size).slice(0, 8);
  console.log(
    [
      `packaging lane: electron-builder --dir (Linux x64, stand-in Electron ${electronVersion}) in ${packSeconds.toFixed(1)} s`,
      `app.asar: ${mb(statSync(asarFile).size)} (${statSync(asarFile).size} bytes, limit ${mb(MAX_ASAR_BYTES)}), ` +
        `${packed.length} files inside, ${unpacked.length} files in app.asar.unpacked (${mb(unpacked.reduce((s, e) => s + e.size, 0))})`,
      'largest entries:',
      ...largest.map((e) => `  ${kb(e.size).padStart(10)}  ${e.path}${e.unpacked ? '  (unpacked)' : ''}`),
    ].join('\n'),
  );
}

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electron-builder runs offline against the stand-in', () => {
  needsPackage();
  it('packs with the stand-in Electron, skips the native rebuild and downloads nothing', () => {
    expect(log).toContain('using custom unpacked Electron distribution');
    expect(log).toContain('npmRebuild is set to false');
    expect(log).toContain('executing @electron/fuses');
    expect(log).not.toMatch(/download/i);
    expect(existsSync(executable), `${executable}`).toBe(true);
    // electron-builder keeps Electron's licence next to the app (the stand-in has one)
    expect(existsSync(path.join(appOut, 'LICENSE.electron.txt'))).toBe(true);
  });
});

describe('fuses', () => {
  const configured = Object.entries(config.electronFuses ?? {}).filter(([key]) => key !== 'resetAdHocDarwinSignature');
  const optionOf = (key: string) => FuseV1Options[(key[0]!.toUpperCase() + key.slice(1)) as keyof typeof FuseV1Options];

  it('every electronFuses key in electron-builder.yml is a fuse @electron/fuses knows', () => {
    expect(configured.length).toBeGreaterThan(0);
    for (const [key] of configured) expect(optionOf(key), `electronFuses.${key}`).toBeTypeOf('number');
  });

  describe('in the packed executable', () => {
    needsPackage();

    it('read back from the packed executable exactly as configured (the others as Electron ships them)', async () => {
      const wire = (await getCurrentFuseWire(executable)) as unknown as Record<string, number | string>;
      expect(wire.version).toBe('1');
      const want = new Map(configured.map(([key, on]) => [optionOf(key), on ? FUSE_ON : FUSE_OFF]));
      const rows: string[] = [];
      DEFAULT_FUSES.forEach(([name, standinDefault], index) => {
        const read = wire[index];
        const expected = want.get(index) ?? standinDefault.charCodeAt(0);
        rows.push(
          `  ${name.padEnd(40)} ${read === FUSE_ON ? 'on ' : read === FUSE_OFF ? 'off' : String(read)}${want.has(index) ? '' : ' (not configured)'}`,
        );
        expect(read, name).toBe(expected);
      });
      console.log(`fuses read back (@electron/fuses getCurrentFuseWire):\n${rows.join('\n')}`);
    });

    it('the security baseline: RunAsNode, NODE_OPTIONS and --inspect off; the app only from the asar (design.md)', async () => {
      const wire = (await getCurrentFuseWire(executable)) as unknown as Record<string, number>;
      // the stand-in starts with them as Electron does (on), so this also shows the fuse step flipped them
      expect(DEFAULT_FUSES[FuseV1Options.RunAsNode]).toEqual(['RunAsNode', '1']);
      expect(wire[FuseV1Options.RunAsNode]).toBe(FUSE_OFF);
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FUSE_OFF);
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FUSE_OFF);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FUSE_ON);
      // the renderer is served from app://, so file:// needs no extra privileges
      expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FUSE_OFF);
    });
  });
});

describe('app.asar holds only what runs', () => {
  needsPackage();
  const inAsar = () => entries.map((e) => e.path);

  it(`is at most ${mb(MAX_ASAR_BYTES)}`, () => {
    expect(statSync(asarFile).size).toBeLessThanOrEqual(MAX_ASAR_BYTES);
  });

  it('every file is one the app runs (main, preload, renderer, package.json, the native modules and their loader)', () => {
    const unexpected = inAsar().filter((p) => !ALLOWED.some(([re]) => re.test(p)));
    expect(unexpected).toEqual([]);
  });

  it('no source maps, no preview shell, no build reports, no sources, tests or docs', () => {
    const paths = inAsar();
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('dist/preview/'))).toEqual([]);
    expect(paths.filter((p) => p.includes('/.vite/') || p.endsWith('preload.meta.json'))).toEqual([]);
    expect(paths.filter((p) => /\.(ts|tsx|mts|cts|c|cc|cpp|h|gyp|gypi|md)$/.test(p) && !/\/LICENSE\.md$/.test(p))).toEqual([]);
    expect(paths.filter((p) => /^(test|bench|scripts|electron|shared|renderer|src|docs)\//.test(p))).toEqual([]);
    expect(paths.filter((p) => /^node_modules\/.*\/(test|tests|__tests__|src|deps|examples?|docs)\//.test(p))).toEqual([]);
  });

  it('no node_modules package the bundles already contain: only the native modules and what loads them', () => {
    const packages = [...new Set(inAsar().flatMap((p) => p.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? []))].sort();
    expect(packages).toEqual(['better-sqlite3', 'bindings', 'file-uri-to-path', 'keytar']);
  });

  it('holds the bundles and the whole renderer build as built', () => {
    const byPath = new Map(entries.map((e) => [e.path, e]));
    const rendererFiles = (dir: string): string[] =>
      readdirSync(at(dir), { withFileTypes: true }).flatMap((d) =>
        d.isDirectory()
          ? d.name === '.vite'
            ? []
            : rendererFiles(`${dir}/${d.name}`)
          : d.name.endsWith('.map')
            ? []
            : [`${dir}/${d.name}`],
      );
    const built = [
      'dist/electron/main.js',
      'dist/electron/import-worker.cjs',
      'dist/electron/preload.cjs',
      ...rendererFiles('dist/renderer'),
    ];
    for (const f of built) expect(byPath.get(f)?.size, f).toBe(statSync(at(f)).size);
    expect(inAsar().filter((p) => p.startsWith('dist/'))).toEqual([...built].sort((a, b) => a.localeCompare(b)));
  });

  it('package.json points at the main bundle as an ES module', () => {
    const dir = path.join(work, 'pkgjson');
    extractAll(asarFile, dir);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main?: string; type?: string };
    expect(pkg.main).toBe('dist/electron/main.js');
    expect(pkg.type).toBe('module');
    expect(pkg).not.toHaveProperty('devDependencies');
    expect(pkg).not.toHaveProperty('scripts');
  });

  it('the native binaries are unpacked (asarUnpack), one per module, nothing else native', () => {
    const natives = entries.filter((e) => /\.(node|so|dll|dylib|exe)$/.test(e.path));
    expect(natives.map((e) => [e.path, e.unpacked])).toEqual([
      ['node_modules/better-sqlite3/build/Release/better_sqlite3.node', true],
      ['node_modules/keytar/build/Release/keytar.node', true],
    ]);
    for (const e of natives) expect(statSync(path.join(appOut, 'resources', 'app.asar.unpacked', e.path)).size).toBe(e.size);
  });

  it("every module main.js and the preload import at run time is Node's, Electron's or in the package", () => {
    const main = readFileSync(at('dist/electron/main.js'), 'utf8');
    const specifiers = new Set<string>();
    for (const re of [
      /^import\s[^;]*?\sfrom\s*"([^"]+)";?$/gm,
      /^import\s*"([^"]+)";?$/gm,
      /\bimport\(\s*"([^"]+)"\s*\)/g,
      /\b__require\(\s*"([^"]+)"\s*\)/g,
    ]) {
      for (const m of main.matchAll(re)) specifiers.add(m[1]!);
    }
    specifiers.add('keytar'); // loaded by name at run time (electron/core/optional-native.ts)
    const builtins = new Set(builtinModules);
    const external = [...specifiers].filter((s) => !s.startsWith('node:') && !builtins.has(s) && s !== 'electron').sort();
    expect(external).toEqual([...NATIVE_MODULES]);
    // the import worker (run from its source text in a worker thread) carries its packages: it requires only Node's built-ins
    const worker = readFileSync(at('dist/electron/import-worker.cjs'), 'utf8');
    const workerRequires = [...new Set([...worker.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!))];
    expect(workerRequires.filter((s) => !s.startsWith('node:') && !builtins.has(s))).toEqual([]);
    // a sandboxed preload can require only electron (and a few built-ins Electron provides)
    const preload = readFileSync(at('dist/electron/preload.cjs'), 'utf8');
    expect([...new Set([...preload.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]))]).toEqual(['electron']);
  });

  it('what it holds is enough: better-sqlite3 and keytar load from the package alone, and load every JS file it ships', () => {
    // Extracted (asar + unpacked, as Electron sees them) into a temp dir with no node_modules above it, then
    // required from where main.js sits, in plain Node: the binaries are Node builds here (npmRebuild is off).
    const app = path.join(work, 'app');
    extractAll(asarFile, app);
    const probe = `
      const { createRequire } = require('node:module');
      const req = createRequire(${JSON.stringify(path.join(app, 'dist', 'electron', 'main.js'))});
      const Database = req('better-sqlite3');
      const db = new Database(':memory:');
      const sqlite = db.prepare('select sqlite_version() as v').get().v;
      db.close();
      const keytar = req('keytar');
      console.log(JSON.stringify({ sqlite, keytar: typeof keytar.getPassword, loaded: Object.keys(require.cache) }));
    `;
    const env = { ...process.env };
    delete env.NODE_PATH;
    const r = spawnSync(process.execPath, ['-e', probe], { cwd: app, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const { sqlite, keytar, loaded } = JSON.parse(r.stdout) as { sqlite: string; keytar: string; loaded: string[] };
    expect(sqlite).toMatch(/^3\./);
    expect(keytar).toBe('function');
    expect(loaded.filter((f) => !f.startsWith(app + path.sep))).toEqual([]);
    const loadedRel = new Set(loaded.map((f) => path.relative(app, f).split(path.sep).join('/')));
    const shippedCode = entries.map((e) => e.path).filter((p) => p.startsWith('node_modules/') && /\.(js|node)$/.test(p));
    expect(shippedCode.filter((p) => !loadedRel.has(p))).toEqual([]);
  });
});

describe('links: protocols and Linux MimeTypes', () => {
  const schemes = ['tel', 'callto', 'feather-launcher'];
  const mime = schemes.map((s) => `x-scheme-handler/${s}`);

  it('electron-builder.yml registers the tel, callto and feather-launcher schemes (protocols)', () => {
    const configured = [config.protocols ?? []].flat().flatMap((p) => p.schemes ?? []);
    expect(configured).toEqual(expect.arrayContaining(schemes));
  });

  it('electron-builder.yml has the Linux MimeType entries for them', () => {
    const fromEntry = (config.linux?.desktop?.entry?.MimeType ?? '').split(';').filter(Boolean);
    const listed = [...fromEntry, ...(config.linux?.mimeTypes ?? [])];
    expect(listed).toEqual(expect.arrayContaining(mime));
  });

  describe('in the .desktop entries', () => {
    needsPackage();

    it('the .desktop entry each Linux target (deb, AppImage) would install declares them', () => {
      const desktop = JSON.parse(readFileSync(path.join(outDir, 'desktop-entries.json'), 'utf8')) as Record<string, string>;
      expect(Object.keys(desktop).sort()).toEqual(['appimage', 'deb']);
      for (const [target, text] of Object.entries(desktop)) {
        const line = text.split('\n').find((l) => l.startsWith('MimeType=')) ?? '';
        expect(line.slice('MimeType='.length).split(';').filter(Boolean), target).toEqual(expect.arrayContaining(mime));
      }
    });
  });
});
