// The page cache hears Magento's purges on the adapters' Redis channel (default `strangler:purge`, JSON
// `{ "tags": [...], "all": false }`, published by the adapters' purge endpoint after each purge), so every
// proxy replica drops the same pages. A message that is not that shape is logged and dropped. While the
// subscription is down, purges are missed: entries then live at most their TTL (PAGE_CACHE_MAX_TTL_MS),
// and on reconnecting the whole cache is dropped, since what was missed is unknown.
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { z } from "zod";

const messageSchema = z.object({ tags: z.array(z.string().max(256)).max(100_000), all: z.boolean().default(false) });

export interface PurgeSubscription {
  ready: Promise<void>;
  close(): void;
}

export function subscribePurges(redisUrl: string, channel: string, logger: Logger, purge: (tags: string[], all: boolean) => void): PurgeSubscription {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  let subscribedOnce = false;
  redis.on("error", (error: Error) => logger.warn({ err: error }, "page cache: Redis purge subscription unavailable"));
  redis.on("message", (from: string, raw: string) => {
    if (from !== channel) return;
    let parsed;
    try {
      parsed = messageSchema.safeParse(JSON.parse(raw));
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || !parsed.success) return logger.warn({ channel }, "page cache: dropped a purge message that is not { tags, all }");
    purge(parsed.data.tags, parsed.data.all);
  });
  redis.on("ready", () => {
    if (!subscribedOnce) return;
    logger.warn("page cache: purge subscription back after an outage; dropping every kept page");
    purge([], true);
  });
  const ready = redis.connect().then(() => redis.subscribe(channel)).then(() => { subscribedOnce = true; });
  ready.catch((error: unknown) => logger.warn({ err: error }, "page cache: could not subscribe to purges"));
  return { ready, close: () => redis.disconnect() };
}
