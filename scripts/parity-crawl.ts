// `node scripts/parity-crawl.ts [--concurrency N] [--limit N]`: the whole-catalog parity crawl on this
// machine, with nothing else running: starts the Magento sandbox and the built new frontend on free ports
// (build first: `npm run build -w new-frontend`, or let `npm start` build it), runs
// `strangler plans parity --crawl` against them, stops both and exits with the crawl's code.
// Against a running stack the command alone does the same:
//   LEGACY_URL=http://127.0.0.1:8081 NEW_FRONTEND_URL=http://127.0.0.1:3000 npx strangler plans parity --crawl
import { startSandbox } from "@strangler/magento-sandbox";
import { runCli } from "../proxy/src/cli/run-cli.ts";
import { frontendDir } from "../new-frontend/tools/ensure-build.ts";
import { buildNextStartArgs, findFreePort, startService } from "../new-frontend/tools/services.ts";

const sandbox = await startSandbox({ port: 0 });
const port = await findFreePort();
const nextUrl = `http://127.0.0.1:${port}`;
const next = await startService({
  name: "new-frontend", args: buildNextStartArgs(port), cwd: frontendDir, output: "pipe", readyUrl: `${nextUrl}/api/health`,
  env: { MAGENTO_URL: sandbox.url, PUBLIC_URL: sandbox.url, REDIS_URL: "", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
}, 180_000);
let code: number;
try {
  const started = performance.now();
  code = await runCli(["plans", "parity", "--crawl", "--legacy", sandbox.url, "--new", nextUrl, ...process.argv.slice(2)], {
    env: {}, stdout: (line) => console.log(line), stderr: (line) => console.error(line),
  });
  console.log(`crawled in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await next.stop();
  await sandbox.close();
}
process.exit(code);
