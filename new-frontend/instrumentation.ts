// Runs once when the Next server starts: the settings are checked here, so a server without PUBLIC_URL
// (or with any bad setting) refuses to start, saying why, instead of answering 500 to every request.
// With METRICS_PORT it also opens the metrics port (lib/metrics-server.ts), apart from the shop's.
import { parseFrontendConfig } from "./lib/config.ts";

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  let config;
  try {
    config = parseFrontendConfig(process.env);
  } catch (error) {
    console.error(`new-frontend: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (config.metricsPort === undefined) return;
  const { startMetricsServer } = await import("./lib/metrics-server.ts");
  try {
    await startMetricsServer(config.metricsPort, config.metricsHost);
  } catch (error) {
    console.error(`new-frontend: METRICS_PORT ${config.metricsPort} on ${config.metricsHost} could not be opened: ${String(error)}`);
    process.exit(1);
  }
}
