// Bench rows "strangler": the proxy as it runs in production (access log at info, to /dev/null so the
// terminal stays readable). `paths` loads three path plans (/new/** goes to the new side at 100 %, the others
// match nothing the bench asks for); `page-type` adds a plan that needs the page type (PRODUCT → new side),
// resolved once from legacy's GraphQL and then served from the in-process cache; `graphql` adds a plan that
// sends a GraphQL query with root field products(search:) to the new side (the body read and parsed first);
// `traced` is `paths` exporting every request's spans (parentbased_always_on) over OTLP/HTTP to the bench
// upstream, which plays the collector on the load generator's core; `sampled` the same with 1 % of traces kept.
// `shadow-off` and `shadow-on` add a plan for /s/** in stage off, or in stage shadow mirroring 100 % (shadow.ts).
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createProxy, loadConfig } from "../src/index.ts";
import { createProcessLogger } from "../src/logger.ts";

// A fourth argument `metrics-off` runs the same proxy without the per-request metrics, to price them.
const [legacyUrl, newUrl, mode, metrics] = process.argv.slice(2) as [string, string, "paths" | "page-type" | "graphql" | "traced" | "sampled" | "shadow-off" | "shadow-on", "metrics-off" | undefined];
const plansDir = await mkdtemp(join(tmpdir(), "strangler-bench-plans-"));
const plan = (id: string, match: string, priority = 0) => [
  `id: ${id}`, "target: new-frontend", `priority: ${priority}`, "match:", match, "rollout: { percentage: 100, stickiness: sessionId }", "",
].join("\n");
await writeFile(join(plansDir, "new.yaml"), plan("bench-new", "  - path: /new/**", 10));
await writeFile(join(plansDir, "blog.yaml"), plan("bench-blog", "  - path: /blog/**", 10));
await writeFile(join(plansDir, "account.yaml"), plan("bench-account", "  - path: /customer/account/**\n    methods: [GET]", 10));
if (mode === "graphql") await writeFile(join(plansDir, "search.yaml"), plan("bench-search", "  - graphql: { rootFields: [products], argument: search }"));
if (mode === "page-type") await writeFile(join(plansDir, "products.yaml"), plan("bench-products", "  - path: /p/**\n    pageType: PRODUCT"));
if (mode === "shadow-off") await writeFile(join(plansDir, "shadow.yaml"), plan("bench-shadow", "  - path: /s/**") + "stage: off\n");
if (mode === "shadow-on") await writeFile(join(plansDir, "shadow.yaml"), plan("bench-shadow", "  - path: /s/**") + "stage: shadow\nshadow: { sample: 100 }\n");
const config = loadConfig({
  PORT: "0", ADMIN_PORT: "0", HOST: "127.0.0.1", ADMIN_TOKEN: "bench-admin-token-0123456789",
  LEGACY_URL: legacyUrl, NEW_FRONTEND_URL: newUrl, PLANS_DIR: plansDir, LOG_LEVEL: "info", FLAG_STATE_DIR: join(plansDir, "flags"),
  ...(mode === "traced" || mode === "sampled" ? { OTEL_EXPORTER_OTLP_ENDPOINT: legacyUrl, OTEL_SERVICE_NAME: "strangler-bench" } : {}),
  ...(mode === "sampled" ? { OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.01" } : {}),
});
const { logger, destination } = createProcessLogger("info", "/dev/null");
const proxy = await createProxy(config, { logger, logDestination: destination, defaultMetrics: false, requestMetrics: metrics !== "metrics-off" });
process.send!({ url: proxy.shopUrl });
process.on("disconnect", () => process.exit(0));
