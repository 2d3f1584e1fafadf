import { build } from 'esbuild';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The window bench's floor: a bare React page (react + react-dom from node_modules, bundled for
 * production by esbuild into a temp folder), served the way the app is (the harness's routes, its
 * bridge installed in the page) and talking to main over the same bridge:
 *  - `#rows`: asks main for the first 60 contacts (`contacts:query`, as the app's list does) and renders
 *    them as plain elements — a listbox of options, as the app's list is;
 *  - `#plan`: a plain input; every keystroke asks main for the plan of a draft with that number
 *    (`call:preview`, the same draft the bench took from the app, in `window.__floorDraft`) and shows the
 *    number main will send in an `<output>` (the latest keystroke's answer wins).
 * Main's answers are rendered at once (flushSync), as the app's stores do (useSyncExternalStore).
 * What the app's first paint and keystroke cannot beat in Chromium through the harness: the same files'
 * transport, the same round trips to the same main, and nothing else.
 */

const ENTRY = `
import { createElement as h, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
const ROWS = 60;
function Rows() {
  const [rows, setRows] = useState(null);
  useEffect(() => {
    window.launcher.contacts
      .query({ query: '', sort: 'name', favoritesOnly: false, tags: [], offset: 0, limit: ROWS })
      .then((r) => flushSync(() => setRows(r.ok ? r.value.rows : [])));
  }, []);
  if (!rows) return null;
  return h('div', { role: 'listbox', 'aria-label': 'Contacts' },
    rows.map((r, i) => h('div', { key: r.id, role: 'option', 'aria-label': r.name, 'aria-selected': i === 0 },
      h('span', null, r.name), ' ', h('span', null, r.primaryPhone ? r.primaryPhone.raw : ''))));
}
function Plan() {
  const [text, setText] = useState('');
  const [shown, setShown] = useState('');
  const latest = useRef('');
  return h('div', null,
    h('input', { 'aria-label': 'Number', value: text, onChange: (e) => {
      const toNumber = e.target.value;
      latest.current = toNumber;
      setText(toNumber);
      window.launcher.call.preview({ ...window.__floorDraft, toNumber }).then((r) => {
        if (latest.current === toNumber) flushSync(() => setShown(r.ok && r.value.to ? r.value.to.e164 : ''));
      });
    } }),
    h('output', { 'aria-label': 'Planned' }, shown));
}
createRoot(document.getElementById('root')).render(location.hash === '#plan' ? h(Plan) : h(Rows));
`;

const HTML = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8" /><title>floor</title><script type="module" src="./floor.js"></script></head>
<body><div id="root"></div></body></html>`;

/** Builds the floor page; returns its folder (index.html, floor.js). */
export async function buildFloorPage(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-bench-floor-'));
  await writeFile(path.join(dir, 'entry.js'), ENTRY);
  await writeFile(path.join(dir, 'index.html'), HTML);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  await build({
    entryPoints: [path.join(dir, 'entry.js')],
    outfile: path.join(dir, 'floor.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'chrome130',
    define: { 'process.env.NODE_ENV': '"production"' },
    nodePaths: [path.join(root, 'node_modules')],
    logLevel: 'silent',
  });
  return dir;
}
