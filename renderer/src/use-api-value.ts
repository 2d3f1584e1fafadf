import { useEffect, useState } from 'react';
import type { Result } from '../../shared/result';

/**
 * The value of one bridge call, loaded again whenever `key` changes; answers that arrive
 * after the key moved on are dropped. `null` until loaded (or when the call fails).
 */
export function useApiValue<T>(load: (() => Promise<Result<T>>) | null, key: unknown): T | null {
  const [state, setState] = useState<{ key: unknown; value: T | null }>({ key: undefined, value: null });
  useEffect(() => {
    let live = true;
    if (!load) return;
    void load().then((r) => live && setState({ key, value: r.ok ? r.value : null }));
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; `key` says when to load again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state.value;
}
