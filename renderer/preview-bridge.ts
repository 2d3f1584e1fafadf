import { buildBridge } from '../shared/bridge';

/**
 * Browser preview only (when no Electron binary can run): the same typed bridge, carried
 * over loopback HTTP to the core in a Node process. The session token arrives in the URL
 * fragment, is kept in this closure and removed from the address bar.
 */
declare const __LAUNCHER_CHANNELS__: Array<[string, string]>;

const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
history.replaceState(null, '', location.pathname);

window.launcher = buildBridge(__LAUNCHER_CHANNELS__, async (channel, request) => {
  const response = await fetch(`./ipc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-launcher-token': token },
    body: JSON.stringify(request),
  });
  if (!response.ok) {
    return { ok: false, error: { code: 'forbidden_sender', message: 'This preview session has expired. Open the address `npm start` printed again.' } };
  }
  return response.json();
});
