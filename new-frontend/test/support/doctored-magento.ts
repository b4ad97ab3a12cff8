// A real Magento upstream with a few answers changed: an HTTP server on port 0 that forwards every
// request to the sandbox, except GraphQL `route` lookups for the paths given (answered as given), and
// product lookups by the url keys given (answered with another real product, changed by a function).
// It stands in for data the sandbox's Luma sample has none of: redirecting URL rewrites, odd products.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface DoctoredMagento {
  url: string;
  close(): Promise<void>;
}

export interface ProductDoctoring {
  /** The sandbox product whose answer is the starting point. */
  fromUrlKey: string;
  /** Changes the raw GraphQL product item (Magento's field names). */
  change(item: Record<string, unknown>): Record<string, unknown>;
}

export interface Doctorings {
  /** Magento path without the leading slash → the raw `route` object Magento would answer. */
  routes?: Record<string, object>;
  /** url_key asked for → how to make its product. */
  products?: Record<string, ProductDoctoring>;
}

export async function startDoctoredMagento(sandboxUrl: string, doctorings: Doctorings): Promise<DoctoredMagento> {
  const server = createServer((req, res) => {
    void answer(req, res, sandboxUrl, doctorings).catch((error: unknown) => res.writeHead(502).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function sendJson(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function answer(req: IncomingMessage, res: ServerResponse, sandboxUrl: string, doctorings: Doctorings): Promise<void> {
  const url = new URL(req.url ?? "/", "http://magento");
  const query = url.searchParams.get("query") ?? "";
  const variables = JSON.parse(url.searchParams.get("variables") ?? "{}") as { url?: string; filter?: { url_key?: { eq?: string } } };
  const isGraphqlGet = req.method === "GET" && url.pathname === "/graphql";
  const route = isGraphqlGet && /\broute\(/.test(query) ? doctorings.routes?.[variables.url ?? ""] : undefined;
  if (route) return sendJson(res, { data: { route } });
  const product = isGraphqlGet && /\bproducts\(/.test(query) ? doctorings.products?.[variables.filter?.url_key?.eq ?? ""] : undefined;
  if (product) {
    url.searchParams.set("variables", JSON.stringify({ ...variables, filter: { url_key: { eq: product.fromUrlKey } } }));
    const body = (await (await fetch(`${sandboxUrl}/graphql${url.search}`, { headers: readHeaders(req) })).json()) as { data: { products: { items: Record<string, unknown>[] } } };
    body.data.products.items = body.data.products.items.map((item) => product.change(item));
    return sendJson(res, body);
  }
  const forwarded = await forward(req, sandboxUrl);
  const headers = Object.fromEntries([...forwarded.headers].filter(([name]) => !["content-encoding", "content-length", "transfer-encoding"].includes(name)));
  res.writeHead(forwarded.status, headers).end(Buffer.from(await forwarded.arrayBuffer()));
}

function readHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).filter(([name, value]) => typeof value === "string" && name !== "host")) as Record<string, string>;
}

async function forward(req: IncomingMessage, sandboxUrl: string): Promise<Response> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return fetch(`${sandboxUrl}${req.url ?? "/"}`, {
    method: req.method ?? "GET", headers: readHeaders(req), redirect: "manual",
    ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
  });
}
