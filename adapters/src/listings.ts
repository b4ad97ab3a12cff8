// Category listings and search: filters (from the facets Magento aggregates), sort, pagination.
// A category listing is tagged `cat_c_p_<id>` (Magento's "products of category" tag) and
// `cat_p_<id>` for each product shown; a search only per product, so it relies on its short TTL.
import type { RequestContext } from "./domain/context.ts";
import type { FilterValue, ListingQuery, ProductListing, SearchQuery, SearchResult } from "./domain/listing.ts";
import { InvalidArgumentError } from "./errors.ts";
import type { AdapterError } from "./errors.ts";
import { requirePositiveInt, requireText } from "./arguments.ts";
import { productListingQuery, productSearchQuery } from "./magento/queries/listings.ts";
import { reshapeListing, reshapeSearchResult } from "./magento/reshape-listing.ts";
import { readThrough } from "./read-through.ts";
import type { AreaDeps } from "./read-through.ts";

interface ProductsAnswer {
  products?: unknown;
}

/** Domain filters → ProductAttributeFilterInput (`eq`, `in`, or `from`/`to`). */
export function toMagentoFilter(filters: Record<string, FilterValue> = {}): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [code, value] of Object.entries(filters)) {
    if (!/^[a-z][a-z0-9_]*$/.test(code)) throw new InvalidArgumentError(`filters.${code}`, "is not an attribute code");
    if (typeof value === "string") out[code] = { eq: value };
    else if (Array.isArray(value)) out[code] = { in: value };
    else out[code] = Object.fromEntries(Object.entries({ from: value.from, to: value.to }).filter(([, v]) => v !== undefined));
  }
  return out;
}

function toVariables(query: ListingQuery | SearchQuery) {
  const page = requirePositiveInt("page", query.page, 1);
  const pageSize = requirePositiveInt("pageSize", query.pageSize, 12, 300);
  const sort = query.sort ? { [requireText("sort.field", query.sort.field)]: query.sort.direction === "DESC" ? "DESC" : "ASC" } : undefined;
  return { page, pageSize, sort, filter: toMagentoFilter(query.filters) };
}

/** Magento uids are base64 of the numeric id (`MTI=` → 12); anything else → undefined. */
export function decodeUid(uid: string | undefined): number | undefined {
  if (!uid) return undefined;
  const decoded = Buffer.from(uid, "base64").toString("utf8");
  return /^\d+$/.test(decoded) ? Number(decoded) : undefined;
}

function tagsOfListing(listing: ProductListing, categoryId?: number): string[] {
  const productTags = listing.items.map((item) => `cat_p_${item.id}`);
  return categoryId === undefined ? productTags : [`cat_c_p_${categoryId}`, `cat_c_${categoryId}`, ...productTags];
}

export function createListingsArea(deps: AreaDeps) {
  const onDropped = (error: AdapterError) => {
    deps.metrics.increment("adapters_reshape_dropped", { resource: "listing-item" });
    deps.logger.warn("dropped a listing item Magento answered in a bad shape", { error: error.message });
  };

  async function listProducts(query: ListingQuery, ctx: RequestContext = {}): Promise<ProductListing> {
    const { page, pageSize, sort, filter } = toVariables(query);
    if (query.categoryUid) filter.category_uid = { eq: query.categoryUid };
    if (query.categoryId !== undefined) filter.category_id = { eq: String(query.categoryId) };
    if (Object.keys(filter).length === 0) throw new InvalidArgumentError("query", "needs categoryUid, categoryId or filters");
    return readThrough(deps, ctx, {
      resource: "listing",
      args: { filter, sort, page, pageSize },
      ttl: deps.config.ttls.listing,
      tags: (listing: ProductListing) => tagsOfListing(listing, query.categoryId ?? decodeUid(query.categoryUid)),
      load: async (addTags) => {
        const variables = { filter, sort, pageSize, currentPage: page };
        const answer = await deps.graphql.request<ProductsAnswer>("product listing", productListingQuery, variables, ctx);
        addTags(answer?.tags ?? []);
        return reshapeListing(answer?.data.products, { page, pageSize }, onDropped);
      },
    });
  }

  async function searchProducts(query: SearchQuery, ctx: RequestContext = {}): Promise<SearchResult> {
    const text = requireText("text", query.text);
    const { page, pageSize, sort, filter } = toVariables(query);
    return readThrough(deps, ctx, {
      resource: "search",
      args: { text, filter, sort, page, pageSize },
      ttl: deps.config.ttls.search,
      tags: (result: SearchResult) => tagsOfListing(result),
      load: async (addTags) => {
        const variables = { search: text, filter, sort, pageSize, currentPage: page };
        const answer = await deps.searchGraphql.request<ProductsAnswer>("product search", productSearchQuery, variables, ctx);
        addTags(answer?.tags ?? []);
        return reshapeSearchResult(answer?.data.products, text, { page, pageSize }, onDropped);
      },
    });
  }

  return { listProducts, searchProducts };
}
