/**
 * `--dev` loads the renderer from the Vite dev server on localhost. Only an unpackaged build
 * (`npm run dev`) may do that: in a packaged app anyone who can add an argument would get the
 * window to run code from a local port.
 */
export function devMode(argv: readonly string[], isPackaged: boolean): boolean {
  return !isPackaged && argv.includes('--dev');
}
