import { afterAll, beforeAll } from "vitest";
import { startSandbox, type RunningSandbox, type SandboxOptions } from "../../src/index.ts";
import type { Catalog } from "../../src/catalog/types.ts";
import type { Commerce } from "../../src/commerce/types.ts";
import type { SandboxStore } from "../../src/store.ts";
import { createBrowser, type Browser } from "./browser.ts";
import { createGraphQlClient, type GraphQlClient } from "./graphql-client.ts";
import { createRestClient, type RestCall } from "./rest-client.ts";

/**
 * One real sandbox per test file (started in beforeAll, closed in afterAll) and the clients
 * that check every answer: `gql` against the 2.4.8 GraphQL schema, `rest` against the
 * OpenAPI shapes. The clients may be taken at module level; they find the URL when called.
 */
export interface SandboxFixture {
  readonly sandbox: RunningSandbox;
  readonly url: string;
  readonly store: SandboxStore;
  readonly catalog: Catalog;
  readonly commerce: Commerce;
  readonly gql: GraphQlClient;
  readonly rest: RestCall;
  /** A fresh shopper with an empty cookie jar. */
  browser(): Browser;
}

export function useSandbox(options: SandboxOptions = {}): SandboxFixture {
  let running: RunningSandbox | undefined;
  const sandbox = (): RunningSandbox => {
    if (!running) throw new Error("The sandbox starts in beforeAll; use the fixture inside a test.");
    return running;
  };
  beforeAll(async () => {
    running = await startSandbox(options);
  });
  afterAll(() => running?.close());
  const url = () => sandbox().url;
  return {
    get sandbox() { return sandbox(); },
    get url() { return url(); },
    get store() { return sandbox().store; },
    get catalog() { return sandbox().store.catalog; },
    get commerce() { return sandbox().store.commerce; },
    gql: createGraphQlClient(url),
    rest: createRestClient(url),
    browser: () => createBrowser(url()),
  };
}
