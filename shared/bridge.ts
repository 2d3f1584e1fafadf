import type { LauncherApi } from './contract';

/** Main → renderer events as the bridge carries them: the payload is checked by the receiver (see shared/events.ts). */
export interface LauncherEvents {
  /** listens to one main → renderer event; returns the function that stops listening */
  on(event: string, listener: (payload: unknown) => void): () => void;
}
export type LauncherBridge = LauncherApi & LauncherEvents;

/** How a transport delivers events: one listener for all of them, and a way to stop. */
export type EventTransport = (listener: (event: string, payload: unknown) => void) => () => void;

/**
 * Builds `window.launcher` from the contract's channel list and one transport function.
 * The Electron preload passes ipcRenderer.invoke (and ipcRenderer.on for events); the browser
 * test harness and the preview pass their own. Nothing but these named functions is ever exposed.
 */
export function buildBridge(
  names: ReadonlyArray<readonly [domain: string, verb: string]>,
  invoke: (channel: string, request: unknown) => Promise<unknown>,
  listen?: EventTransport,
): LauncherBridge {
  const api: Record<string, unknown> = {};
  for (const [domain, verb] of names) {
    const group = (api[domain] ??= {}) as Record<string, (request: unknown) => Promise<unknown>>;
    group[verb] = (request: unknown) => invoke(`${domain}:${verb}`, request ?? {});
  }
  for (const group of Object.values(api)) Object.freeze(group);

  // One transport subscription, shared by every listener; opened on first use.
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let stop: (() => void) | null = null;
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (typeof event !== 'string' || typeof listener !== 'function') throw new TypeError('launcher.on(event, listener)');
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    stop ??= listen?.((name, payload) => listeners.get(name)?.forEach((l) => l(payload))) ?? null;
    return () => {
      set.delete(listener);
    };
  };
  return Object.freeze(api) as unknown as LauncherBridge;
}
