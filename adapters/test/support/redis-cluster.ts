// A real Redis Cluster for tests: three masters, each its own redis-server child on a free loopback
// port (`--cluster-enabled yes`, config and data in a temp dir), joined by `redis-cli --cluster create`,
// ready once every node reports `cluster_state:ok`. stop() ends exactly those children, by pid.
// Used by the `adapters-cluster` test project and by the proxy's cluster test.
import { spawn, execFile } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface RedisClusterHandle {
  /** `redis+cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3` */
  url: string;
  ports: number[];
  pids: number[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The cluster bus listens on port + 10000: both must be free. */
async function freeNodePort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port + 10_000 > 65_535) continue;
    const bus = createServer();
    const free = await new Promise<boolean>((resolve) => {
      bus.once("error", () => resolve(false));
      bus.listen(port + 10_000, "127.0.0.1", () => resolve(true));
    });
    if (free) {
      await new Promise((resolve) => bus.close(resolve));
      return port;
    }
  }
}

async function redisCli(port: number, ...args: string[]): Promise<string> {
  return (await run("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], { timeout: 10_000 })).stdout;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Redis Cluster: ${what} within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(child.pid, "SIGTERM");
  const killLater = setTimeout(() => child.pid && child.exitCode === null && process.kill(child.pid, "SIGKILL"), 3_000);
  return exited.finally(() => clearTimeout(killLater));
}

export async function startRedisCluster(masters = 3): Promise<RedisClusterHandle> {
  const dir = await mkdtemp(join(tmpdir(), "strangler-redis-cluster-"));
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      const port = await freeNodePort();
      ports.push(port);
      children.push(spawn("redis-server", [
        "--port", String(port), "--bind", "127.0.0.1", "--cluster-enabled", "yes",
        "--cluster-config-file", join(dir, `nodes-${port}.conf`), "--dir", dir,
        "--save", "", "--appendonly", "no", "--cluster-node-timeout", "2000",
      ], { stdio: "ignore" }));
    }
    for (const port of ports) await waitFor(`node ${port} did not answer PING`, async () => (await redisCli(port, "ping")).trim() === "PONG", 5_000);
    await run("redis-cli", ["--cluster", "create", ...ports.map((port) => `127.0.0.1:${port}`), "--cluster-replicas", "0", "--cluster-yes"], { timeout: 20_000 });
    for (const port of ports) {
      await waitFor(`node ${port} did not reach cluster_state:ok`, async () => (await redisCli(port, "cluster", "info")).includes("cluster_state:ok"), 10_000);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `redis+cluster://${ports.map((port) => `127.0.0.1:${port}`).join(",")}`,
    ports,
    pids: children.map((child) => child.pid ?? -1),
    stop,
  };
}
