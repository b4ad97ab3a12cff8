// The forwarder: the only door to the upstreams. `forward` runs a shop request's whole round trip and
// resolves with its outcome once the shopper has the answer (or the connection was cut); `upgrade` does the
// same for an upgrade. Both take the decision the router made; replays to the fallback, the stale-socket
// retry, circuit breakers, timeouts and admission all happen inside (forward-job.ts, upgrade-job.ts).
import type { Duplex } from "node:stream";
import type { Decision } from "../routing/route-table.ts";
import { ForwardJob } from "./forward-job.ts";
import type { ForwardContext, ForwardExchange, ForwardResult } from "./forward-job.ts";
import { buildRequestHead } from "./request-head.ts";
import type { BodyLimits } from "./request-body.ts";
import { UpgradeJob } from "./upgrade-job.ts";
import type { UpgradeExchange } from "./upgrade-job.ts";
import type { Upstream } from "./upstream.ts";

export type { ForwardExchange, ForwardResult } from "./forward-job.ts";
export type { UpgradeExchange } from "./upgrade-job.ts";

export interface ForwarderOptions {
  /** Required. Every upstream by name; must hold `legacy`. */
  upstreams: ReadonlyMap<string, Upstream>;
  limits: BodyLimits;
  /** Required. Milliseconds a shopper may leave the response unread before the connection is cut. */
  sendTimeoutMs: number;
  /** Required. Milliseconds an upgraded tunnel may stay silent both ways. */
  upgradeIdleMs: number;
  /** Required. Host sent upstream for a request without one (HTTP/1.0). */
  publicHost: string;
}

export interface HeadInput {
  remoteAddress: string | undefined;
  trusted: boolean;
  traceparent: string;
  requestId: string;
}

export interface Forwarder {
  forward(ex: ForwardExchange & HeadInput, decision: Decision): Promise<ForwardResult>;
  upgrade(ex: UpgradeExchange & HeadInput, decision: Decision, socket: Duplex, head: Buffer): Promise<ForwardResult>;
  close(): Promise<void>;
}

export function createForwarder(options: ForwarderOptions): Forwarder {
  const legacy = options.upstreams.get("legacy");
  if (legacy === undefined) throw new Error("the forwarder needs a legacy upstream");
  const ctx = { upstreams: options.upstreams, legacy, limits: options.limits, sendTimeoutMs: options.sendTimeoutMs, publicHost: options.publicHost };
  const upgradeCtx = { ...ctx, idleMs: options.upgradeIdleMs } satisfies ForwardContext & { idleMs: number };
  const headOf = (ex: { headers: ForwardExchange["headers"]; proto: string } & HeadInput) => buildRequestHead({
    headers: ex.headers, remoteAddress: ex.remoteAddress, proto: ex.proto, trusted: ex.trusted, publicHost: options.publicHost,
    traceparent: ex.traceparent, requestId: ex.requestId,
  });
  return {
    forward(ex, decision) {
      ex.upstreamHead = headOf(ex);
      return new Promise((resolve) => new ForwardJob(ctx, ex, resolve).start(decision));
    },
    upgrade(ex, decision, socket, head) {
      ex.upstreamHead = headOf(ex);
      return new Promise((resolve) => new UpgradeJob(upgradeCtx, ex, socket, head, resolve).start(decision));
    },
    async close() {
      await Promise.all([...options.upstreams.values()].map((upstream) => upstream.close()));
    },
  };
}
