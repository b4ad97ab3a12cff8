// What a purge request asks for, or a PurgeRefusedError saying why it cannot be done:
//   PURGE with X-Magento-Tags-Pattern (Magento's PurgeCache, as it talks to Varnish);
//   POST JSON { "tags": [...] } or { "all": true } for anything else.
// X-Pool alone is refused: Varnish bans it against a response header these entries do not carry,
// and a deploy-time flush is asked for with `.*`.
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import type { PurgeScope } from "../adapters.ts";
import { PurgeRefusedError } from "../errors.ts";
import { isCacheTag, MAX_TAG_LENGTH, parseTagsPattern } from "./tags-pattern.ts";

const MAX_POST_TAGS = 10_000;

const tagsBodySchema = z.object({
  tags: z.array(z.string().refine(isCacheTag, `tag must be 1 to ${MAX_TAG_LENGTH} letters, digits, _ . : -`)).min(1).max(MAX_POST_TAGS),
});

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) reject(new PurgeRefusedError(413, `body larger than ${limit} bytes`));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function readPurgeHeaders(req: IncomingMessage): PurgeScope {
  const pattern = req.headers["x-magento-tags-pattern"];
  if (typeof pattern === "string") return parseTagsPattern(pattern);
  if (req.headers["x-pool"] !== undefined) {
    throw new PurgeRefusedError(400, "X-Pool purges are not supported: send X-Magento-Tags-Pattern with Magento's tags, or exactly .* to flush everything");
  }
  throw new PurgeRefusedError(400, "X-Magento-Tags-Pattern header required");
}

async function readPurgeBody(req: IncomingMessage, maxBodyBytes: number): Promise<PurgeScope> {
  let json: unknown;
  try {
    json = JSON.parse(await readBody(req, maxBodyBytes));
  } catch (error) {
    if (error instanceof PurgeRefusedError) throw error;
    throw new PurgeRefusedError(400, `body must be JSON { "tags": [...] } or { "all": true }: ${(error as Error).message}`, { cause: error });
  }
  if (typeof json === "object" && json !== null && (json as { all?: unknown }).all === true) return { all: true };
  const parsed = tagsBodySchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
    throw new PurgeRefusedError(400, problems, { cause: parsed.error });
  }
  return { all: false, tags: [...new Set(parsed.data.tags)] };
}

export async function readPurgeRequest(req: IncomingMessage, maxBodyBytes: number): Promise<PurgeScope> {
  if (req.method === "PURGE") return readPurgeHeaders(req);
  if (req.method === "POST") return readPurgeBody(req, maxBodyBytes);
  throw new PurgeRefusedError(405, `method ${req.method ?? "?"} not allowed: use PURGE or POST`);
}
