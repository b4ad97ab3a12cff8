// `next start` checks the settings once at start (instrumentation.ts): without PUBLIC_URL, or with a bad
// store or OpenTelemetry setting, the server refuses to start and says why, instead of serving pages that would point
// canonicals and redirects at an internal address.
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { frontendDir } from "../../tools/ensure-build.ts";
import { buildNextStartArgs, findFreePort } from "../../tools/services.ts";

function startNext(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return findFreePort().then((port) => new Promise((resolve) => {
    const child = execFile(process.execPath, buildNextStartArgs(port), {
      cwd: frontendDir, timeout: 30_000, env: { PATH: process.env.PATH ?? "", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env },
    }, (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }));
  }));
}

describe("the new frontend at start", () => {
  it.each([
    [{ MAGENTO_URL: "http://127.0.0.1:1" }, "new-frontend: Invalid new-frontend environment: PUBLIC_URL: PUBLIC_URL is required: the shop's public URL (the proxy's), e.g. http://127.0.0.1:8080"],
    [{ MAGENTO_URL: "http://127.0.0.1:1", PUBLIC_URL: "http://shop.test", STORE_PUBLIC_URLS: "fr=http://fr.shop.test" }, "new-frontend: Invalid new-frontend environment: STORE_PUBLIC_URLS: fr is not in STORE_CODES (default)"],
    [{ MAGENTO_URL: "http://127.0.0.1:1", PUBLIC_URL: "http://shop.test", OTEL_EXPORTER_OTLP_ENDPOINT: "grpc://collector:4317", OTEL_TRACES_SAMPLER: "sometimes" },
      "new-frontend: OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, e.g. http://otel-collector:4318; OTEL_TRACES_SAMPLER must be one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio"],
  ])("rejects %j: exits 1 with the config error", async (env, message) => {
    const { code, stderr } = await startNext(env);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  }, 40_000);
});
