// Receives the purges the adapters' purge endpoint publishes on Redis (channel `strangler:purge`,
// JSON `{ "tags": [...], "all": false }`), so every replica hears every product change. A message
// that is not that shape is logged and dropped. After Redis comes back from an outage, messages
// may have been missed: `onResubscribed` lets the service rebuild.
import { Redis } from "ioredis";
import { z } from "zod";
import type { IndexerLogger } from "./indexer.ts";

export const DEFAULT_PURGE_CHANNEL = "strangler:purge";

const messageSchema = z.object({ tags: z.array(z.string().max(256)).max(100_000), all: z.boolean().default(false) });
export type PurgeMessage = z.output<typeof messageSchema>;

export interface PurgeSubscriberOptions {
  /** Required, e.g. redis://127.0.0.1:6379 */
  redisUrl: string;
  /** Default `strangler:purge`. */
  channel?: string;
  onPurge(message: PurgeMessage): Promise<void>;
  /** Called when the subscription is back after the connection dropped (not on the first). */
  onResubscribed(): void;
  logger: IndexerLogger;
}

export interface PurgeSubscriber {
  /** Resolves once subscribed. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function readPurgeMessage(raw: string): PurgeMessage | string {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return "not JSON";
  }
  const parsed = messageSchema.safeParse(json);
  return parsed.success ? parsed.data : parsed.error.issues.map((i) => `${i.path.join(".") || "message"}: ${i.message}`).join("; ");
}

export function createPurgeSubscriber(options: PurgeSubscriberOptions): PurgeSubscriber {
  const channel = options.channel ?? DEFAULT_PURGE_CHANNEL;
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  let subscribedOnce = false;
  redis.on("error", (error: Error) => options.logger.warn("purge subscription: Redis error", { error: error.message }));
  redis.on("message", (from: string, raw: string) => {
    if (from !== channel) return;
    const message = readPurgeMessage(raw);
    if (typeof message === "string") return options.logger.warn("dropped a purge message that is not { tags, all }", { problem: message });
    options.onPurge(message).catch((error: unknown) => options.logger.warn("a purge could not be applied to the index", { error: String(error) }));
  });
  // ioredis re-subscribes by itself after a reconnect; "ready" fires again then.
  redis.on("ready", () => {
    if (subscribedOnce) options.onResubscribed();
  });
  const subscribed = redis.connect().then(() => redis.subscribe(channel)).then(() => {
    subscribedOnce = true;
  });
  return {
    ready: () => subscribed,
    close: async () => {
      await subscribed.catch(() => {});
      redis.disconnect();
    },
  };
}
