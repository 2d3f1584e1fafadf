/**
 * The page's icon (a browser tab's, in the preview; Electron's window has its own). Decoding an SVG
 * holds the page's thread, so it is added once the window is idle after start (App), not with the
 * first paint. Once.
 */
export function addPageIcon() {
  if (document.head.querySelector('link[rel="icon"]')) return;
  document.head.append(Object.assign(document.createElement('link'), { rel: 'icon', type: 'image/svg+xml', href: './icon.svg' }));
}
