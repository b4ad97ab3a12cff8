/**
 * `npm run sandbox` as a user runs it: a real npm in `cwd`, on any free port. Resolves once the
 * sandbox prints where it listens; rejects with its output if it exits first.
 */
import { spawn } from "node:child_process";

export interface NpmSandbox {
  url: string;
  /** SIGTERM to the process group (npm runs the server through `sh -c`), as a terminal's Ctrl-C does; resolves with the exit code or signal. */
  stop(): Promise<number | string | null>;
}

const LISTENING = /Magento sandbox \(2\.4\.8, Luma sample data\) at (http:\/\/127\.0\.0\.1:\d+)\/ — \d+ products/;

export function startNpmSandbox(cwd: string): Promise<NpmSandbox> {
  // Under `npm test` the environment carries the outer npm's settings (npm_config_*), which an npm
  // reads as its own configuration; a user's shell has none.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const child = spawn("npm", ["run", "--silent", "sandbox"], { cwd, env: { ...env, SANDBOX_PORT: "0" }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const exited = new Promise<number | string | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
  let output = "";
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGTERM");
    return exited;
  };
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match) resolve({ url: match[1]!, stop });
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    void exited.then((code) => reject(new Error(`npm run sandbox exited with ${code}:\n${output}`)));
  });
}
