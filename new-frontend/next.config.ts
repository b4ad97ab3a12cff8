// Next.js config for the new storefront. Our workspace packages ship TypeScript sources that import
// each other with `.ts` extensions, so Next transpiles them instead of expecting built JavaScript.
import type { NextConfig } from "next";

const config: NextConfig = {
  transpilePackages: ["@strangler/adapters"],
  // Redis and the HTTP clients stay Node modules loaded at run time, never bundled.
  serverExternalPackages: ["ioredis", "axios", "prom-client",
    // The OTel SDK (lib/tracing.ts) stays a Node module too: one copy, loaded only when an endpoint is set.
    "@opentelemetry/sdk-trace", "@opentelemetry/exporter-trace-otlp-http", "@opentelemetry/resources", "@opentelemetry/core", "@opentelemetry/context-async-hooks"],
  // Magento's URLs end in a slash (`/catalogsearch/result/`); keep them as they are.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  // `tsc -p new-frontend` in the root `npm test` type-checks; don't do it twice in a slow build.
  typescript: { ignoreBuildErrors: true },
  images: { unoptimized: true },
  // Rendered pages live in this process's memory (and are dropped by revalidateTag), never in .next on
  // disk, where a page rendered against yesterday's Magento would outlive a restart. Several instances
  // would share a cacheHandler (Redis) instead.
  experimental: { isrFlushToDisk: false },
  // Titles, descriptions and canonicals in the <head> for every client, as Magento sends them (no streamed metadata).
  htmlLimitedBots: /.*/,
};

export default config;
