// The configured reader of X-Magento-Vary (shopper-context.ts), built once per bundle from the config.
import { getFrontendConfig } from "./config.ts";
import { createVaryReader, type ShopperContext } from "./shopper-context.ts";

let reader: ReturnType<typeof createVaryReader> | undefined;

/** The shopper a store's request is for: GUEST without X-Magento-Vary, undefined for one this app cannot read. */
export function readShopper(store: string, vary: string | undefined): ShopperContext | undefined {
  const config = getFrontendConfig();
  reader ??= createVaryReader({
    ...(config.cryptKey ? { cryptKey: config.cryptKey } : {}),
    customerGroups: config.customerGroups, currencies: config.currencies, defaultStore: config.storeCode,
  });
  return reader(store, vary);
}
