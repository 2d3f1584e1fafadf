// The built window, split the way it loads: the first load (index.html, the entry chunk and what it
// imports statically, their CSS) and the lazy screens; plus the preload. Read from the report the
// Vite build writes (renderer/vite.config.ts `bundleReport`). Used by .size-limit.mjs and
// scripts/check-bundle.mjs. FEATHER_RENDERER_DIST: another renderer build folder, as for the e2e harness.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const rendererDir = path.relative(process.cwd(), path.resolve(process.env.FEATHER_RENDERER_DIST ?? 'dist/renderer')) || '.';
export const preloadFile = 'dist/electron/preload.cjs';

/** The report's chunks and the files of each part, as paths from the current directory. */
export function bundleFiles(dir = rendererDir) {
  const reportFile = path.join(dir, '.vite/bundle-report.json');
  if (!existsSync(reportFile)) throw new Error(`No renderer build with a bundle report in ${dir}: run \`npm run build\` first.`);
  /** @type {{ chunks: Array<{ file: string, entry: boolean, lazy: boolean, imports: string[], dynamicImports: string[], css: string[], packages: string[], sources: string[] }>, graph: Record<string, string[]> }} */
  const { chunks, graph } = JSON.parse(readFileSync(reportFile, 'utf8'));
  const byFile = new Map(chunks.map((c) => [c.file, c]));
  /** an entry chunk by the page it starts: renderer/src/main.tsx (the window), renderer/src/palette/main.tsx */
  const entryOf = (source) => {
    const found = chunks.filter((c) => c.entry && c.sources.includes(source));
    if (found.length !== 1) throw new Error(`${reportFile}: expected one entry chunk for ${source}, found ${found.length}.`);
    return found[0];
  };

  /** everything an entry imports statically loads before the first paint, with its CSS */
  const loadOf = (entry) => {
    const js = new Set();
    const css = new Set();
    const walk = (file) => {
      if (js.has(file)) return;
      const chunk = byFile.get(file);
      if (!chunk) throw new Error(`${reportFile}: ${file} is imported but not in the report.`);
      js.add(file);
      chunk.css.forEach((c) => css.add(c));
      chunk.imports.forEach(walk);
    };
    walk(entry.file);
    return { js, css };
  };
  const { js: first, css: firstCss } = loadOf(entryOf('renderer/src/main.tsx'));
  // what index.html preloads beside its entry (the Contacts screen's chunks: renderer/vite.config.ts) is fetched in the first load too
  const windowHtml = readFileSync(path.join(dir, 'index.html'), 'utf8');
  for (const [, file] of windowHtml.matchAll(/<link rel="modulepreload"[^>]*\bhref="\.\/([^"]+\.js)"/g)) {
    if (!byFile.has(file)) throw new Error(`${dir}/index.html preloads ${file}, which the report does not list: rebuild.`);
    const preloaded = loadOf(byFile.get(file));
    preloaded.js.forEach((f) => first.add(f));
    preloaded.css.forEach((f) => firstCss.add(f));
  }
  const palette = loadOf(entryOf('renderer/src/palette/main.tsx'));
  const paletteOwn = [...palette.js].filter((file) => !first.has(file));
  const lazy = chunks.filter((c) => !first.has(c.file) && !palette.js.has(c.file)).map((c) => c.file);
  const lazyCss = [...new Set(chunks.flatMap((c) => (first.has(c.file) || palette.js.has(c.file) ? [] : c.css)))].filter(
    (css) => !firstCss.has(css) && !palette.css.has(css),
  );

  // what each page itself loads must be exactly its first load (a stale report would not match)
  const checkPage = (page, expected) => {
    const html = readFileSync(path.join(dir, page), 'utf8');
    const referenced = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\.\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    for (const file of referenced)
      if (!expected.has(file)) throw new Error(`${dir}/${page} loads ${file}, which the report does not list: rebuild.`);
  };
  const expected = new Set([...first, ...firstCss]);
  checkPage('index.html', expected);
  checkPage('palette.html', new Set([...palette.js, ...palette.css]));
  for (const file of [...expected, ...palette.js, ...palette.css, ...lazy, ...lazyCss]) {
    if (!existsSync(path.join(dir, file))) throw new Error(`${dir}/${file} is in the report but not on disk: rebuild.`);
  }

  const at = (file) => path.join(dir, file);
  return {
    chunks,
    /** each of the app's own files in the bundle → the files and packages it imports */
    graph,
    firstLoad: [at('index.html'), ...[...first, ...firstCss].map(at)],
    /** the palette's page and the JS only it loads (React, the stores… are shared with the window and cached) */
    paletteOwn: [at('palette.html'), ...paletteOwn.map(at)],
    lazy: [...lazy, ...lazyCss].map(at),
  };
}
