import type { LauncherApi } from './contract';
import type { ImportFileApi, SendFile } from './contacts/import/import-file';

/** Main → renderer events as the bridge carries them, checked against the events contract on the way in (see `EventCheck`). */
export interface LauncherEvents {
  /** listens to one main → renderer event; returns the function that stops listening */
  on(event: string, listener: (payload: unknown) => void): () => void;
}
export type LauncherBridge = LauncherApi & LauncherEvents & ImportFileApi;

/** How a transport delivers events: one listener for all of them, and a way to stop. */
export type EventTransport = (listener: (event: string, payload: unknown) => void) => () => void;

/**
 * Checks an event as it arrives: the payload as the events contract reads it, or null to drop it
 * (an unknown event, or a payload that breaks the contract). The bridge is the trust boundary, so
 * the check runs here (the preload, the preview shell and the test harness pass `checkEvent` from
 * shared/main-events.ts) and the window's own bundle carries no schemas.
 */
export type EventCheck = (event: string, payload: unknown) => unknown;

/**
 * Builds `window.launcher` from the contract's channel list and one transport function.
 * The Electron preload passes ipcRenderer.invoke (and ipcRenderer.on for events); the browser
 * test harness and the preview pass their own. Nothing but these named functions is ever exposed.
 * Events reach listeners only once `check` (when given) has passed them. `sendFile` is how this
 * transport tells main where a chosen file is (shared/contacts/import/import-file.ts); without one,
 * `importFile` answers that files cannot be imported here.
 */
export function buildBridge(
  names: ReadonlyArray<readonly [domain: string, verb: string]>,
  invoke: (channel: string, request: unknown) => Promise<unknown>,
  listen?: EventTransport,
  check?: EventCheck,
  sendFile?: SendFile,
): LauncherBridge {
  const api: Record<string, unknown> = {};
  for (const [domain, verb] of names) {
    const group = (api[domain] ??= {}) as Record<string, (request: unknown) => Promise<unknown>>;
    group[verb] = (request: unknown) => invoke(`${domain}:${verb}`, request ?? {});
  }
  for (const group of Object.values(api)) Object.freeze(group);
  api.importFile = async (file: File, options: object) => {
    const where = sendFile
      ? await sendFile(file)
      : { ok: false as const, error: { code: 'internal', message: 'Files cannot be imported in this window.' } };
    return where.ok ? invoke('contacts:importPreview', { ...options, fileName: file.name, ...where.value }) : where;
  };

  // One transport subscription, shared by every listener; opened on first use.
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let stop: (() => void) | null = null;
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (typeof event !== 'string' || typeof listener !== 'function') throw new TypeError('launcher.on(event, listener)');
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    stop ??=
      listen?.((name, raw) => {
        const heard = listeners.get(name);
        if (!heard?.size) return; // nobody listens: not even checked
        const payload = check ? check(name, raw) : raw;
        if (payload !== null) heard.forEach((l) => l(payload));
      }) ?? null;
    return () => {
      set.delete(listener);
    };
  };
  return Object.freeze(api) as unknown as LauncherBridge;
}
