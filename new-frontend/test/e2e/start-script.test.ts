// `npm start` (scripts/start.ts): starts sandbox, new frontend, proxy and purge endpoint, prints the URL
// to open, serves the shop through the proxy, and stops every child on SIGINT (Ctrl-C).
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort, repoRoot } from "../../tools/services.ts";

let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
});

function waitForOutput(process: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output.slice(-3000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    process.stdout?.on("data", onData);
    process.stderr?.on("data", onData);
    process.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before ${pattern}:\n${output.slice(-3000)}`));
    });
  });
}

async function isListening(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

describe("npm start", () => {
  it("runs the whole store behind the proxy and stops all of it on Ctrl-C", async () => {
    const [shop, admin, sandbox, frontend, purge] = await Promise.all(Array.from({ length: 5 }, findFreePort));
    child = spawn(process.execPath, [join(repoRoot, "scripts", "start.ts")], {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(shop), ADMIN_PORT: String(admin), SANDBOX_PORT: String(sandbox), FRONTEND_PORT: String(frontend), PURGE_PORT: String(purge), LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
    const output = await waitForOutput(child, /Open http:\/\/127\.0\.0\.1:\d+/, 90_000);
    expect(output).toContain(`Open http://127.0.0.1:${shop}`);

    const home = await fetch(`http://127.0.0.1:${shop}/`);
    expect(home.status).toBe(200);
    const product = await (await fetch(`http://127.0.0.1:${shop}/joust-duffle-bag.html`)).text();
    expect(product).toContain('<meta name="generator" content="strangler-new-frontend"/>');

    child.kill("SIGINT");
    expect(await exited).toBe(0);
    for (const port of [shop, sandbox, frontend, purge]) expect(await isListening(`http://127.0.0.1:${port}/`), `port ${port} closed`).toBe(false);
  }, 120_000);
});
