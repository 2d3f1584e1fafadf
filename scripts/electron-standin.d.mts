export const FUSE_SENTINEL: string;
export const DEFAULT_FUSES: ReadonlyArray<readonly [name: string, state: '0' | '1']>;
export function fuseWire(fuses?: ReadonlyArray<readonly [string, string]>): Buffer;
export function makeElectronStandin(dir: string): string;
