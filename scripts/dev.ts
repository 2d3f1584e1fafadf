import { spawn } from 'node:child_process';
import { createServer } from 'vite';
import { findElectron } from './electron-binary.mjs';

/**
 * `npm run dev`: the Vite dev server with hot reload, and Electron from source pointed at it
 * (`--dev` lets main trust http://localhost:5173). Where no Electron binary exists, it says so.
 */
await import('./build-electron');
const server = await createServer({ configFile: 'renderer/vite.config.ts' });
await server.listen();
server.printUrls();
const found = findElectron();
if ('path' in found) {
  const electron = spawn(found.path, ['dist/electron/main.js', '--dev'], { stdio: 'inherit' });
  electron.on('exit', (code) => {
    server.close().then(
      () => process.exit(code ?? 0),
      () => process.exit(code ?? 1),
    );
  });
} else {
  console.log(`\nElectron cannot run here (${found.reason}).`);
  console.log('The renderer needs the app bridge, so open the app with `npm start` (browser preview) instead.');
  await server.close();
  process.exit(1);
}
