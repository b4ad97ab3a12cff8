// `npm start -w services/search`: settings from the environment (config/service-env.ts), the relevance
// file, the engine, the adapters (no cache of their own: the index is the cache), the service, HTTP.
// SIGTERM/SIGINT stop listening, unsubscribe and close the engine, then exit.
import { createAdapters } from "@strangler/adapters";
import { loadRelevanceConfig } from "./config/relevance-config.ts";
import { loadServiceEnv } from "./config/service-env.ts";
import { createEngine } from "./engine/create-engine.ts";
import { SearchServiceError } from "./errors.ts";
import { startSearchServer } from "./http/server.ts";
import { jsonLogger } from "./logger.ts";
import { createSearchService } from "./service.ts";
import { createTextAnalyzer } from "./text/analyzer.ts";

try {
  const env = loadServiceEnv(process.env);
  const relevance = loadRelevanceConfig(env.configFile);
  const engine = await createEngine(env.engine === "orama" ? { engine: "orama" } : { engine: "postgres", databaseUrl: env.databaseUrl, schema: env.pgSchema }, relevance, createTextAnalyzer(relevance));
  const adapters = createAdapters({ magentoUrl: env.magentoUrl, store: env.store, cache: false, logger: jsonLogger });
  if (!env.redisUrl) jsonLogger.warn("REDIS_URL is not set: the index changes only on restart (no purge events)");
  const service = createSearchService({
    adapters, engine, relevance, store: env.store, logger: jsonLogger,
    ...(env.redisUrl ? { purge: { redisUrl: env.redisUrl, channel: env.purgeChannel } } : {}),
  });
  const server = await startSearchServer(service, { port: env.port, host: env.host });
  jsonLogger.info(`search service listening on ${server.url}/graphql`, { engine: engine.name, magento: env.magentoUrl });
  await service.start();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void Promise.all([server.close(), service.close(), adapters.close()]).then(() => process.exit(0), () => process.exit(1)));
  }
} catch (error) {
  jsonLogger.error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof SearchServiceError && error.code === "SEARCH_CONFIG" ? 78 : 1);
}
