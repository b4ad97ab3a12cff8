// The purge endpoint Magento's full page cache talks to, so the new side is invalidated exactly when
// Magento would ban Varnish objects. Per request: who is asking (access.ts), what is asked
// (read-request.ts), then the purge within its budget (purge-runner.ts). Answers:
//   200 { purged: true, tags, all, dropped }                   done;
//   202 { purged: false, partial: true, …, remaining, retrying } the budget ran out, the rest follows;
//   400/401/403/405/413 { error }                             refused, nothing purged;
//   503 { error, retrying }                                   the shared cache is unreachable.
// The frontend is told (onPurged) after every purge that was attempted, complete or not.
import type { IncomingMessage, ServerResponse } from "node:http";
import { AdapterError, PurgeRefusedError } from "../errors.ts";
import { consoleLogger, createCounterMetrics } from "../observability.ts";
import type { AdapterLogger, AdapterMetrics } from "../observability.ts";
import { createPurgeAccess } from "./access.ts";
import { parsePurgeOptions } from "./config.ts";
import type { PurgeOptions } from "./config.ts";
import { createPurgeRunner } from "./purge-runner.ts";
import type { OnPurged, PurgeAttempt, PurgeTarget } from "./purge-runner.ts";
import { readPurgeRequest } from "./read-request.ts";
import type { PurgeScope } from "../adapters.ts";

export interface PurgeHandlerOptions extends PurgeOptions {
  /** Required: what to purge (an Adapters instance). */
  cache: PurgeTarget;
  /** Called after every attempted purge with its tags (`[]` and `all` for a full flush); errors are logged. */
  onPurged?: OnPurged;
  logger?: AdapterLogger;
  metrics?: AdapterMetrics;
}

export interface PurgeHandler {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Background retries still waiting or running. */
  pendingRetries(): number;
  /** Cancels the background retries. */
  close(): void;
}

function reply(res: ServerResponse, status: number, body: object): void {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="purge"';
  if (status === 405) headers.allow = "PURGE, POST";
  res.writeHead(status, headers).end(JSON.stringify(body));
}

function answer(res: ServerResponse, scope: PurgeScope, attempt: PurgeAttempt): void {
  const what = { tags: scope.all ? [] : scope.tags, all: scope.all };
  const { outcome, error, retrying } = attempt;
  if (outcome?.complete) return reply(res, 200, { purged: true, ...what, dropped: outcome.dropped });
  if (outcome) return reply(res, 202, { purged: false, partial: true, ...what, dropped: outcome.dropped, remaining: outcome.remaining, retrying });
  const status = error instanceof AdapterError && error.code === "CACHE_UNAVAILABLE" ? 503 : 500;
  reply(res, status, { error: `purge failed: ${error instanceof Error ? error.message : String(error)}`, retrying });
}

/** Throws AdapterConfigError for invalid settings (see config.ts for the defaults). */
export function createPurgeHandler(options: PurgeHandlerOptions): PurgeHandler {
  const { cache, onPurged, logger = consoleLogger, metrics = createCounterMetrics(), ...settings } = options;
  const config = parsePurgeOptions(settings);
  const checkAccess = createPurgeAccess(config);
  const runner = createPurgeRunner({ cache, onPurged, budgetMs: config.budgetMs, retryDelaysMs: config.retryDelaysMs, logger, metrics });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      checkAccess(req);
      const scope = await readPurgeRequest(req, config.maxBodyBytes);
      if (scope.all && !config.allowFullFlush) throw new PurgeRefusedError(403, "a full flush (.*) is disabled here (PURGE_ALLOW_FULL_FLUSH=false)");
      answer(res, scope, await runner.run(scope));
    } catch (error) {
      if (!(error instanceof PurgeRefusedError)) throw error;
      metrics.increment("adapters_purge_refused", { status: String(error.status) });
      reply(res, error.status, { error: error.message });
    }
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => reply(res, 500, { error: `purge failed: ${String(error)}` }));
  };
  return Object.assign(handler, { pendingRetries: runner.pending, close: runner.close });
}
