// Global setup of the `adapters-cluster` project: one real 3-master Redis Cluster for the whole run,
// handed to the test files (and the child processes they spawn) as REDIS_URL=redis+cluster://….
import { startRedisCluster } from "./redis-cluster.ts";

export default async function setup(): Promise<() => Promise<void>> {
  const cluster = await startRedisCluster(3);
  process.env.REDIS_URL = cluster.url;
  return () => cluster.stop();
}
