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
      'no-restricted-imports': ['error', { patterns: [nodeImports, electronImports] }],
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
      'no-restricted-imports': ['error', { patterns: [nodeImports, electronImports] }],
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
    rules: { '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }] },
  },
  // electron/core and the simulator: plain Node, testable without Electron.
  {
    files: ['electron/core/**/*.ts', 'electron/simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ ...electronImports, message: 'core/ runs in plain Node: take Electron things as injected ports.' }] },
      ],
    },
  },
);
