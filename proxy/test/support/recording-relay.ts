// A pass-through in front of a real server (the sandbox, the search service) that records every request it
// relays, so a test can count what each side received; `fail` makes it answer a status itself instead.
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { request } from "undici";

export interface RelayedRequest { method: string; url: string; body: string; headers: Record<string, string | string[] | undefined> }

export interface RecordingRelay {
  url: string;
  received: RelayedRequest[];
  /** Answer this status (and body) instead of relaying; undefined relays again. */
  fail(status: number | undefined): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host"]);

export async function startRecordingRelay(target: string): Promise<RecordingRelay> {
  const received: RelayedRequest[] = [];
  let failStatus: number | undefined;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method ?? "", url: req.url ?? "", body: body.toString(), headers: { ...req.headers } });
      if (failStatus !== undefined) {
        res.writeHead(failStatus, { "Content-Type": "application/json" });
        res.end(`{"errors":[{"message":"relay answered ${failStatus}"}]}`);
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name))) as Record<string, string>;
      const answer = await request(`${target}${req.url}`, { method: req.method as "GET", headers, body: body.length > 0 ? body : null });
      const out = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
      res.writeHead(answer.statusCode, out as Record<string, string>);
      res.end(Buffer.from(await answer.body.arrayBuffer()));
    });
  });
  server.on("connection", (socket) => { sockets.add(socket); socket.on("close", () => sockets.delete(socket)); });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    fail: (status) => { failStatus = status; },
    close: () => new Promise((resolve) => { for (const socket of sockets) socket.destroy(); server.close(() => resolve()); }),
  };
}
