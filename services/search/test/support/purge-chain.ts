// Magento's purge chain around a sandbox, as it runs in production: the sandbox's catalog saves send
// PURGE (X-Magento-Tags-Pattern) to the adapters' purge endpoint, which drops the shared Redis cache
// and publishes the tags on a Redis channel of this run's own, where the search replicas listen.
import { randomUUID } from "node:crypto";
import { createAdapters, createCounterMetrics, createPurgeHandler, createPurgePublisher, startPurgeServer } from "@strangler/adapters";
import { createPurgeNotifier, type RunningSandbox } from "@strangler/magento-sandbox";
import { quietLogger } from "../../src/logger.ts";

export interface PurgeChain {
  purgeUrl: string;
  close(): Promise<void>;
}

export async function startPurgeChain(sandbox: RunningSandbox, redisUrl: string, channel: string): Promise<PurgeChain> {
  const metrics = createCounterMetrics();
  const cache = createAdapters({ magentoUrl: sandbox.url, redisUrl, redisKeyPrefix: `strangler:test:search:${randomUUID()}:`, logger: quietLogger });
  const publish = createPurgePublisher({ redisUrl, channel, logger: quietLogger, metrics });
  const handler = createPurgeHandler({ cache, logger: quietLogger, metrics, onPurged: (tags, info) => publish(tags, info) });
  const server = await startPurgeServer({ port: 0, handler });
  const notify = createPurgeNotifier({ urls: [server.url], warn: () => {} });
  const stop = sandbox.store.catalog.onInvalidate((tags) => void notify(tags));
  return {
    purgeUrl: server.url,
    close: async () => {
      stop();
      await server.close();
      await publish.close();
      await cache.close();
    },
  };
}
