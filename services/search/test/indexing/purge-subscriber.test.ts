// The purge subscription on real Redis: messages of the published shape reach the index, anything
// else is logged and dropped.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPurgeSubscriber, readPurgeMessage, type PurgeMessage, type PurgeSubscriber } from "../../src/indexing/purge-subscriber.ts";
import { redisUrl, uniqueChannel } from "../support/environment.ts";

describe("readPurgeMessage", () => {
  it.each([
    ["tags", '{"tags":["cat_p_1"],"all":false}', { tags: ["cat_p_1"], all: false }],
    ["a full flush", '{"tags":[],"all":true}', { tags: [], all: true }],
    ["tags without all", '{"tags":["cat_c_3"]}', { tags: ["cat_c_3"], all: false }],
  ])("accepts %s", (_case, raw, message) => {
    expect(readPurgeMessage(raw)).toEqual(message);
  });

  it.each([
    ["text", "cat_p_1", "not JSON"],
    ["tags that are not a list", '{"tags":"cat_p_1"}', "tags: Invalid input: expected array, received string"],
    ["a number for all", '{"tags":[],"all":1}', "all: Invalid input: expected boolean, received number"],
  ])("rejects %s", (_case, raw, problem) => {
    expect(readPurgeMessage(raw)).toBe(problem);
  });
});

describe("createPurgeSubscriber", () => {
  const channel = uniqueChannel("subscriber");
  const received: PurgeMessage[] = [];
  const warnings: string[] = [];
  let subscriber: PurgeSubscriber;
  let publisher: Redis;

  beforeAll(async () => {
    subscriber = createPurgeSubscriber({
      redisUrl, channel, onPurge: async (message) => void received.push(message), onResubscribed: () => {},
      logger: { info: () => {}, warn: (message) => void warnings.push(message) },
    });
    await subscriber.ready();
    publisher = new Redis(redisUrl);
  });

  afterAll(async () => {
    publisher.disconnect();
    await subscriber.close();
  });

  it("hands on published purges and drops malformed ones with a warning", async () => {
    await publisher.publish(channel, "not json");
    await publisher.publish(channel, JSON.stringify({ tags: ["cat_p_7"], all: false }));
    for (let waited = 0; received.length === 0 && waited < 2000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(received).toEqual([{ tags: ["cat_p_7"], all: false }]);
    expect(warnings).toEqual(["dropped a purge message that is not { tags, all }"]);
  });
});
