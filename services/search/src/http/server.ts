// HTTP for the service, on node:http: /graphql as Magento serves it (POST JSON or GET query string,
// OPTIONS 204, other methods 405, bodies over 1 MiB 413), /graphql/supported (what the router may
// send here), /healthz (the process is up) and /readyz (the index is built).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describeSupport } from "../graphql/supported-fields.ts";
import type { GraphQlRequest } from "../graphql/execute.ts";
import type { SearchService } from "../service.ts";

export const MAX_BODY_BYTES = 1024 * 1024;

export interface SearchServer {
  /** http://host:port, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  send(res, status, { errors: [{ message, extensions: { category: "graphql" } }] }, headers);
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
      req.resume();
      return resolve(undefined);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function lowerHeaders(req: IncomingMessage): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(", ") : value]));
}

async function readParams(req: IncomingMessage, url: URL, res: ServerResponse): Promise<GraphQlRequest["params"] | undefined> {
  if (req.method === "GET") return Object.fromEntries(["query", "variables", "operationName"].map((k) => [k, url.searchParams.get(k) ?? undefined]));
  const body = await readBody(req);
  if (body === undefined) return void sendError(res, 413, `Request body is larger than ${MAX_BODY_BYTES} bytes.`);
  let params: unknown;
  try {
    params = body.length === 0 ? {} : JSON.parse(body.toString("utf8"));
  } catch {
    return void sendError(res, 400, "Unable to unserialize value. Error: Syntax error");
  }
  if (typeof params !== "object" || params === null || Array.isArray(params)) return void sendError(res, 400, 'GraphQL request body must be a JSON object with a "query".');
  return params as GraphQlRequest["params"];
}

async function handleGraphQl(service: SearchService, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (req.method === "OPTIONS") return void res.writeHead(204).end();
  if (req.method !== "GET" && req.method !== "POST") return sendError(res, 405, "Request method is not allowed. Use GET or POST.", { allow: "GET, POST, OPTIONS" });
  const params = await readParams(req, url, res);
  if (!params) return;
  const answer = await service.execute({ method: req.method, params, headers: lowerHeaders(req) });
  send(res, answer.status, answer.body, answer.headers);
}

function route(service: SearchService) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://search.invalid");
    const done = (promise: Promise<void>) => promise.catch(() => sendError(res, 500, "Internal server error"));
    if (url.pathname === "/graphql") return void done(handleGraphQl(service, req, res, url));
    if (url.pathname === "/graphql/supported") return send(res, 200, describeSupport());
    if (url.pathname === "/healthz") return send(res, 200, { status: "ok" });
    if (url.pathname === "/readyz") return service.ready() ? send(res, 200, { status: "ready", engine: service.engine.name }) : send(res, 503, { status: "building the index" });
    sendError(res, 404, `No route for ${url.pathname}; the search service answers /graphql.`);
  };
}

/** Listens on `port` (0 = any free port) and `host` (default 127.0.0.1). */
export async function startSearchServer(service: SearchService, options: { port?: number; host?: string } = {}): Promise<SearchServer> {
  const server = createServer(route(service));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    close: () => new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }),
  };
}
