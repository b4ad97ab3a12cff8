// Store configuration (names, currency, URL suffixes, root category). Tagged `store_config`;
// a purge of `.*` (what Magento sends on config save / cache flush) drops it too.
import type { RequestContext } from "./domain/context.ts";
import type { StoreConfig } from "./domain/store-config.ts";
import { storeConfigQuery } from "./magento/queries/store-config.ts";
import { reshapeStoreConfig } from "./magento/reshape-content.ts";
import { MagentoShapeError } from "./errors.ts";
import { readThrough } from "./read-through.ts";
import type { AreaDeps } from "./read-through.ts";

export function createStoreConfigArea(deps: AreaDeps) {
  async function getStoreConfig(ctx: RequestContext = {}): Promise<StoreConfig> {
    return readThrough(deps, ctx, {
      resource: "store-config",
      args: {},
      ttl: deps.config.ttls.storeConfig,
      tags: () => ["store_config"],
      load: async (addTags) => {
        const answer = await deps.graphql.request<{ storeConfig?: unknown }>("store config", storeConfigQuery, {}, ctx);
        addTags(answer?.tags ?? []);
        if (answer?.data.storeConfig == null) throw new MagentoShapeError("store config", "storeConfig", "is null");
        return reshapeStoreConfig(answer.data.storeConfig);
      },
    });
  }
  return { getStoreConfig };
}
