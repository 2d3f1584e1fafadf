import type { LauncherApi } from './contract';

/**
 * Builds `window.launcher` from the contract's channel list and one transport function.
 * The Electron preload passes ipcRenderer.invoke; the browser test harness passes an
 * exposed binding. Nothing but these named functions is ever exposed.
 */
export function buildBridge(
  names: ReadonlyArray<readonly [domain: string, verb: string]>,
  invoke: (channel: string, request: unknown) => Promise<unknown>,
): LauncherApi {
  const api: Record<string, Record<string, (request: unknown) => Promise<unknown>>> = {};
  for (const [domain, verb] of names) {
    const group = (api[domain] ??= {});
    group[verb] = (request: unknown) => invoke(`${domain}:${verb}`, request ?? {});
  }
  for (const group of Object.values(api)) Object.freeze(group);
  return Object.freeze(api) as unknown as LauncherApi;
}
