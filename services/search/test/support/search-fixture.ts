// A real search service for a test: adapters on a sandbox, the chosen engine (PostgreSQL in a schema
// of its own, dropped at close), the service built and listening on a free port, and a GraphQL
// client that checks every answer against the 2.4.8 schema.
import { createAdapters } from "@strangler/adapters";
import { createGraphQlClient, type GraphQlClient } from "@strangler/magento-sandbox/test-support";
import { DEFAULT_RELEVANCE_FILE, loadRelevanceConfig, type RelevanceConfig } from "../../src/config/relevance-config.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import { startSearchServer } from "../../src/http/server.ts";
import { quietLogger } from "../../src/logger.ts";
import { createSearchService, type SearchService } from "../../src/service.ts";
import { createTextAnalyzer } from "../../src/text/analyzer.ts";
import { databaseUrl, uniqueSchema } from "./environment.ts";

export type EngineName = "orama" | "postgres";
export const ENGINES: EngineName[] = ["orama", "postgres"];

export interface RunningService {
  service: SearchService;
  url: string;
  gql: GraphQlClient;
  close(): Promise<void>;
}

export interface ServiceSetup {
  magentoUrl: string;
  engine: EngineName;
  /** Default: a fresh schema, dropped at close. Pass one to share an index between replicas. */
  schema?: string;
  dropOnClose?: boolean;
  purge?: { redisUrl: string; channel: string };
  relevance?: RelevanceConfig;
  /** Called before every call to Magento (counting). */
  onMagentoCall?: (operation: string) => void;
}

export const relevance = loadRelevanceConfig(DEFAULT_RELEVANCE_FILE);

export async function startService(setup: ServiceSetup): Promise<RunningService> {
  const config = setup.relevance ?? relevance;
  const engine = await createEngine(
    setup.engine === "orama" ? { engine: "orama" } : { engine: "postgres", databaseUrl, schema: setup.schema ?? uniqueSchema("svc"), dropOnClose: setup.dropOnClose ?? true },
    config, createTextAnalyzer(config),
  );
  const adapters = createAdapters({ magentoUrl: setup.magentoUrl, cache: false, logger: quietLogger, ...(setup.onMagentoCall ? { onMagentoCall: setup.onMagentoCall } : {}) });
  const service = createSearchService({ adapters, engine, relevance: config, logger: quietLogger, concurrency: 6, ...(setup.purge ? { purge: setup.purge } : {}) });
  await service.start();
  const server = await startSearchServer(service);
  return {
    service,
    url: server.url,
    gql: createGraphQlClient(server.url),
    close: async () => {
      await server.close();
      await service.close();
      await adapters.close();
    },
  };
}
