// Stage shadow's pieces, wired from the config: the parity board (with its metrics), the facts worker and
// the runner. One call from app.ts; the board is also what the dashboard's parity panel reads.
import type { Registry } from "prom-client";
import type { ProxyConfig } from "../config.ts";
import { createFactsPool } from "../parity/facts-pool.ts";
import { createParityBoard } from "../parity/parity-board.ts";
import type { ParityBoard } from "../parity/parity-board.ts";
import { createParityMetrics } from "../parity/parity-metrics.ts";
import { createShadowRunner } from "./shadow-runner.ts";
import type { ShadowRunner } from "./shadow-runner.ts";

export interface Shadowing {
  board: ParityBoard;
  runner: ShadowRunner;
}

export function createShadowing(config: ProxyConfig, registry: Registry, random?: () => number): Shadowing {
  const metrics = createParityMetrics(registry);
  const board = createParityBoard({
    samplesPerPlan: config.PARITY_SAMPLES,
    onCompared(plan, pageType, fields) {
      metrics.compared.inc({ plan, page_type: pageType });
      for (const field of fields) metrics.mismatches.inc({ plan, page_type: pageType, field });
    },
  });
  const runner = createShadowRunner({
    upstreams: config.upstreams, legacy: config.upstreams.get("legacy")!, board, facts: createFactsPool(), random,
    limits: {
      concurrency: config.SHADOW_CONCURRENCY, queueLength: config.SHADOW_QUEUE_LENGTH, timeoutMs: config.SHADOW_TIMEOUT_MS,
      maxBodyBytes: config.SHADOW_BODY_BYTES, noiseSample: config.SHADOW_NOISE_PERCENT / 100,
      maxLoad: config.SHADOW_MAX_LOAD_PERCENT / 100,
    },
    onResult: (plan, result) => metrics.shadowRequests.inc({ plan, result }),
  });
  return { board, runner };
}
