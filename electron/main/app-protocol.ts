import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { CSP_HEADER } from '../../shared/csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Serves the built renderer for `app://feather/...` requests. Paths cannot escape the
 * renderer folder; every answer carries the CSP header as well as the meta tag.
 */
export async function serveRendererFile(root: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return new Response('Bad request', { status: 400 }); // a malformed %-escape (`%E0%A4%A`)
  }
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return new Response('Forbidden', { status: 403 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP_HEADER,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
