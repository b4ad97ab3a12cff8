// Starts the stack's processes (sandbox, Next, proxy) as children, waits until each answers HTTP,
// and stops them: SIGTERM first, SIGKILL if one does not exit in time. Used by `npm start` and the e2e tests.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

export const repoRoot = join(import.meta.dirname, "..", "..");

export interface ServiceSpec {
  name: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Polled until it answers with any HTTP status below 500. */
  readyUrl: string;
  readyHeaders?: Record<string, string>;
  /** Where the child's output goes; default: inherited. */
  output?: "inherit" | "pipe";
}

export interface RunningService {
  name: string;
  child: ChildProcess;
  /** Last lines of output (when piped), for error messages. */
  recentOutput(): string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now, on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitUntilReady(spec: ServiceSpec, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${spec.name} exited before it was ready (code ${child.exitCode ?? child.signalCode})`);
    try {
      const response = await fetch(spec.readyUrl, { headers: spec.readyHeaders ?? {}, signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${spec.name} was not ready at ${spec.readyUrl} within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function startService(spec: ServiceSpec, timeoutMs = 60_000): Promise<RunningService> {
  const piped = spec.output === "pipe";
  const child = spawn(process.execPath, spec.args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: piped ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n"));
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const service: RunningService = { name: spec.name, child, recentOutput: () => lines.join("\n"), stop: () => stopChild(child, 10_000) };
  try {
    await waitUntilReady(spec, child, timeoutMs);
  } catch (error) {
    await service.stop();
    throw new Error(`${(error as Error).message}\n--- ${spec.name} output ---\n${service.recentOutput()}`, { cause: error });
  }
  return service;
}

/**
 * The argv to run the Next production server on a port. No `-H 127.0.0.1`: Next then builds the
 * request URLs its proxy.ts sees on `localhost` but compares rewrites with `127.0.0.1`, so every
 * rewrite (listing route, 404 page) would be proxied over HTTP to itself and lose its status.
 */
export function buildNextStartArgs(port: number): string[] {
  return [join(repoRoot, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)];
}
