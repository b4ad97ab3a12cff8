import { Router, type Request, type Response } from "express";
import type { SandboxStore } from "../store.ts";
import { createGraphQlExecutor, type GraphQlHttpRequest } from "./execute.ts";
import { loadMagentoSchema } from "./schema.ts";
import { createResolverMap } from "./resolvers/index.ts";
import { buildNoCacheHeaders } from "./cache-headers.ts";
import type { StoreUrls } from "../store-views.ts";

/** Larger bodies are refused before parsing (Magento sits behind nginx's 1 MB default). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface GraphQlRouterOptions {
  /** Public base URL with trailing slash, used in image and CMS URLs. */
  baseUrl: () => string;
  /** Other store views' base URLs by code. */
  storeUrls?: StoreUrls;
  schemaFile?: string;
}

/** `/graphql`: POST JSON bodies and GET query strings, OPTIONS 204, anything else 405. */
export function createGraphQlRouter(store: SandboxStore, options: GraphQlRouterOptions): Router {
  const schema = loadMagentoSchema(options.schemaFile);
  const resolvers = createResolverMap();
  let executor: ReturnType<typeof createGraphQlExecutor> | undefined;
  const getExecutor = () => (executor ??= createGraphQlExecutor({
    schema, resolvers, store, baseUrl: options.baseUrl(), ...(options.storeUrls ? { storeUrls: options.storeUrls } : {}),
  }));
  const router = Router();

  router.options("/graphql", (_req, res) => void res.status(204).end());
  router.get("/graphql", (req, res) => {
    const query = req.query as Record<string, unknown>;
    void answer(res, getExecutor(), { method: "GET", params: { query: query.query, variables: query.variables, operationName: query.operationName }, headers: lowerHeaders(req) });
  });
  router.post("/graphql", (req, res) => {
    readBody(req).then((body) => {
      if (body === undefined) return sendError(res, 413, `Request body is larger than ${MAX_BODY_BYTES} bytes.`);
      let params: unknown;
      try {
        params = body.length === 0 ? {} : JSON.parse(body.toString("utf8"));
      } catch {
        return sendError(res, 400, "Unable to unserialize value. Error: Syntax error");
      }
      if (typeof params !== "object" || params === null || Array.isArray(params)) {
        return sendError(res, 400, "GraphQL request body must be a JSON object with a \"query\".");
      }
      return answer(res, getExecutor(), { method: "POST", params: params as GraphQlHttpRequest["params"], headers: lowerHeaders(req) });
    }, () => sendError(res, 400, "Could not read the request body."));
  });
  router.all("/graphql", (_req, res) => {
    res.setHeader("Allow", "GET, POST, OPTIONS");
    sendError(res, 405, "Request method is not allowed. Use GET or POST.");
  });
  return router;
}

async function answer(res: Response, executor: ReturnType<typeof createGraphQlExecutor>, request: GraphQlHttpRequest): Promise<void> {
  try {
    const response = await executor(request);
    res.status(response.status).set(response.headers).json(response.body);
  } catch (error) {
    console.error("[magento-sandbox graphql]", error);
    sendError(res, 500, "Internal server error");
  }
}

function sendError(res: Response, status: number, message: string): void {
  if (res.headersSent) return;
  res.status(status).set(buildNoCacheHeaders()).json({ errors: [{ message, extensions: { category: "graphql" } }] });
}

/** Reads the raw body up to the limit; undefined when it is larger. */
function readBody(req: Request): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      resolve(undefined);
      return;
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

function lowerHeaders(req: Request): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  return headers;
}
