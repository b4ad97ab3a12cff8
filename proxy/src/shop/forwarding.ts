// What happens once a decision is made: send to the upstream, pipe its answer back, or, when the new
// side fails a GET/HEAD before any byte reached the shopper, replay it to the plan's fallback.
// Non-idempotent requests are never replayed: they get the upstream's error or a 502 page.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { classifyUpstreamError } from "../errors.ts";
import { sendErrorPage } from "../error-pages.ts";
import { canReplay } from "../fallback/replay-policy.ts";
import { writeResponseHead } from "../forward/response-head.ts";
import type { ResponseRewrite } from "../forward/response-head.ts";
import type { Upstream } from "../forward/upstreams.ts";
import type { Decision } from "../routing/route-table.ts";
import { EXCHANGE } from "./exchange.ts";
import type { Exchange, WithExchange } from "./exchange.ts";

export interface ForwardingHooks {
  upstreams: ReadonlyMap<string, Upstream>;
  legacy: Upstream;
  onFallback(ex: Exchange, from: Upstream): void;
}

export function createForwarding(hooks: ForwardingHooks) {
  function send(ex: Exchange, decision: Decision): void {
    ex.decision = decision;
    const upstream = hooks.upstreams.get(decision.target) ?? hooks.legacy;
    ex.upstream = upstream;
    upstream.web(ex.req, ex.res);
  }

  function replay(ex: Exchange, from: Upstream): void {
    ex.replayed = true;
    hooks.onFallback(ex, from);
    send(ex, ex.decision!.onFailure!);
  }

  function onResponse(upstreamRes: IncomingMessage, req: IncomingMessage, res: ServerResponse): void {
    const ex = (req as WithExchange)[EXCHANGE]!;
    const upstream = ex.upstream!;
    const status = upstreamRes.statusCode ?? 502;
    if (status >= 500 && upstream.breaker !== undefined) {
      upstream.breaker.recordFailure();
      if (canReplay(ex)) {
        ex.failure = "status";
        upstreamRes.resume(); // drain, so the keep-alive socket is reused
        replay(ex, upstream);
        return;
      }
    } else {
      upstream.breaker?.recordSuccess();
    }
    const rewrite = upstream.isLegacy ? undefined : createRewrite(ex, upstream);
    writeResponseHead(res, upstreamRes, rewrite, ex.newSessionCookie, ex.debug ? formatDecision(ex.decision!) : undefined);
    (upstreamRes as WithExchange)[EXCHANGE] = ex;
    upstreamRes.on("error", onUpstreamBodyError);
    upstreamRes.pipe(res);
  }

  function onError(error: Error, req: IncomingMessage, res: ServerResponse | Duplex): void {
    const ex = (req as WithExchange)[EXCHANGE];
    if (ex === undefined || !("writeHead" in res)) { // a WebSocket upgrade
      res.destroy();
      return;
    }
    if (req.socket.destroyed || res.writableEnded) return; // the shopper left; not the upstream's fault
    const upstream = ex.upstream!;
    const stage = classifyUpstreamError(error);
    ex.failure = stage;
    upstream.breaker?.recordFailure();
    if (res.headersSent) {
      res.destroy(); // mid-body: the shopper sees a cut connection, never a spliced page
    } else if (canReplay(ex)) {
      replay(ex, upstream);
    } else {
      sendErrorPage(res, stage === "timeout" ? 504 : 502, ex.debug ? ["X-Strangler-Decision", formatDecision(ex.decision!)] : []);
    }
  }

  return { send, onResponse, onError };
}

function onUpstreamBodyError(this: IncomingMessage & WithExchange): void {
  const ex = this[EXCHANGE];
  if (ex !== undefined && !ex.res.writableFinished) ex.res.destroy();
}

function createRewrite(ex: Exchange, upstream: Upstream): ResponseRewrite {
  const host = ex.headers.host ?? "";
  return {
    upstreamOrigin: upstream.url.origin,
    upstreamHostname: upstream.url.hostname.toLowerCase(),
    publicOrigin: `${ex.proto}://${host}`,
    publicHostname: ex.host,
  };
}

export function formatDecision(decision: Decision): string {
  return `target=${decision.target}; plan=${decision.planId ?? "-"}; route=${decision.routeId ?? "-"}; reason=${decision.reason}`;
}
