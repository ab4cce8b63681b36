import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads once per change of `deps` (compared by value: they are ids, codes and filters);
 * reload() refetches after a command or a live change. The latest `load` is always the one run.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(load);
  useEffect(() => {
    latest.current = load;
  });
  const reload = useCallback(() => {
    setLoading(true);
    latest
      .current()
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch(setError)
      .finally(() => setLoading(false));
  }, []);
  const key = JSON.stringify(deps);
  useEffect(reload, [reload, key]);
  return { data, error, loading, reload };
}
