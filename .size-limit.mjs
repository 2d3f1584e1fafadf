// Size budgets (size-limit, `npx size-limit` after `npm run build`; npm test runs scripts/check-bundle.mjs,
// which runs these and also checks what each chunk holds). Sizes are gzip, kB = 1000 bytes as Vite prints them.
import { bundleFiles, preloadFile } from './scripts/bundle-files.mjs';

const { firstLoad, lazy, paletteOwn } = bundleFiles();

export default [
  {
    // issue 14: React + the shell, and the Contacts screen's chunks index.html preloads, before the first paint
    // (the other screens load lazily from disk)
    name: 'window first load (index.html, entry chunk, preloaded Contacts, CSS)',
    path: firstLoad,
    gzip: true,
    limit: '150 kB',
  },
  {
    // issue 15: the hotkey palette's own page and JS (what the window's first load does not already bring)
    name: 'palette (its own JS)',
    path: paletteOwn,
    gzip: true,
    limit: '60 kB',
  },
  { name: 'lazy screens (Dial, History, Templates, Settings, Connection, dialogs)', path: lazy, gzip: true },
  {
    // zod, to check main's events at the trust boundary (shared/main-events.ts checkEvent); parsed on every window load
    name: 'preload',
    path: [preloadFile],
    gzip: true,
    limit: '80 kB',
  },
];
