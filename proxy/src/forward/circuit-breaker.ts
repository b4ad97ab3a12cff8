// One breaker per non-legacy upstream. Closed: everything passes, consecutive failures are counted.
// Open (after `failureThreshold` in a row): the upstream's plans go to their fallback. After `openMs` it
// turns half-open and lets one probe through at a time: a success closes it, a failure opens it again.
export type CircuitState = "closed" | "open" | "half-open";

export interface CircuitBreakerOptions {
  /** Required. Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** Required. Milliseconds the circuit stays open before probing; also how long a probe may take. */
  openMs: number;
  /** Optional. Milliseconds clock; default Date.now. */
  now?: () => number;
}

export interface CircuitBreaker {
  /** True when a request may go to the upstream; in half-open state this grants the probe. */
  allowRequest(): boolean;
  recordSuccess(): void;
  recordFailure(): void;
  state(): CircuitState;
}

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const now = options.now ?? Date.now;
  let state: CircuitState = "closed";
  let failures = 0;
  let openedAt = 0;
  let probeAt = -Infinity;

  const open = () => { state = "open"; openedAt = now(); failures = 0; };
  return {
    allowRequest() {
      if (state === "closed") return true;
      const at = now();
      if (state === "open") {
        if (at - openedAt < options.openMs) return false;
        state = "half-open";
      }
      // One probe at a time; a probe that never reported (shopper left) expires after openMs.
      if (at - probeAt < options.openMs) return false;
      probeAt = at;
      return true;
    },
    recordSuccess() {
      failures = 0;
      if (state === "half-open") { state = "closed"; probeAt = -Infinity; }
    },
    recordFailure() {
      if (state === "half-open") { probeAt = -Infinity; open(); return; }
      if (state === "closed" && ++failures >= options.failureThreshold) open();
    },
    state: () => state,
  };
}
