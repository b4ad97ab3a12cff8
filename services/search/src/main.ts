// `npm start -w services/search`: settings from the environment (config/service-env.ts), the relevance
// file, the engine, the adapters (no cache of their own: the index is the cache), the service, HTTP.
// SIGTERM/SIGINT are handled from the first line on (as PID 1 in a container, a signal with no handler
// does nothing): they stop listening, abort a build in progress, unsubscribe and close the engine, then exit.
import { createAdapters, type Adapters } from "@strangler/adapters";
import { loadRelevanceConfig } from "./config/relevance-config.ts";
import { loadServiceEnv } from "./config/service-env.ts";
import { createEngine } from "./engine/create-engine.ts";
import type { SearchEngine } from "./engine/engine.ts";
import { SearchServiceError } from "./errors.ts";
import { startSearchServer, type SearchServer } from "./http/server.ts";
import { jsonLogger } from "./logger.ts";
import { createSearchService, type SearchService } from "./service.ts";
import { createTextAnalyzer } from "./text/analyzer.ts";

/** What is up so far; a signal closes exactly these, whatever stage the start is in. */
const running: { engine?: SearchEngine; adapters?: Adapters; service?: SearchService; server?: SearchServer } = {};
let stopping = false;

async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  jsonLogger.info(`${signal}: stopping`, { indexBuilt: running.service?.ready() ?? false });
  const { server, service, engine, adapters } = running;
  await server?.close();
  // The service closes its engine; an engine made before the service existed is closed here.
  await (service ? service.close() : engine?.close());
  await adapters?.close();
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void stop(signal).then(() => process.exit(0), (error: unknown) => {
    jsonLogger.error("stopping failed", { error: String(error) });
    process.exit(1);
  }));
}

try {
  const env = loadServiceEnv(process.env);
  const relevance = loadRelevanceConfig(env.configFile);
  running.engine = await createEngine(env.engine === "orama" ? { engine: "orama" } : { engine: "postgres", databaseUrl: env.databaseUrl, schema: env.pgSchema }, relevance, createTextAnalyzer(relevance));
  running.adapters = createAdapters({ magentoUrl: env.magentoUrl, store: env.store, cache: false, logger: jsonLogger });
  if (!env.redisUrl) jsonLogger.warn("REDIS_URL is not set: the index changes only on restart (no purge events)");
  running.service = createSearchService({
    adapters: running.adapters, engine: running.engine, relevance, store: env.store, logger: jsonLogger,
    ...(env.redisUrl ? { purge: { redisUrl: env.redisUrl, channel: env.purgeChannel } } : {}),
  });
  if (!stopping) {
    running.server = await startSearchServer(running.service, { port: env.port, host: env.host });
    jsonLogger.info(`search service listening on ${running.server.url}/graphql`, { engine: running.engine.name, magento: env.magentoUrl });
  }
  if (!stopping) await running.service.start();
} catch (error) {
  // A failure caused by the stop itself (the engine closed under a build) is not an error.
  if (!stopping) {
    jsonLogger.error(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof SearchServiceError && error.code === "SEARCH_CONFIG" ? 78 : 1);
  }
}
