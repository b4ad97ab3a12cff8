// One sandbox and one service per engine for the read-only suites (contract, parity, relevance):
// building an index reads the whole catalog through the adapters, so it is done once per run.
// Suites that change the catalog (indexing/) start their own sandbox.
import { startSandbox } from "@strangler/magento-sandbox";
import type { TestProject } from "vitest/node";
import { startService } from "./search-fixture.ts";

declare module "vitest" {
  export interface ProvidedContext {
    sandboxUrl: string;
    oramaUrl: string;
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const sandbox = await startSandbox();
  const orama = await startService({ magentoUrl: sandbox.url, engine: "orama" });
  const postgres = await startService({ magentoUrl: sandbox.url, engine: "postgres" });
  project.provide("sandboxUrl", sandbox.url);
  project.provide("oramaUrl", orama.url);
  project.provide("postgresUrl", postgres.url);
  return async () => {
    await Promise.all([orama.close(), postgres.close()]);
    await sandbox.close();
  };
}
