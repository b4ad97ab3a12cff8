import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "magento-sandbox",
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Every file starts its own sandbox (fresh catalog and commerce state), so workers can be reused.
    isolate: false,
  },
});
