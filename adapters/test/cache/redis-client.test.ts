// Redis URLs, as every REDIS_URL in the project is read: one server or a Redis Cluster.
import { describe, expect, it } from "vitest";
import { parseRedisUrl, withHashTag } from "../../src/cache/redis-client.ts";

describe("parseRedisUrl", () => {
  it.each([
    ["redis://127.0.0.1:6379", { kind: "single", url: "redis://127.0.0.1:6379" }],
    ["rediss://user:secret@cache.internal:6380/2", { kind: "single", url: "rediss://user:secret@cache.internal:6380/2" }],
    ["redis+cluster://10.0.0.5:7000,10.0.0.6:7001", { kind: "cluster", tls: false, nodes: [{ host: "10.0.0.5", port: 7000 }, { host: "10.0.0.6", port: 7001 }] }],
    ["rediss+cluster://default:p%40ss@redis-0.redis:6379/", { kind: "cluster", tls: true, username: "default", password: "p@ss", nodes: [{ host: "redis-0.redis", port: 6379 }] }],
    ["redis+cluster://[::1]:7000", { kind: "cluster", tls: false, nodes: [{ host: "::1", port: 7000 }] }],
  ])("accepts %s", (url, expected) => {
    expect(parseRedisUrl(url)).toEqual(expected);
  });

  it.each([
    ["localhost:6379", '"localhost:6379" is not a Redis URL: use redis://host:6379, rediss://host:6380, or redis+cluster://host1:7000,host2:7001 for a Redis Cluster'],
    ["http://redis", '"http://redis" is not a Redis URL: use redis://host:6379, rediss://host:6380, or redis+cluster://host1:7000,host2:7001 for a Redis Cluster'],
    ["redis+cluster://10.0.0.5", '"10.0.0.5" in redis+cluster:// is not host:port (e.g. 10.0.0.5:7000)'],
    ["redis+cluster://10.0.0.5:7000,,10.0.0.6:7000", '"" in redis+cluster:// is not host:port (e.g. 10.0.0.5:7000)'],
    ["redis+cluster://10.0.0.5:99999", '"10.0.0.5:99999" in redis+cluster:// is not host:port (e.g. 10.0.0.5:7000)'],
    ["redis+cluster://user:secret@10.0.0.5:7000/3", '"redis+cluster://***@10.0.0.5:7000/3" is not a Redis URL: use redis://host:6379, rediss://host:6380, or redis+cluster://host1:7000,host2:7001 for a Redis Cluster'],
  ])("rejects %s", (url, message) => {
    expect(() => parseRedisUrl(url)).toThrow(message);
  });
});

describe("withHashTag", () => {
  it.each([
    ["strangler:adapters:", "{strangler:adapters}:"],
    ["shop", "{shop}"],
    ["{strangler:adapters}:", "{strangler:adapters}:"],
    ["team:{cache}:", "team:{cache}:"],
  ])("makes %s one hash tag: %s", (prefix, expected) => {
    expect(withHashTag(prefix)).toBe(expected);
  });
});
