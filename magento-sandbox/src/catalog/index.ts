/**
 * The sandbox catalog: Luma sample data (categories, simple/configurable/bundle/grouped/
 * downloadable products, attributes with swatches, CMS pages and blocks) loaded in memory with
 * deterministic ids, indexed for Magento-like lookups, URL rewrites and product listings.
 */
import type { Catalog } from "./types.ts";
import { createCatalog } from "./create-catalog.ts";
import { DEFAULT_SAMPLE_DATA_DIR, loadCatalogData } from "./load.ts";

export type * from "./types.ts";
export type { CatalogData } from "./load.ts";
export { createCatalog } from "./create-catalog.ts";
export { DEFAULT_SAMPLE_DATA_DIR, loadCatalogData } from "./load.ts";
export { renderCmsContent } from "./cms-content.ts";
export { getFinalPrice } from "./prices.ts";
export { getGroupPrice, GENERAL_GROUP_ID, NOT_LOGGED_IN_GROUP_ID, WHOLESALE_GROUP_ID } from "./group-prices.ts";
export { getRatingSummary } from "./reviews.ts";
export { URL_SUFFIX } from "./url-rewrites.ts";
export { SAMPLE_DATA_TIME } from "./product-base.ts";
export {
  decodeConfigurableOptionUid, decodeEntityUid, decodeUid, encodeConfigurableOptionUid, encodeUid,
} from "./uid.ts";

export interface LoadCatalogOptions {
  /** Directory of the Luma sample-data CSVs; default magento-sandbox/data/sample-data. */
  sampleDataDir?: string;
}

/** Reads the sample data and returns an indexed catalog (about 2,000 products). */
export function loadCatalog(options: LoadCatalogOptions = {}): Catalog {
  return createCatalog(loadCatalogData(options.sampleDataDir ?? DEFAULT_SAMPLE_DATA_DIR));
}
