// A real Unleash (npm unleash-server) for one test file: a fresh PostgreSQL database per run, a free
// port, admin and backend tokens created at boot. Runs as a child process so it can be killed outright.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import { findFreePort } from "../../support/ports.ts";

const run = promisify(execFile);
// The machine's PostgreSQL (trust auth), as the README says: DATABASE_URL, default the loopback server.
const pgServer = new URL(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
const pgUser = decodeURIComponent(pgServer.username || "postgres");
const PG = ["-h", pgServer.hostname, "-p", pgServer.port || "5432", "-U", pgUser, "-v", "ON_ERROR_STOP=1", "-q"];
const pgEnv = { ...process.env, ...(pgServer.password ? { PGPASSWORD: decodeURIComponent(pgServer.password) } : {}) };
function databaseUrl(database: string): string {
  const url = new URL(pgServer);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface RunningUnleash {
  /** API root, as UNLEASH_URL expects it: http://127.0.0.1:PORT/api */
  apiUrl: string;
  adminToken: string;
  clientToken: string;
  database: string;
  stop(): Promise<void>;
  /** Drops the database; call after stop(). */
  dropDatabase(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, logs: string[], timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`unleash-server exited with ${child.exitCode}:\n${logs.join("")}`);
    const healthy = await fetch(`${url}/health`).then((response) => response.ok, () => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`unleash-server not healthy within ${timeoutMs} ms:\n${logs.join("")}`);
}

function serverEntry(): string {
  // The package exports only its library entry (dist/lib/server-impl.js); the CLI entry sits next to lib/.
  return join(dirname(dirname(createRequire(import.meta.url).resolve("unleash-server"))), "server.js");
}

export async function startUnleash(): Promise<RunningUnleash> {
  const database = `strangler_flags_${process.pid}_${randomBytes(4).toString("hex")}`;
  await run("psql", [...PG, "-d", "postgres", "-c", `CREATE DATABASE ${database}`], { env: pgEnv });
  const port = await findFreePort();
  const adminToken = `*:*.admin${randomBytes(12).toString("hex")}`;
  const clientToken = `*:development.client${randomBytes(12).toString("hex")}`;
  const logs: string[] = [];
  const child = spawn(process.execPath, [serverEntry()], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl(database),
      DATABASE_SSL: "false",
      HTTP_HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "error",
      INIT_ADMIN_API_TOKENS: adminToken,
      INIT_BACKEND_API_TOKENS: clientToken,
      CHECK_VERSION: "false",
      SEND_TELEMETRY: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Never leave a server behind if the test process dies first.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  child.stdout?.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, logs, 60_000);
  return {
    apiUrl: `${url}/api`,
    adminToken,
    clientToken,
    database,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
    async dropDatabase() {
      await run("psql", [...PG, "-d", "postgres", "-c", `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`], { env: pgEnv });
    },
  };
}
