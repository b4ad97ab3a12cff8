// The unleash-client instance behind the provider: how it is built, watched, waited for and destroyed.
import { Unleash } from "unleash-client";
import { isFetchFailureError, isFetchFailureWarning, type FetchHealth } from "./fetch-health.ts";
import type { FlagsLogger } from "./logger.ts";
import type { UnleashProviderOptions } from "./unleash-provider.ts";

export function createClient(options: UnleashProviderOptions): Unleash {
  const { unleash } = options;
  return new Unleash({
    url: unleash.url,
    appName: unleash.appName,
    customHeaders: { Authorization: unleash.apiToken },
    refreshInterval: options.refreshMs,
    timeout: unleash.timeoutMs,
    disableMetrics: !unleash.metrics,
    storageProvider: options.savedState,
    skipInstanceCountWarning: true,
    disableAutoStart: true,
  });
}

/**
 * destroy() removes every listener of the client's repository, yet a fetch still in flight can end in an
 * 'error' emit there, which with no listener would crash the process: keep one that swallows it.
 */
export function destroyQuietly(client: Unleash): void {
  const repository = (client as unknown as { repository?: { on(event: string, listener: () => void): void } }).repository;
  client.destroy();
  repository?.on("error", () => undefined);
}

export function waitForFirstState(client: Unleash, started: Promise<unknown>, waitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    // setImmediate lets the client's nextTick-deferred 'ready' land before start-up continues.
    const done = () => {
      clearTimeout(timer);
      setImmediate(resolve);
    };
    client.once("ready", done);
    void started.finally(done);
  });
}

/** Feeds fetch outcomes into `health`, logs the client's complaints; returns "does the client hold any state?". */
export function watchClient(client: Unleash, health: FetchHealth, logger: FlagsLogger): () => boolean {
  let loadedState = false;
  client.on("ready", () => (loadedState = true));
  client.on("changed", () => health.recordSuccess());
  client.on("unchanged", () => health.recordSuccess());
  client.on("warn", (message: unknown) => {
    if (isFetchFailureWarning(message)) health.recordFailure();
    logger.warn({ unleash: message }, "unleash warning");
  });
  client.on("error", (error: unknown) => {
    if (isFetchFailureError(error)) health.recordFailure();
    logger.error({ err: error }, "unleash error; flags answer from the last known state");
  });
  // 'ready' arrives two nextTicks late; a sync that already happened counts at once.
  return () => loadedState || client.isSynchronized();
}
