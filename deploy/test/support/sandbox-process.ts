// The Magento sandbox as its own process (`node magento-sandbox/src/main.ts` on a free port), for an
// image that needs a Magento to answer before it is healthy (the search service builds its index first).
import { spawn } from "node:child_process";
import { join } from "node:path";

export interface SandboxProcess {
  url: string;
  stop(): Promise<void>;
}

export function startSandboxProcess(repo: string, timeoutMs = 30_000): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [join(repo, "magento-sandbox", "src", "main.ts")], {
    env: { PATH: process.env.PATH, SANDBOX_PORT: "0", SANDBOX_HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`sandbox not up in ${timeoutMs} ms:\n${output}`))), timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = / at (http:\/\/127\.0\.0\.1:\d+)\/ /.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: match[1]!, stop });
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`sandbox exited with ${code}:\n${output}`)); });
  });
}
