// Loads a listing (category or search) for a request's query: first the unfiltered listing, which
// names the facets and sort fields Magento offers, then, when the query asks for more, the filtered one.
import "server-only";
import type { ListingQuery, ProductListing } from "@strangler/adapters";
import { parseListingParams, toListingQuery, type ListingState } from "./listing-params.ts";

export interface LoadedListing<T extends ProductListing> {
  listing: T;
  state: ListingState;
}

function isDefaultState(state: ListingState): boolean {
  return state.page === 1 && state.sort === undefined && Object.keys(state.filters).length === 0;
}

export async function loadListing<T extends ProductListing>(
  query: URLSearchParams,
  defaultPageSize: number,
  fetchListing: (listingQuery: Pick<ListingQuery, "filters" | "sort" | "page" | "pageSize">) => Promise<T>,
): Promise<LoadedListing<T>> {
  const defaultLimit = Number(query.get("product_list_limit"));
  const firstPageSize = [12, 24, 36].includes(defaultLimit) ? defaultLimit : defaultPageSize;
  const base = await fetchListing({ page: 1, pageSize: firstPageSize });
  const state = parseListingParams(query, {
    filterCodes: new Set(base.facets.map((facet) => facet.code)),
    sortFields: new Set(base.sortOptions.map((option) => option.value)),
    defaultPageSize,
  });
  if (isDefaultState(state)) return { listing: base, state };
  return { listing: await fetchListing(toListingQuery(state)), state };
}
