// The purge endpoint Magento's full page cache talks to, so the new side is invalidated exactly
// when Magento would ban Varnish objects. Accepts:
//   PURGE  with `X-Magento-Tags-Pattern: ((^|,)cat_p_1(,|$))|((^|,)cat_c_5(,|$))` (or `.*` for all),
//          or `X-Pool` only (deploy-time purge → everything), as Magento's varnish6.vcl does;
//   POST   JSON `{ "tags": ["cat_p_1", …] }` for anything else that wants to purge.
// After dropping entries it calls onPurged(tags, { all }) so the frontend can revalidateTag.
import http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import type { Adapters } from "./adapters.ts";
import { AdapterError } from "./errors.ts";

export type PurgeTarget = Pick<Adapters, "purge" | "purgeAll" | "purgeMatching">;

export interface PurgeHandlerOptions {
  /** Required: what to purge (an Adapters instance). */
  cache: PurgeTarget;
  /** Called after every successful purge with the tags dropped (for `.*` / X-Pool: every tag that was cached, and `all`). Errors are logged, not returned. */
  onPurged?: (tags: string[], info: { all: boolean }) => void | Promise<void>;
  /** Max POST body in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
}

export type PurgeHandler = (req: IncomingMessage, res: ServerResponse) => void;

export type ParsedPattern = { kind: "all" } | { kind: "tags"; tags: string[] } | { kind: "regex"; regex: RegExp };

const alternative = /^\(\(\^\|,\)([A-Za-z0-9_.:-]+)\(,\|\$\)\)$/;

/** Magento's standard pattern is an OR of `((^|,)<tag>(,|$))`; anything else is applied as a regex to each tag. */
export function parseTagsPattern(pattern: string): ParsedPattern {
  const trimmed = pattern.trim();
  if (trimmed === ".*" || trimmed === "") return { kind: "all" };
  const parts = trimmed.split("|((").map((part, index) => (index === 0 ? part : `((${part}`));
  const tags = parts.map((part) => alternative.exec(part)?.[1]);
  if (tags.every((tag) => tag !== undefined)) return { kind: "tags", tags: tags as string[] };
  return { kind: "regex", regex: new RegExp(trimmed) };
}

const postBodySchema = z.object({ tags: z.array(z.string().regex(/^[A-Za-z0-9_.:-]+$/, "tag must be letters, digits, _ . : -")).min(1) });

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) reject(new Error(`body larger than ${limit} bytes`));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function purgeParsed(cache: PurgeTarget, parsed: ParsedPattern) {
  if (parsed.kind === "all") {
    // Name every tag that was cached, so the frontend can revalidate exactly those pages.
    const matched = await cache.purgeMatching(/.*/);
    return { tags: matched.tags, all: true, dropped: matched.dropped + (await cache.purgeAll()) };
  }
  if (parsed.kind === "tags") return { tags: parsed.tags, all: false, dropped: await cache.purge(parsed.tags) };
  const matched = await cache.purgeMatching(parsed.regex);
  return { tags: matched.tags, all: false, dropped: matched.dropped };
}

async function parseRequest(req: IncomingMessage, maxBodyBytes: number): Promise<ParsedPattern | { error: string; status: number }> {
  if (req.method === "PURGE") {
    const pattern = req.headers["x-magento-tags-pattern"];
    if (typeof pattern === "string") {
      try {
        return parseTagsPattern(pattern);
      } catch (error) {
        return { status: 400, error: `X-Magento-Tags-Pattern is not a valid regex: ${(error as Error).message}` };
      }
    }
    if (req.headers["x-pool"]) return { kind: "all" };
    return { status: 400, error: "X-Magento-Tags-Pattern or X-Pool header required" };
  }
  if (req.method === "POST") {
    let json: unknown;
    try {
      json = JSON.parse(await readBody(req, maxBodyBytes));
    } catch (error) {
      return { status: 400, error: `body must be JSON { "tags": [...] }: ${(error as Error).message}` };
    }
    const parsed = postBodySchema.safeParse(json);
    if (!parsed.success) return { status: 400, error: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ") };
    return { kind: "tags", tags: parsed.data.tags };
  }
  return { status: 405, error: `method ${req.method ?? "?"} not allowed: use PURGE or POST` };
}

export function createPurgeHandler(options: PurgeHandlerOptions): PurgeHandler {
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  return (req, res) => {
    void (async () => {
      const parsed = await parseRequest(req, maxBodyBytes);
      if ("error" in parsed) return reply(res, parsed.status, { error: parsed.error });
      const result = await purgeParsed(options.cache, parsed);
      try {
        await options.onPurged?.(result.tags, { all: result.all });
      } catch (error) {
        console.warn("[adapters] onPurged failed; entries were dropped anyway", String(error));
      }
      reply(res, 200, { purged: true, ...result });
    })().catch((error: unknown) => {
      const status = error instanceof AdapterError && error.code === "CACHE_UNAVAILABLE" ? 503 : 500;
      reply(res, status, { error: `purge failed: ${error instanceof Error ? error.message : String(error)}` });
    });
  };
}

export interface PurgeServer {
  url: string;
  close(): Promise<void>;
}

/** Listens with the handler; port 0 picks a free port. Default host 127.0.0.1. */
export async function startPurgeServer(options: { port: number; host?: string; handler: PurgeHandler }): Promise<PurgeServer> {
  const server = http.createServer(options.handler);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
