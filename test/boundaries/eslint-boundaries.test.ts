import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The doors that exist in one file each (eslint.config.js, ONE_FILE_ONLY): `ipcMain` only in
 * electron/main/ipc.ts, `ipcRenderer` only in electron/main/preload.ts, `createRequire` only in
 * electron/core/optional-native.ts. Each fixture below is linted with the real config under a virtual
 * path (`lintText`), so no fixture file exists for the lint lane to trip on; type-aware rules are off
 * for these runs (a virtual file is in no TypeScript project), the import rules need no types.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-globals']);
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
  // only the rules under test run (the lint lane runs them all): the whole tree lints in seconds
  ruleFilter: ({ ruleId }) => BOUNDARY_RULES.has(ruleId),
});

async function boundaryMessages(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]); // a fixture that does not parse proves nothing
  return result!.messages;
}

const IPC_MAIN = /ipcMain only in electron\/main\/ipc\.ts/;
const IPC_RENDERER = /ipcRenderer only in electron\/main\/preload\.ts/;
const CREATE_REQUIRE = /createRequire only in electron\/core\/optional-native\.ts/;
const NAMED_ONLY = /one by one/;

/** [file, code, what must be reported (null: nothing)] */
const CASES: Array<[file: string, code: string, expected: RegExp | null]> = [
  // ipcMain
  ['electron/main/ipc.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", null],
  ['electron/main/main.ts', "import { app, ipcMain } from 'electron';\nexport const x = [app, ipcMain];\n", IPC_MAIN],
  ['electron/main/security.ts', "export { ipcMain } from 'electron';\n", IPC_MAIN],
  ['electron/main/window-options.ts', "import * as electron from 'electron';\nexport const x = electron;\n", IPC_MAIN],
  ['electron/main/stores.ts', "import electron from 'electron';\nexport const x = electron.ipcMain;\n", NAMED_ONLY],
  ['electron/core/ipc-dispatch.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", IPC_MAIN],
  ['electron/preview/preview-server.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", IPC_MAIN],
  ['electron/main/preload.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", IPC_MAIN],
  ['shared/contract.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", IPC_MAIN],
  // ipcRenderer
  [
    'electron/main/preload.ts',
    "import { contextBridge, ipcRenderer } from 'electron';\nexport const x = [contextBridge, ipcRenderer];\n",
    null,
  ],
  ['electron/main/ipc.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", IPC_RENDERER],
  ['electron/main/main.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", IPC_RENDERER],
  ['renderer/src/api.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", IPC_RENDERER],
  ['electron/preview/preview-bridge.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", IPC_RENDERER],
  // createRequire
  ['electron/core/optional-native.ts', "import { createRequire } from 'node:module';\nexport const x = createRequire;\n", null],
  [
    'electron/core/connection/secrets.ts',
    "import { createRequire } from 'node:module';\nexport const x = createRequire;\n",
    CREATE_REQUIRE,
  ],
  ['electron/core/storage/json-store.ts', "import { createRequire } from 'module';\nexport const x = createRequire;\n", CREATE_REQUIRE],
  ['electron/main/main.ts', "import { createRequire } from 'node:module';\nexport const x = createRequire;\n", CREATE_REQUIRE],
  ['electron/simulator/server.ts', "import * as m from 'node:module';\nexport const x = m;\n", CREATE_REQUIRE],
  ['electron/preview/cli.ts', "import nodeModule from 'node:module';\nexport const x = nodeModule.createRequire;\n", NAMED_ONLY],
  // the main bundle's own `require` (scripts/build-electron.ts) is no way around it
  ['electron/core/launcher-core.ts', "export const keytar: unknown = require('keytar');\n", CREATE_REQUIRE],
  ['shared/phone.ts', "import { createRequire } from 'node:module';\nexport const x = createRequire;\n", CREATE_REQUIRE],
  ['renderer/src/main.tsx', "import { createRequire } from 'node:module';\nexport const x = createRequire;\n", CREATE_REQUIRE],
  // outside electron/, shared/ and renderer/ these doors are open (the fake Electron of the glue tests)
  ['test/electron-glue/x.test.ts', "import { ipcMain, ipcRenderer } from 'electron';\nexport const x = [ipcMain, ipcRenderer];\n", null],
  ['scripts/x.mjs', "import { createRequire } from 'node:module';\nexport const x = createRequire;\n", null],
];

describe('one-file-only imports (ESLint)', () => {
  it.each(CASES)('%s: %j', async (file, code, expected) => {
    const messages = await boundaryMessages(file, code);
    if (expected === null) expect(messages).toEqual([]);
    else expect(messages.map((m) => m.message)).toContainEqual(expect.stringMatching(expected));
  });

  it('every door has a fixture that breaks it and one where it is open', () => {
    for (const door of [IPC_MAIN, IPC_RENDERER, CREATE_REQUIRE, NAMED_ONLY]) {
      expect(CASES.some(([, , expected]) => expected === door)).toBe(true);
    }
    for (const file of ['electron/main/ipc.ts', 'electron/main/preload.ts', 'electron/core/optional-native.ts']) {
      expect(CASES.some(([f, , expected]) => f === file && expected === null)).toBe(true);
    }
  });

  it('the real tree opens no door outside its file', async () => {
    const results = await eslint.lintFiles(['electron', 'shared', 'renderer']);
    const found = results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.message}`));
    expect(found).toEqual([]);
  }, 60_000);
});
