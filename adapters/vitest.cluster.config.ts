// The adapters' Redis tests again, on a real 3-master Redis Cluster (test/support/redis-cluster.ts)
// instead of the single server: the store, its Lua scripts, locks and SWR, the stampede across
// instances and processes, large purges, and the purge endpoint with its PUBLISH.
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "adapters-cluster",
    include: [
      "test/cache/redis-store.test.ts",
      "test/stampede.test.ts",
      "test/purge-server.test.ts",
      "test/purge/purge-runner.test.ts",
      "test/purge/publisher.test.ts",
      "test/cluster/**/*.test.ts",
    ],
    globalSetup: ["test/support/cluster-global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
