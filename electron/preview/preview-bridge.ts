import { buildBridge } from '../../shared/bridge';
import { checkEvent } from '../../shared/main-events';
import { sendFileByUpload } from './upload-file';

/**
 * Browser preview only (when no Electron binary can run): the same typed bridge, carried
 * over loopback HTTP to the core in a Node process. The session token arrives in the URL
 * fragment, is removed from the address bar and kept in this tab's sessionStorage, so a
 * reload keeps working for the life of the preview server (sessionStorage belongs to this
 * origin — scheme, host and port — and this tab only, and ends with the tab). It is never
 * put in a query string or a URL the server sees.
 */
declare const __LAUNCHER_CHANNELS__: Array<[string, string]>;

const STORAGE_KEY = 'feather-preview-token';
const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
let token = fromFragment ?? '';
try {
  if (fromFragment) sessionStorage.setItem(STORAGE_KEY, fromFragment);
  else token = sessionStorage.getItem(STORAGE_KEY) ?? '';
} catch {
  // storage disabled: the token from the fragment still works until the next reload
}
if (fromFragment !== null) history.replaceState(null, '', location.pathname);

const expired = {
  ok: false,
  error: { code: 'forbidden_sender', message: 'This preview session has expired. Open the address `npm start` printed again.' },
};

/**
 * Main → renderer events: one long POST to ./events that streams a JSON line per event; it
 * reconnects after a second when the stream ends (server restarted, laptop slept).
 */
function listen(listener: (event: string, payload: unknown) => void): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  async function connect() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetch('./events', { method: 'POST', headers: { 'x-launcher-token': token }, signal: controller.signal });
        if (response.status === 403 || !response.body) return; // expired: the next call says so
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffered = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffered += value;
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) {
            if (!line.trim()) continue;
            try {
              const message = JSON.parse(line) as { event?: unknown; payload?: unknown };
              if (typeof message.event === 'string') listener(message.event, message.payload);
            } catch {
              // a broken line is skipped; the next event brings fresh state anyway
            }
          }
        }
      } catch {
        // offline or aborted: try again below
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  connect().catch(() => undefined); // it never rejects: every failure is caught and retried inside
  return () => {
    stopped = true;
    controller?.abort();
  };
}

window.launcher = buildBridge(
  __LAUNCHER_CHANNELS__,
  async (channel, request) => {
    let response: Response;
    try {
      response = await fetch(`./ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-launcher-token': token },
        body: JSON.stringify(request),
      });
    } catch {
      return { ok: false, error: { code: 'internal', message: 'The preview server is not running. Start it again with `npm start`.' } };
    }
    if (response.status === 403) return expired;
    // Refusals (400 for a request that broke the contract, 404, 413…) carry a result too.
    const body: unknown = await response.json().catch(() => undefined);
    if (body && typeof body === 'object' && 'ok' in body) return body;
    return { ok: false, error: { code: 'internal', message: `The preview server answered ${response.status}.` } };
  },
  listen,
  checkEvent,
  // a page has no file paths: a chosen file's bytes are streamed to the server (upload-file.ts)
  sendFileByUpload(() => ({ 'x-launcher-token': token })),
);
