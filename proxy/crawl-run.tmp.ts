// Not committed: starts the sandbox and the built new frontend, then runs `strangler plans parity --crawl`.
import { startSandbox } from "@strangler/magento-sandbox";
import { buildNextStartArgs, findFreePort, startService } from "/work/wt-shadow/new-frontend/tools/services.ts";
import { frontendDir } from "/work/wt-shadow/new-frontend/tools/ensure-build.ts";
import { runCli } from "/work/wt-shadow/proxy/src/cli/run-cli.ts";
const sandbox = await startSandbox({ port: 0 });
const port = await findFreePort();
const nextUrl = `http://127.0.0.1:${port}`;
const next = await startService({
  name: "new-frontend", args: buildNextStartArgs(port), cwd: frontendDir, output: "pipe", readyUrl: `${nextUrl}/api/health`,
  env: { MAGENTO_URL: sandbox.url, PUBLIC_URL: sandbox.url, REDIS_URL: "", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
}, 180_000);
const t = performance.now();
const code = await runCli(["plans", "parity", "--crawl", "--legacy", sandbox.url, "--new", nextUrl, "--concurrency", "4"], { env: {}, stdout: console.log, stderr: console.error });
console.log("exit", code, "seconds", ((performance.now() - t) / 1000).toFixed(1));
await next.stop();
await sandbox.close();
