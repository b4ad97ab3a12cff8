import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["migration-plans", "magento-sandbox", "adapters", "proxy", "new-frontend", "services/search", "deploy"],
  },
});
