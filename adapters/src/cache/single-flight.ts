// In-process single flight: concurrent callers for one key share one promise until it settles.
export interface SingleFlight {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  pending<T>(key: string): Promise<T> | undefined;
  /** Forget every pending promise (their callers still get them; new callers start afresh). */
  clear(): void;
}

export function createSingleFlight(): SingleFlight {
  const inFlight = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const existing = inFlight.get(key);
      if (existing) return existing as Promise<T>;
      const promise = work().finally(() => {
        if (inFlight.get(key) === promise) inFlight.delete(key);
      });
      inFlight.set(key, promise);
      return promise;
    },
    pending: <T>(key: string) => inFlight.get(key) as Promise<T> | undefined,
    clear: () => inFlight.clear(),
  };
}
