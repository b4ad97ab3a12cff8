// Bench (c)/(d): the strangler proxy as it runs in production (access log at info, to /dev/null so
// the terminal stays readable), one plan sending /new/** to the new side at 100 %.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createProxy, loadConfig } from "../src/index.ts";
import { createProcessLogger } from "../src/logger.ts";
import { serveCpuUsage } from "./cpu-usage.ts";

const [legacyUrl, newUrl] = process.argv.slice(2) as [string, string];
const plansDir = await mkdtemp(join(tmpdir(), "strangler-bench-plans-"));
await writeFile(join(plansDir, "bench.yaml"), [
  "id: bench-pages", "target: new-frontend", "match:", "  - path: /new/**", "rollout: { percentage: 100, stickiness: sessionId }", "",
].join("\n"));
const config = loadConfig({
  PORT: "0", ADMIN_PORT: "0", HOST: "127.0.0.1", ADMIN_TOKEN: "bench-admin-token-0123456789",
  LEGACY_URL: legacyUrl, NEW_FRONTEND_URL: newUrl, PLANS_DIR: plansDir, LOG_LEVEL: "info", FLAG_STATE_DIR: join(plansDir, "flags"),
});
// BENCH_LOG_LEVEL=silent measures the proxy without its access log (the log is on in production).
const level = process.env.BENCH_LOG_LEVEL ?? "info";
const { logger, destination } = createProcessLogger(level, "/dev/null");
const proxy = await createProxy(config, { logger, logDestination: destination, defaultMetrics: false });
process.send!({ url: proxy.shopUrl });
serveCpuUsage();
process.on("SIGINT", () => process.exit(0));
