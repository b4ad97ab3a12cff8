// One upstream: its undici pools, its admission slots and, for every upstream but legacy, its circuit
// breaker. The main pool keeps up to `connections` keep-alive connections; the fresh pool opens a new
// connection per request and never reuses it, for the one retry after a pooled socket turned out stale.
import type { Socket } from "node:net";
import { buildConnector, Pool } from "undici";
import { createCircuitBreaker } from "./circuit-breaker.ts";
import type { CircuitBreaker } from "./circuit-breaker.ts";
import { createConnectionSlots } from "./connection-slots.ts";
import type { ConnectionSlots } from "./connection-slots.ts";

export interface UpstreamOptions {
  /** Required. Milliseconds to open a connection. */
  connectTimeoutMs: number;
  /** Required. Milliseconds of upstream silence before its head, and between body chunks. */
  responseTimeoutMs: number;
  /**
   * Required. Milliseconds a GET/HEAD that has a fallback may wait for this upstream's first byte, queue
   * included; past it the fallback answers and the breaker counts a failure. For legacy (no fallback) it is
   * the response-head timeout of every request.
   */
  firstByteTimeoutMs: number;
  /** Required. Pooled connections, and so concurrent requests. */
  connections: number;
  /** Required. Requests that may wait for a connection, and for how many milliseconds. */
  queueLength: number;
  queueTimeoutMs: number;
  circuitFailures: number;
  circuitOpenMs: number;
  /** Milliseconds an idle pooled connection is kept; default 4000 (a server's shorter Keep-Alive hint wins). */
  idleMs?: number;
  now?: () => number;
  /** Seconds each queued request waited, granted or not. */
  onWait?: (upstream: string, seconds: number, granted: boolean) => void;
  /** Extra options for undici's connector (e.g. `lookup`). */
  connect?: Record<string, unknown>;
}

export interface Upstream {
  readonly name: string;
  readonly url: URL;
  /** Location/Set-Cookie rewriting applies to every upstream but legacy. */
  readonly isLegacy: boolean;
  /** Undefined for legacy: when legacy is down there is nowhere else to go. */
  readonly breaker: CircuitBreaker | undefined;
  readonly pool: Pool;
  readonly freshPool: Pool;
  readonly slots: ConnectionSlots;
  readonly responseTimeoutMs: number;
  readonly firstByteTimeoutMs: number;
  close(): Promise<void>;
}

/** Set on a socket error: bytes the socket had read, so a failure tells a reused socket (> 0) from a new one. */
export const SOCKET_BYTES_READ = Symbol("strangler.socketBytesRead");

// Idle pooled connections close before the common 5 s server keep-alive timeout, so a request rarely lands
// on a connection the upstream is closing at that very moment.
const IDLE_MS = 4_000;

export function createUpstream(name: string, url: URL, options: UpstreamOptions): Upstream {
  const connect = createConnector(options);
  const isLegacy = name === "legacy";
  // A new side's POST has nowhere else to go, so only legacy's head timeout is the (longer) budget itself.
  const headersTimeout = isLegacy ? options.firstByteTimeoutMs : options.responseTimeoutMs;
  const timeouts = { headersTimeout, bodyTimeout: options.responseTimeoutMs };
  const idleMs = options.idleMs ?? IDLE_MS;
  const pool = new Pool(url.origin, {
    connections: options.connections, pipelining: 1, connect, ...timeouts,
    // A server's Keep-Alive hint (less a second) may only shorten the idle period.
    keepAliveTimeout: idleMs, keepAliveMaxTimeout: idleMs, keepAliveTimeoutThreshold: 1_000,
  });
  const freshPool = new Pool(url.origin, { connections: options.connections, pipelining: 0, connect, ...timeouts });
  const breaker = isLegacy ? undefined
    : createCircuitBreaker({ failureThreshold: options.circuitFailures, openMs: options.circuitOpenMs, now: options.now });
  const onWait = options.onWait;
  const slots = createConnectionSlots({
    size: options.connections, queueLength: options.queueLength, waitMs: options.queueTimeoutMs,
    onWait: onWait === undefined ? undefined : (seconds, granted) => onWait(name, seconds, granted),
  });
  return {
    name, url, isLegacy, breaker, pool, freshPool, slots, responseTimeoutMs: options.responseTimeoutMs, firstByteTimeoutMs: options.firstByteTimeoutMs,
    async close() {
      await Promise.all([pool.destroy(), freshPool.destroy()]);
    },
  };
}

function createConnector(options: UpstreamOptions): buildConnector.connector {
  const connect = buildConnector({ timeout: options.connectTimeoutMs, ...options.connect });
  return (connectOptions, callback) => connect(connectOptions, (error, socket) => {
    if (socket) (socket as Socket).on("error", markBytesRead);
    (callback as (error: Error | null, socket: Socket | null) => void)(error, (socket ?? null) as Socket | null);
  });
}

// Runs before undici's own error listener (added after the connect callback), so undici's error carries it.
function markBytesRead(this: Socket, error: Error & { [SOCKET_BYTES_READ]?: number }): void {
  error[SOCKET_BYTES_READ] = this.bytesRead;
}
