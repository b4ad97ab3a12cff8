// The proxy as it runs in production: `node proxy/src/main.ts` in its own process, configured by env
// only. It reports readiness over IPC (main.ts sends `strangler:ready`), so a test can send it signals
// (SIGTERM drains) and read its log lines. A test-process exit kills any child left behind.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../../src/main.ts", import.meta.url));
const READY_TIMEOUT_MS = 15_000;

export interface ProxyExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ProxyProcess {
  shopUrl: string;
  adminUrl: string;
  pid: number;
  /** Every stdout line so far: pino JSON, one record per line. */
  lines: string[];
  exited: Promise<ProxyExit>;
  signal(name: NodeJS.Signals): void;
  /** SIGKILL when still running; resolves once it has exited. */
  stop(): Promise<void>;
}

interface ReadyMessage {
  type?: string;
  shopUrl?: string;
  adminUrl?: string;
}

export async function startProxyProcess(env: Record<string, string>): Promise<ProxyProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const lines: string[] = [];
  const stderr: string[] = [];
  collectLines(child.stdout!, lines);
  child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<ProxyExit>((resolve) => child.once("exit", (code, signal) => {
    process.off("exit", killOnExit);
    resolve({ code, signal });
  }));
  const ready = await waitForReady(child, exited, () => `${stderr.join("")}${lines.join("\n")}`);
  const stopped = () => child.exitCode !== null || child.signalCode !== null;
  return {
    shopUrl: ready.shopUrl!,
    adminUrl: ready.adminUrl!,
    pid: child.pid!,
    lines,
    exited,
    signal: (name) => { if (!stopped()) child.kill(name); },
    async stop() {
      if (!stopped()) child.kill("SIGKILL");
      await exited;
    },
  };
}

function collectLines(stream: NodeJS.ReadableStream, lines: string[]): void {
  let rest = "";
  stream.on("data", (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split("\n");
    rest = parts.pop() ?? "";
    lines.push(...parts.filter((line) => line.length > 0));
  });
}

function waitForReady(child: ReturnType<typeof spawn>, exited: Promise<ProxyExit>, output: () => string): Promise<ReadyMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`proxy not ready within ${READY_TIMEOUT_MS} ms:\n${output()}`));
    }, READY_TIMEOUT_MS);
    child.on("message", (message: ReadyMessage) => {
      if (message?.type !== "strangler:ready") return;
      clearTimeout(timer);
      resolve(message);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`proxy exited before it was ready (code ${code}, signal ${signal}):\n${output()}`));
    });
  });
}

/** The statuses of the requests the proxy logged after its first log line with message `msg`. */
export function statusesLoggedAfter(lines: readonly string[], msg: string): number[] {
  const records = lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as { msg?: string; status?: number });
  const from = records.findIndex((record) => record.msg === msg);
  if (from === -1) return [];
  return records.slice(from + 1).filter((record) => record.msg === "request").map((record) => record.status ?? 0);
}
