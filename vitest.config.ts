import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["migration-plans", "magento-sandbox", "adapters", "adapters/vitest.cluster.config.ts", "proxy", "new-frontend", "services/search", "deploy"],
  },
});
