// Picks the engine by name, both from the same relevance config and analyzer as the service.
import type { RelevanceConfig } from "../config/relevance-config.ts";
import type { TextAnalyzer } from "../text/analyzer.ts";
import type { SearchEngine } from "./engine.ts";
import { createOramaEngine } from "./orama/orama-engine.ts";
import { createPostgresEngine } from "./postgres/postgres-engine.ts";

export type EngineChoice =
  | { engine: "orama" }
  | { engine: "postgres"; databaseUrl: string; schema?: string; dropOnClose?: boolean };

export async function createEngine(choice: EngineChoice, relevance: RelevanceConfig, analyzer: TextAnalyzer): Promise<SearchEngine> {
  if (choice.engine === "orama") return createOramaEngine({ relevance, analyzer });
  return createPostgresEngine({ databaseUrl: choice.databaseUrl, schema: choice.schema, dropOnClose: choice.dropOnClose, relevance, analyzer });
}
