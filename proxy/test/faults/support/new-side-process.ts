// The test new side in a process of its own, so a test can freeze it (SIGSTOP) as a hung Next.js is: the
// kernel still accepts connections and takes requests, and nothing answers. It answers `new <METHOD>
// <path>` like new-side.ts and reports every POST id it receives on stdout, read back as arrivals.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

const SERVER = `
const { createServer } = require("node:http");
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const id = req.headers["x-fault-post"];
    if (req.method === "POST" && id) process.stdout.write("POST " + id + "\\n");
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(req.method === "HEAD" ? undefined : "new " + req.method + " " + req.url);
  });
});
server.keepAliveTimeout = 5000;
server.listen(0, "127.0.0.1", () => process.stdout.write("LISTENING " + server.address().port + "\\n"));
`;

export interface NewSideProcess {
  url: string;
  /** How many times each POST id arrived. */
  postCounts(): Map<string, number>;
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
}

export async function startNewSideProcess(): Promise<NewSideProcess> {
  const child: ChildProcess = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  const counts = new Map<string, number>();
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the new side exited (${code}) before listening`)));
    lines.on("line", (line) => {
      if (line.startsWith("LISTENING ")) resolve(Number(line.slice(10)));
      else if (line.startsWith("POST ")) counts.set(line.slice(5), (counts.get(line.slice(5)) ?? 0) + 1);
    });
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    postCounts: () => new Map(counts),
    freeze: () => { child.kill("SIGSTOP"); },
    thaw: () => { child.kill("SIGCONT"); },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGCONT");
      child.kill("SIGKILL");
      await exited;
    },
  };
}
