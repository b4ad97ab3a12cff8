// A real Magento upstream with a few answers changed: an HTTP server on port 0 that forwards every
// request to the sandbox, except GraphQL `route` lookups for the paths given, which it answers itself
// (e.g. Magento's redirecting URL rewrites, which the sandbox's sample data has none of).
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface DoctoredMagento {
  url: string;
  close(): Promise<void>;
}

/** `routes`: Magento path without the leading slash → the raw `route` object Magento would answer. */
export async function startDoctoredMagento(sandboxUrl: string, routes: Record<string, object>): Promise<DoctoredMagento> {
  const server = createServer((req, res) => {
    const doctored = readDoctoredRoute(req, routes);
    if (doctored) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: { route: doctored } }));
      return;
    }
    void forward(req, sandboxUrl).then(async (answer) => {
      const headers = Object.fromEntries([...answer.headers].filter(([name]) => !["content-encoding", "content-length", "transfer-encoding"].includes(name)));
      res.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
    }, (error: unknown) => res.writeHead(502).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function readDoctoredRoute(req: IncomingMessage, routes: Record<string, object>): object | undefined {
  const url = new URL(req.url ?? "/", "http://magento");
  if (req.method !== "GET" || url.pathname !== "/graphql" || !/\broute\(/.test(url.searchParams.get("query") ?? "")) return undefined;
  const variables = JSON.parse(url.searchParams.get("variables") ?? "{}") as { url?: string };
  return routes[variables.url ?? ""];
}

async function forward(req: IncomingMessage, sandboxUrl: string): Promise<Response> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name, value]) => typeof value === "string" && name !== "host")) as Record<string, string>;
  return fetch(`${sandboxUrl}${req.url ?? "/"}`, {
    method: req.method ?? "GET", headers, redirect: "manual",
    ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
  });
}
