import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Node built-ins, with and without the node: prefix. */
const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'http',
  'https',
  'net',
  'crypto',
  'child_process',
  'url',
  'util',
  'stream',
  'events',
  'module',
  'process',
  'buffer',
  'tls',
  'dns',
  'zlib',
  'worker_threads',
];
const nodeImports = {
  group: ['node:*', ...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `${m}/*`)],
  message: 'No Node.js modules here: this code must run anywhere.',
};
const electronImports = {
  group: ['electron', 'electron/*', 'electron-store', 'keytar'],
  message: 'No Electron here: keep Electron glue in electron/*.ts.',
};
/**
 * Doors that exist in exactly one file each: anywhere else in electron/, shared/ and renderer/ their
 * import is refused. (Import boundaries between folders are dependency-cruiser's: .dependency-cruiser.cjs.)
 */
const ONE_FILE_ONLY = {
  ipcMain: {
    file: 'electron/main/ipc.ts',
    paths: [{ name: 'electron', importNames: ['ipcMain'] }],
    message: 'ipcMain only in electron/main/ipc.ts: every handler is registered there, behind the checked dispatcher.',
  },
  ipcRenderer: {
    file: 'electron/main/preload.ts',
    paths: [{ name: 'electron', importNames: ['ipcRenderer'] }],
    message: 'ipcRenderer only in electron/main/preload.ts: the window reaches main through window.launcher only.',
  },
  createRequire: {
    file: 'electron/core/optional-native.ts',
    paths: ['node:module', 'module'].map((name) => ({ name, importNames: ['createRequire'] })),
    message:
      'createRequire only in electron/core/optional-native.ts: optional native modules load there, and nothing else loads by require.',
  },
};
// A default import would hide those names from the rule (`electron.ipcMain`): import them one by one.
const NAMED_ONLY = ['electron', 'node:module', 'module'].map((name) => ({
  name,
  importNames: ['default'],
  message: `Import the names you use from '${name}' one by one, so the one-file-only rules can see them.`,
}));
/** The `no-restricted-imports` options for a folder: its own patterns, plus every one-file-only door but `allowed`. */
const restrictedImports = (patterns = [], allowed = null) => [
  'error',
  {
    paths: [
      ...Object.entries(ONE_FILE_ONLY)
        .filter(([door]) => door !== allowed)
        .flatMap(([, { paths, message }]) => paths.map((p) => ({ ...p, message }))),
      ...NAMED_ONLY,
    ],
    patterns,
  },
];
const coreElectronImports = { ...electronImports, message: 'core/ runs in plain Node: take Electron things as injected ports.' };
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // shared/: pure TypeScript — no Electron, no Node, no DOM.
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': restrictedImports([nodeImports, electronImports]),
      'no-restricted-globals': ['error', ...DOM_GLOBALS, 'process', 'require', '__dirname', 'Buffer'],
    },
  },
  // renderer/: React in a sandboxed page — talks to main only through window.launcher.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrictedImports([nodeImports, electronImports]),
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', 'Buffer'],
    },
  },
  // No floating promises anywhere in main: a rejected promise nobody handles is a lost write or a crash.
  // In main even `void promise` is refused; the renderer's bridge calls resolve to a Result and never reject.
  {
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      'no-restricted-imports': restrictedImports(),
      // the main bundle defines a `require` (scripts/build-electron.ts): modules load by import, optional natives by optional-native.ts
      'no-restricted-globals': ['error', { name: 'require', message: ONE_FILE_ONLY.createRequire.message }],
    },
  },
  // electron/core and the simulator: plain Node, testable without Electron.
  {
    files: ['electron/core/**/*.ts', 'electron/simulator/**/*.ts'],
    rules: { 'no-restricted-imports': restrictedImports([coreElectronImports]) },
  },
  // The one file each door is open in (ONE_FILE_ONLY above).
  { files: [ONE_FILE_ONLY.ipcMain.file], rules: { 'no-restricted-imports': restrictedImports([], 'ipcMain') } },
  { files: [ONE_FILE_ONLY.ipcRenderer.file], rules: { 'no-restricted-imports': restrictedImports([], 'ipcRenderer') } },
  {
    files: [ONE_FILE_ONLY.createRequire.file],
    rules: { 'no-restricted-imports': restrictedImports([coreElectronImports], 'createRequire') },
  },
);
