// Whether what the Unleash client holds is fresh: the last fetch succeeded (200 or 304) and recently
// enough. A hanging or vanished server emits nothing at all, so age matters as much as errors do.
export interface FetchHealth {
  recordSuccess(): void;
  recordFailure(): void;
  isFresh(): boolean;
  /** When the last fetch succeeded (epoch ms), if one has. */
  lastSuccessAt(): number | undefined;
}

export function createFetchHealth(now: () => number, staleAfterMs: number): FetchHealth {
  let lastSuccessAt: number | undefined;
  let failing = false;
  return {
    recordSuccess() {
      lastSuccessAt = now();
      failing = false;
    },
    recordFailure() {
      failing = true;
    },
    isFresh() {
      return !failing && lastSuccessAt !== undefined && now() - lastSuccessAt <= staleAfterMs;
    },
    lastSuccessAt: () => lastSuccessAt,
  };
}

/** Warnings of the client that mean "the toggles could not be fetched" (not metrics, not usage warnings). */
export function isFetchFailureWarning(message: unknown): boolean {
  if (typeof message !== "string") return false;
  return message.includes("/client/features") || message.startsWith("Socket keep alive error");
}

export function isFetchFailureError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith("Unleash Repository error");
}
