import { useCallback, useEffect, useState } from 'react';
import type { Directory } from '../../../shared/contract';
import { api } from '../api';

/**
 * The active profile's directory: the cache at once (works offline), then a quiet refresh
 * from Feather. `refresh` is the user's explicit one.
 */
export function useDirectory(profileKey: string) {
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [refreshing, setRefreshing] = useState(false);

  useEffect(() => {
    let live = true;
    void api()
      .directory.list({})
      .then((r) => {
        if (live && r.ok) setDirectory(r.value);
        return api().directory.refresh({});
      })
      .then((r) => live && r.ok && setDirectory(r.value));
    return () => {
      live = false;
    };
  }, [profileKey]);

  const refresh = useCallback(async () => {
    setRefreshing(true);
    const r = await api().directory.refresh({});
    setRefreshing(false);
    if (r.ok) setDirectory(r.value);
  }, []);

  /** Keeps a hand-typed ID under a name; returns the problem to show, or null. */
  const saveManual = useCallback(async (kind: 'phoneNumber' | 'agent' | 'team', label: string, id: string) => {
    const r = await api().directory.addManual({ kind, label, id });
    if (!r.ok) return Object.values(r.error.fields ?? {})[0] ?? r.error.message;
    setDirectory(r.value);
    return null;
  }, []);

  return { directory, setDirectory, refresh, refreshing, saveManual };
}
