// Tells the new frontend which Magento tags were purged: POST { tags } with a bearer token to its
// revalidate route (new-frontend/app/api/revalidate), at most 1000 tags a request as that route
// accepts; a full flush is one `{ "all": true }`. Failures are logged and counted, never thrown: the
// cache purge already happened.
import type { AdapterLogger, AdapterMetrics } from "./observability.ts";

export interface RevalidateNotifierOptions {
  /** Required: e.g. http://127.0.0.1:3000/api/revalidate */
  url: string;
  /** Required: the frontend's REVALIDATE_TOKEN. */
  token: string;
  /** Per request, ms. Default 5000. */
  timeoutMs?: number;
  logger: AdapterLogger;
  metrics: AdapterMetrics;
}

const MAX_TAGS_PER_REQUEST = 1000;

export type RevalidateNotifier = (tags: string[], info?: { all: boolean }) => Promise<void>;

export function createRevalidateNotifier(options: RevalidateNotifierOptions): RevalidateNotifier {
  const post = async (body: { tags: string[] } | { all: true }, count: number) => {
    try {
      const response = await fetch(options.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${options.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
    } catch (error) {
      options.metrics.increment("adapters_revalidate_errors");
      options.logger.warn("could not tell the frontend to revalidate; its pages stay until their own TTL", { url: options.url, tags: count, error: String(error) });
    }
  };
  return async (tags, info) => {
    if (info?.all) return post({ all: true }, 0);
    for (let start = 0; start < tags.length; start += MAX_TAGS_PER_REQUEST) {
      const chunk = tags.slice(start, start + MAX_TAGS_PER_REQUEST);
      await post({ tags: chunk }, chunk.length);
    }
  };
}
