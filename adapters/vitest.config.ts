import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "adapters",
    include: ["test/**/*.test.ts"],
    // Needs the Redis Cluster that the `adapters-cluster` project (vitest.cluster.config.ts) starts.
    exclude: ["test/cluster/**"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
