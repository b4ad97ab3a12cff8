// Runs every workspace's benchmark (`<workspace>/bench/index.ts`) one after another in one run,
// each in its own process so one suite's warm JIT or open sockets cannot colour the next.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const workspaces = ["magento-sandbox", "adapters", "proxy", "new-frontend", "services/search"];
// `npm run bench -- proxy --soak`: names pick workspaces, `--flags` go to each picked bench.
const only = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const flags = process.argv.slice(2).filter((arg) => arg.startsWith("--"));
let failed = 0;

for (const workspace of workspaces) {
  if (only.length > 0 && !only.includes(workspace)) continue;
  const entry = join(root, workspace, "bench", "index.ts");
  if (!existsSync(entry)) continue;
  console.log(`\n=== ${workspace} ===`);
  const run = spawnSync(process.execPath, [entry, ...flags], { stdio: "inherit", cwd: join(root, workspace) });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
