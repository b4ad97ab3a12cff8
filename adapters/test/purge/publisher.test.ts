// createPurgePublisher on real Redis: a subscriber on a channel of its own receives the purged tags
// as Magento named them, 1000 a message, a full flush as one { all: true }; an unreachable Redis is a
// counted warning, never an exception.
import { randomUUID } from "node:crypto";
import { createRedisClient, type RedisClient } from "../../src/cache/redis-client.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCounterMetrics, createPurgePublisher } from "../../src/index.ts";
import { createRecordingLogger } from "../support/doubles.ts";
import { redisUrl } from "../support/redis.ts";

const channel = `strangler:test:purge:${randomUUID()}`;
const received: unknown[] = [];
let subscriber: RedisClient;

beforeAll(async () => {
  subscriber = createRedisClient(redisUrl);
  subscriber.on("message", (_channel: string, message: string) => void received.push(JSON.parse(message)));
  await subscriber.subscribe(channel);
});

afterAll(() => subscriber.disconnect());

/**
 * The distinct messages since `before`. Pub/sub delivers at most once per subscription, but an ioredis Cluster
 * client may briefly hold its subscription on two nodes while the cluster settles, so a message can arrive
 * twice; a purge is idempotent, so what counts is which messages came, not how often.
 */
async function messagesAfter(before: number, count: number): Promise<unknown[]> {
  const distinct = () => [...new Map(received.slice(before).map((m) => [JSON.stringify(m), m])).values()];
  for (let waited = 0; distinct().length < count && waited < 2000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  return distinct();
}

describe("createPurgePublisher", () => {
  it("publishes the purged tags as { tags, all: false }", async () => {
    const publish = createPurgePublisher({ redisUrl, channel, logger: createRecordingLogger(), metrics: createCounterMetrics() });
    const before = received.length;
    await publish(["cat_p_1", "cat_p_68"]);
    expect(await messagesAfter(before, 1)).toEqual([{ tags: ["cat_p_1", "cat_p_68"], all: false }]);
    await publish.close();
  });

  it("publishes at most 1000 tags a message", async () => {
    const publish = createPurgePublisher({ redisUrl, channel, logger: createRecordingLogger(), metrics: createCounterMetrics() });
    const before = received.length;
    await publish(Array.from({ length: 2500 }, (_, i) => `cat_p_${i}`));
    const messages = (await messagesAfter(before, 3)) as { tags: string[] }[];
    expect(messages.map((m) => m.tags.length)).toEqual([1000, 1000, 500]);
    expect(messages[2]?.tags.at(-1)).toBe("cat_p_2499");
    await publish.close();
  });

  it("publishes one { tags: [], all: true } for a full flush", async () => {
    const publish = createPurgePublisher({ redisUrl, channel, logger: createRecordingLogger(), metrics: createCounterMetrics() });
    const before = received.length;
    await publish([], { all: true });
    expect(await messagesAfter(before, 1)).toEqual([{ tags: [], all: true }]);
    await publish.close();
  });

  it("warns and counts instead of throwing when Redis cannot be reached", async () => {
    const logger = createRecordingLogger();
    const metrics = createCounterMetrics();
    const publish = createPurgePublisher({ redisUrl: "redis://127.0.0.1:1", channel, timeoutMs: 300, logger, metrics });
    await publish(["cat_p_1"]);
    expect(logger.warnings).toEqual(["could not publish the purge; subscribers keep their copies until they rebuild"]);
    expect(metrics.snapshot().adapters_purge_publish_errors).toBe(1);
    await publish.close();
  });
});
