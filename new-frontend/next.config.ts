// Next.js config for the new storefront. Our workspace packages ship TypeScript sources that import
// each other with `.ts` extensions, so Next transpiles them instead of expecting built JavaScript.
import { join } from "node:path";
import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";

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
  // Without Redis, rendered pages live in this process's memory (and are dropped by revalidateTag), never
  // in .next on disk, where a page rendered against yesterday's Magento would outlive a restart. With
  // REDIS_URL, every replica shares them through the cache handler below.
  experimental: { isrFlushToDisk: false },
  // Titles, descriptions and canonicals in the <head> for every client, as Magento sends them (no streamed metadata).
  htmlLimitedBots: /.*/,
};

/**
 * Next reads this file again at `next start`, so REDIS_URL there decides: set, the pages and tags live in
 * Redis (next-cache-handler.ts) and a revalidation on one replica reaches all; unset, in this process.
 * The build never writes to a shared cache.
 */
export default function nextConfig(phase: string): NextConfig {
  if (phase === PHASE_PRODUCTION_BUILD || !process.env.REDIS_URL) return config;
  return { ...config, cacheHandler: join(import.meta.dirname, "next-cache-handler.ts"), cacheMaxMemorySize: 0 };
}
