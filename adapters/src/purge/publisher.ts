// Tells other processes which Magento tags were purged: PUBLISH on a Redis channel (default
// `strangler:purge`), JSON `{ "tags": [...], "all": false }` with at most 1000 tags a message, or
// one `{ "tags": [], "all": true }` for a full flush. Every replica of a service that keeps its own
// derived copy of the catalog (the search service's index) subscribes and refreshes what changed.
// Failures are logged and counted, never thrown: the cache purge already happened.
import { createRedisClient } from "../cache/redis-client.ts";
import type { AdapterLogger, AdapterMetrics } from "../observability.ts";

export const DEFAULT_PURGE_CHANNEL = "strangler:purge";
const MAX_TAGS_PER_MESSAGE = 1000;

export interface PurgePublisherOptions {
  /** Required: e.g. redis://127.0.0.1:6379 or redis+cluster://10.0.0.5:7000,10.0.0.6:7000 (PUBLISH reaches every node of a cluster). */
  redisUrl: string;
  /** Default `strangler:purge`. */
  channel?: string;
  /** Per PUBLISH, ms. Default 2000. */
  timeoutMs?: number;
  logger: AdapterLogger;
  metrics: AdapterMetrics;
}

export interface PurgePublisher {
  (tags: string[], info?: { all: boolean }): Promise<void>;
  close(): Promise<void>;
}

export function createPurgePublisher(options: PurgePublisherOptions): PurgePublisher {
  const channel = options.channel ?? DEFAULT_PURGE_CHANNEL;
  const redis = createRedisClient(options.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: options.timeoutMs ?? 2000 });
  redis.on("error", () => {}); // each failed PUBLISH is reported below; the connection retries by itself

  const publish = async (message: { tags: string[]; all: boolean }) => {
    try {
      await redis.publish(channel, JSON.stringify(message));
    } catch (error) {
      options.metrics.increment("adapters_purge_publish_errors");
      options.logger.warn("could not publish the purge; subscribers keep their copies until they rebuild", { channel, tags: message.tags.length, error: String(error) });
    }
  };

  const publisher = async (tags: string[], info?: { all: boolean }) => {
    if (info?.all) return publish({ tags: [], all: true });
    for (let start = 0; start < tags.length; start += MAX_TAGS_PER_MESSAGE) {
      await publish({ tags: tags.slice(start, start + MAX_TAGS_PER_MESSAGE), all: false });
    }
  };
  return Object.assign(publisher, { close: async () => void redis.disconnect() });
}
