// The service as collaborators wired together: the catalog source (adapters), an engine, the
// indexer that fills and refreshes it, the purge subscription that drives refreshes, and the GraphQL
// executor that answers from it. No HTTP here (http/server.ts), no env (main.ts).
import type { Adapters } from "@strangler/adapters";
import type { RelevanceConfig } from "./config/relevance-config.ts";
import { createCatalogSource } from "./catalog/catalog-source.ts";
import type { SearchEngine } from "./engine/engine.ts";
import { createGraphQlExecutor, type GraphQlRequest, type GraphQlResponse } from "./graphql/execute.ts";
import { loadMagentoSchema } from "./graphql/schema.ts";
import type { ResolverContext } from "./graphql/resolvers.ts";
import { createIndexer, type Indexer } from "./indexing/indexer.ts";
import { createPurgeSubscriber, type PurgeSubscriber } from "./indexing/purge-subscriber.ts";
import { jsonLogger, type Logger } from "./logger.ts";
import { createTextAnalyzer, type TextAnalyzer } from "./text/analyzer.ts";

export interface SearchServiceOptions {
  /** Required: how the catalog is read (createAdapters({ magentoUrl, cache: false }) is a good choice: the index is the cache). */
  adapters: Adapters;
  /** Required: createOramaEngine or createPostgresEngine with the same relevance config. */
  engine: SearchEngine;
  relevance: RelevanceConfig;
  /** Store view the index holds; requests naming another are refused. Default `default`. */
  store?: string;
  /** Where purges arrive; without it the index only changes on restart. */
  purge?: { redisUrl: string; channel?: string };
  /** Start-up: `always` rebuild, or `if-empty` (adopt a shared index that exists). Default: `if-empty` for a shared engine. */
  rebuildOnStart?: "always" | "if-empty";
  /** Calls to Magento in flight while reading products. Default 4. */
  concurrency?: number;
  logger?: Logger;
}

export interface SearchService {
  /** Subscribes to purges first (none is missed), then builds the index; resolves without one when closed meanwhile. */
  start(): Promise<void>;
  execute(request: GraphQlRequest): Promise<GraphQlResponse>;
  ready(): boolean;
  readonly engine: SearchEngine;
  readonly indexer: Indexer;
  close(): Promise<void>;
}

export function createSearchService(options: SearchServiceOptions): SearchService {
  const logger = options.logger ?? jsonLogger;
  const analyzer: TextAnalyzer = createTextAnalyzer(options.relevance);
  // Closing aborts a build or refresh in progress: a SIGTERM during the first build (seconds on a real
  // catalog) must not wait for hundreds of reads, nor write an index that is about to be closed.
  const closing = new AbortController();
  const source = createCatalogSource(options.adapters, { concurrency: options.concurrency ?? 4, signal: closing.signal });
  const indexer = createIndexer(source, options.engine, logger);
  const ifEmpty = (options.rebuildOnStart ?? (options.engine.shared ? "if-empty" : "always")) === "if-empty";
  let subscriber: PurgeSubscriber | undefined;

  const context = (): ResolverContext | undefined => {
    const meta = indexer.meta();
    return meta ? { engine: options.engine, meta, relevance: options.relevance, analyzer } : undefined;
  };
  const execute = createGraphQlExecutor({
    schema: loadMagentoSchema(), context, store: options.store ?? "default",
    log: (error) => logger.error("search request failed", { error: error instanceof Error ? error.stack : String(error) }),
  });

  return {
    engine: options.engine,
    indexer,
    execute,
    ready: () => indexer.meta() !== undefined,
    async start() {
      if (options.purge) {
        subscriber = createPurgeSubscriber({
          ...options.purge, logger,
          onPurge: (message) => indexer.applyPurge(message.tags, message.all),
          onResubscribed: () => void indexer.build().catch((error: unknown) => logger.warn("rebuild after a Redis outage failed", { error: String(error) })),
        });
        await subscriber.ready();
      }
      try {
        await indexer.build({ ifEmpty });
      } catch (error) {
        if (!closing.signal.aborted) throw error;
        logger.info("index build stopped: the service is closing");
      }
    },
    async close() {
      closing.abort();
      await subscriber?.close();
      await indexer.idle();
      await options.engine.close();
    },
  };
}
