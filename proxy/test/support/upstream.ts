// A real upstream on 127.0.0.1:0 that records exactly what it received, for proxy tests to assert on.
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  rawHeaders: string[];
  body: string;
}

export type UpstreamHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface TestUpstream {
  url: string;
  server: Server;
  received: Received[];
  handle(handler: UpstreamHandler): void;
  /** Stops listening and cuts every open connection. */
  close(): Promise<void>;
}

export const textHandler = (name: string): UpstreamHandler => (req, res) => {
  res.writeHead(200, { "Content-Type": "text/plain" });
  res.end(req.method === "HEAD" ? undefined : `${name} ${req.method} ${req.url}`);
};

export async function startUpstream(name: string, handler: UpstreamHandler = textHandler(name)): Promise<TestUpstream> {
  const received: Received[] = [];
  let current = handler;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString();
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, rawHeaders: req.rawHeaders, body });
      current(req, res, body);
    });
  });
  server.on("connection", (socket) => { sockets.add(socket); socket.on("close", () => sockets.delete(socket)); });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    received,
    handle(next) { current = next; },
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
