/**
 * The runtime boundaries of the tree (design.md, "Layout"), checked on every `npm test` (lint lane:
 * `npm run depcruise`). Each rule has a negative fixture in test/boundaries/depcruise.test.ts.
 * What an import cannot show (ipcMain, ipcRenderer, createRequire in one file each) is in eslint.config.js.
 *
 *   renderer/ ──► shared/ ◄── electron/**      shared/ imports nothing outside itself; neither side of the
 *                                               window (renderer/, shared/) loads Node or main-only packages
 *   main ──► core, simulator      preview ──► core, simulator      simulator ──► core (the demo ids)
 *   core ──► shared only (no main, simulator or preview; no Electron: ports in CoreDeps)
 *   nothing imports main or preview but itself; electron/ never imports renderer/; no cycles
 *
 * Tests, scripts and bench may import anything: the rules look only at imports *from* product code
 * (and `npm run depcruise` cruises electron/, shared/ and renderer/ only).
 */

/** Packages that only main may load: Electron, the keychain, the databases, the import pipeline's parsers. */
const MAIN_ONLY_PACKAGES = ['electron', 'electron-store', 'keytar', 'better-sqlite3', 'conf', 'jschardet', 'papaparse'];
const PRODUCT = '^(electron|shared|renderer)/';
/** renderer/vite.config.ts is a Node build script, not part of the window */
const WINDOW_SIDE = { path: '^(renderer|shared)/', pathNot: '^renderer/vite[.]config[.]ts$' };
// as resolved: …node_modules/electron/index.js (a package that does not resolve fails not-to-unresolvable)
const packages = (names) => `(^|/)node_modules/(${names.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes load order matter and the folders stop showing who depends on whom.',
      from: { path: PRODUCT },
      to: { circular: true },
    },
    {
      name: 'renderer-only-shared',
      severity: 'error',
      comment: 'The window talks to main only through window.launcher: it imports renderer/ and shared/, nothing of electron/.',
      from: { path: '^renderer/', pathNot: WINDOW_SIDE.pathNot },
      to: { dependencyTypes: ['local'], pathNot: '^(renderer|shared)/' },
    },
    {
      name: 'shared-only-shared',
      severity: 'error',
      comment: 'shared/ is what both sides need; it cannot lean on either side.',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['local'], pathNot: '^shared/' },
    },
    {
      name: 'window-side-no-node',
      severity: 'error',
      comment: 'renderer/ and shared/ run in a sandboxed page: no Node built-ins.',
      from: WINDOW_SIDE,
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'window-side-no-main-packages',
      severity: 'error',
      comment: `renderer/ and shared/ never load main's packages (${MAIN_ONLY_PACKAGES.join(', ')}).`,
      from: WINDOW_SIDE,
      to: { path: packages(MAIN_ONLY_PACKAGES) },
    },
    {
      name: 'core-not-glue',
      severity: 'error',
      comment: 'core/ is plain Node logic: it gets Electron things, demo data and the simulator through ports (CoreDeps).',
      from: { path: '^electron/core/' },
      to: { path: '^electron/(main|simulator|preview)/' },
    },
    {
      name: 'core-no-electron',
      severity: 'error',
      comment: 'core/ runs in plain Node (tests, the preview): no Electron, no electron-store.',
      from: { path: '^electron/core/' },
      to: { path: packages(['electron', 'electron-store']) },
    },
    {
      name: 'simulator-not-glue',
      severity: 'error',
      comment: 'The simulator is a fake Feather server: it knows no Electron glue and no preview.',
      from: { path: '^electron/simulator/' },
      to: { path: '^electron/(main|preview)/' },
    },
    {
      name: 'simulator-no-electron',
      severity: 'error',
      comment: 'The simulator runs in plain Node (npm run sim, tests).',
      from: { path: '^electron/simulator/' },
      to: { path: packages(['electron', 'electron-store']) },
    },
    {
      name: 'electron-not-renderer',
      severity: 'error',
      comment: 'Main-process code never imports the window: what both need lives in shared/.',
      from: { path: '^electron/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'only-main-imports-main',
      severity: 'error',
      comment: 'electron/main/ is the Electron glue, the top of the app: nothing but itself (and tests) imports it.',
      from: { path: PRODUCT, pathNot: '^electron/main/' },
      to: { path: '^electron/main/' },
    },
    {
      name: 'only-preview-imports-preview',
      severity: 'error',
      comment: 'electron/preview/ is the browser shell for npm start: nothing but itself (and tests) imports it.',
      from: { path: PRODUCT, pathNot: '^electron/preview/' },
      to: { path: '^electron/preview/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import the cruiser cannot resolve is one no rule above can check.',
      from: { path: PRODUCT },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|release|node_modules|test-results)/' },
    // type-only imports count: a type from electron/ is still a dependency on it
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
