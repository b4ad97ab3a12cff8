// The proxy's one Redis client factory: the page-type cache, the saved flag state and kill overrides, and
// anything else that shares state between proxy instances (the rollout lease) open their client here, so
// each works on a single Redis and on a Redis Cluster alike. Same URL grammar as the adapters'
// (adapters/src/cache/redis-client.ts; the proxy image does not carry the adapters, and
// test/redis/redis-client.test.ts checks that both read every URL the same way):
//   redis://[user:password@]host:port[/db]    rediss://…   one server (ioredis parses it)
//   redis+cluster://[user:password@]host:port,host:port,…  rediss+cluster://…   a Redis Cluster: the listed
//   nodes are only where discovery starts (any one reachable is enough); ioredis follows MOVED/ASK itself.
// Multi-key commands and Lua scripts in a cluster need every key in one slot: callers put a hash tag in
// their key prefix (`{strangler:adapters}:`), see withHashTag.
import { Cluster, Redis } from "ioredis";
import type { ClusterOptions, RedisOptions } from "ioredis";
import { z } from "zod";

export type RedisClient = Redis | Cluster;

export type RedisTarget =
  | { kind: "single"; url: string }
  | { kind: "cluster"; nodes: { host: string; port: number }[]; tls: boolean; username?: string; password?: string };

const SINGLE = /^rediss?:\/\/[^\s]+$/;
const CLUSTER = /^(rediss?)\+cluster:\/\/(?:([^:@/\s]*)(?::([^@/\s]*))?@)?([^/?#@\s]+)\/?$/;
const NODE = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

export const REDIS_URL_HINT = "redis://host:6379, rediss://host:6380, or redis+cluster://host1:7000,host2:7001 for a Redis Cluster";

/** Reads a Redis URL; throws an Error naming what is wrong (callers wrap it in their config error). */
export function parseRedisUrl(url: string): RedisTarget {
  if (SINGLE.test(url)) return { kind: "single", url };
  const match = CLUSTER.exec(url);
  if (!match) throw new Error(`"${redact(url)}" is not a Redis URL: use ${REDIS_URL_HINT}`);
  const [, scheme, username, password, hostList = ""] = match;
  const nodes = hostList.split(",").map((entry) => {
    const node = NODE.exec(entry.trim());
    const port = Number(node?.[2]);
    if (!node || port < 1 || port > 65_535) throw new Error(`"${entry}" in ${scheme}+cluster:// is not host:port (e.g. 10.0.0.5:7000)`);
    return { host: node[1]!.replace(/^\[|\]$/g, ""), port };
  });
  return {
    kind: "cluster", nodes, tls: scheme === "rediss",
    ...(username ? { username: decodeURIComponent(username) } : {}),
    ...(password ? { password: decodeURIComponent(password) } : {}),
  };
}

/** A zod-friendly check: undefined when the URL is fine, else the message. */
export function describeRedisUrlProblem(url: string): string | undefined {
  try {
    parseRedisUrl(url);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * REDIS_URL in the proxy's env schemas (optional: no Redis, no sharing). A refused value is reported as
 * what the variable expects, never echoed (it may hold a password).
 */
export const redisUrlSchema = z.string().refine((url) => describeRedisUrlProblem(url) === undefined).optional()
  .describe("a redis://, rediss:// or redis+cluster://host:port,host:port URL");

/**
 * A client for `url` with the given per-connection options. For a cluster, the connection options apply
 * to every node; `enableOfflineQueue: false` and `retryStrategy` belong to the cluster itself there.
 */
export function createRedisClient(url: string, options: RedisOptions = {}): RedisClient {
  const target = parseRedisUrl(url);
  if (target.kind === "single") return new Redis(url, options);
  const { enableOfflineQueue, retryStrategy, lazyConnect, ...perNode } = options;
  const clusterOptions: ClusterOptions = {
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(lazyConnect === undefined ? {} : { lazyConnect }),
    ...(retryStrategy ? { clusterRetryStrategy: (attempts: number) => retryStrategy(attempts) } : {}),
    redisOptions: {
      ...perNode,
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      ...(target.tls ? { tls: {} } : {}),
    },
  };
  return new Cluster(target.nodes, clusterOptions);
}

export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/**
 * Wraps a key prefix in a hash tag (`strangler:adapters:` → `{strangler:adapters}:`) unless it already
 * has one, so every key under it lands in one cluster slot and multi-key scripts stay legal there.
 */
export function withHashTag(prefix: string): string {
  if (/\{[^}]+\}/.test(prefix)) return prefix;
  const trimmed = prefix.replace(/:+$/, "");
  return `{${trimmed}}${prefix.slice(trimmed.length)}`;
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}
