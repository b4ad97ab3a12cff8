// Runs an emulated image's CMD and HEALTHCHECK the way Docker would (exec form, the image's ENV, its
// WORKDIR), with this machine's node standing in for the image's.
import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import type { EmulatedImage } from "./emulate-image.ts";

const exec = promisify(execFile);

export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `node` is the image's node; anything else must be a path inside the image. */
function program(name: string): string {
  if (name === "node") return process.execPath;
  throw new Error(`${name}: only node runs in our images (no shell, no curl)`);
}

function imageEnv(image: EmulatedImage, overrides: Record<string, string>): NodeJS.ProcessEnv {
  // Only what a container would have: PATH and HOME, the image's ENV, then what `docker run -e` adds.
  return { PATH: process.env.PATH, HOME: image.root, ...image.env, ...overrides };
}

/** Runs the HEALTHCHECK command once: true when it exits 0. */
export async function passesHealthCheck(image: EmulatedImage, command: string[], overrides: Record<string, string>): Promise<boolean> {
  const [name, ...args] = command;
  try {
    await exec(program(name!), args, { cwd: image.cwd, env: imageEnv(image, overrides), timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

export interface RunningImage {
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM, as `docker stop` does, and resolves with how the process ended. */
  stop(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startImage(image: EmulatedImage, cmd: string[], overrides: Record<string, string>): RunningImage {
  const [name, ...args] = cmd;
  const child = spawn(program(name!), args, { cwd: image.cwd, env: imageEnv(image, overrides), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on("data", (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => output,
    stop: async (timeoutMs) => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const outcome = await Promise.race([exited, sleep(timeoutMs).then(() => undefined)]);
      if (outcome) return outcome;
      child.kill("SIGKILL");
      throw new Error(`still running ${timeoutMs} ms after SIGTERM:\n${output}`);
    },
  };
}

/** Runs the health check every 500 ms until it passes; fails with the process's output when it exits or time runs out. */
export async function waitHealthy(running: RunningImage, image: EmulatedImage, command: string[], overrides: Record<string, string>, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (running.child.exitCode !== null) throw new Error(`exited with ${running.child.exitCode} before it was healthy:\n${running.output()}`);
    if (await passesHealthCheck(image, command, overrides)) return;
    await sleep(500);
  }
  throw new Error(`not healthy after ${timeoutMs} ms:\n${running.output()}`);
}
