import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "new-frontend",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
