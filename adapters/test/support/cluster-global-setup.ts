// Global setup of the `adapters-cluster` project: one real 3-master Redis Cluster for the whole run,
// handed to that project's test files through vitest's provide/inject (test/support/redis.ts), never
// through process.env: global setups run in vitest's main process, whose env every other project's
// workers inherit, and they must keep talking to the single server.
import type { TestProject } from "vitest/node";
import { startRedisCluster } from "./redis-cluster.ts";

declare module "vitest" {
  export interface ProvidedContext {
    redisClusterUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startRedisCluster(3);
  project.provide("redisClusterUrl", cluster.url);
  return () => cluster.stop();
}
