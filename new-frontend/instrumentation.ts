// Runs once when the Next server starts: the settings are checked here, so a server without PUBLIC_URL
// (or with any bad setting, OTel's included) refuses to start, saying why, instead of answering 500 to
// every request. With an OTLP endpoint set, tracing starts here, before the first request (lib/tracing.ts);
// with METRICS_PORT it also opens the metrics port (lib/metrics-server.ts), apart from the shop's.
import { parseFrontendConfig } from "./lib/config.ts";

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  let config;
  let tracing;
  // Loaded only in the Node.js runtime: the SDK uses node:async_hooks, which the edge runtime lacks.
  const { parseTracingConfig, startTracing } = await import("./lib/tracing.ts");
  try {
    config = parseFrontendConfig(process.env);
    tracing = parseTracingConfig(process.env);
  } catch (error) {
    console.error(`new-frontend: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (tracing !== undefined) startTracing(tracing);
  if (config.metricsPort === undefined) return;
  const { startMetricsServer } = await import("./lib/metrics-server.ts");
  try {
    await startMetricsServer(config.metricsPort, config.metricsHost);
  } catch (error) {
    console.error(`new-frontend: METRICS_PORT ${config.metricsPort} on ${config.metricsHost} could not be opened: ${String(error)}`);
    process.exit(1);
  }
}
