import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "search-service",
    include: ["test/**/*.test.ts"],
    // One sandbox and one built index per engine, shared by the read-only suites.
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // The machine's 2 cores are shared: one file at a time.
    fileParallelism: false,
  },
});
