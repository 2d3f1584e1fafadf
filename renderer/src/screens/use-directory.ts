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

  return { directory, setDirectory, refresh, refreshing };
}
