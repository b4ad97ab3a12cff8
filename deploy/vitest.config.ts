import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "deploy",
    include: ["test/**/*.test.ts"],
    // Each image test installs its production dependencies from the npm cache and starts the image's command.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
