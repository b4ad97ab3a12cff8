// Quick search at Magento's URL, `/catalogsearch/result/?q=…`: per request (the query is the page).
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SearchPage } from "../../../components/pages/search-page.tsx";
import { getStoreConfig, searchProducts } from "../../../lib/magento.ts";
import { loadListing } from "../../../lib/listing-loader.ts";
import { buildMetadata } from "../../../lib/seo.ts";
import { enterRequestStoreView } from "../../../lib/request-store.ts";
import { currentStoreView, storeHref } from "../../../lib/store-view.ts";
import { toSearchParams, type RawSearchParams } from "../../../lib/search-params.ts";

const path = "/catalogsearch/result/";

interface Props {
  searchParams: Promise<RawSearchParams>;
}

function readText(query: URLSearchParams): string {
  return (query.get("q") ?? "").trim().slice(0, 128);
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  await enterRequestStoreView();
  const text = readText(toSearchParams(await searchParams));
  const storeConfig = await getStoreConfig();
  return buildMetadata({ title: `Search results for: '${text}'`, robots: "NOINDEX,FOLLOW", publicUrl: currentStoreView().publicUrl, ...(storeConfig ? { storeConfig } : {}) });
}

export default async function SearchRoute({ searchParams }: Props) {
  await enterRequestStoreView();
  const query = toSearchParams(await searchParams);
  const text = readText(query);
  // Like Magento: no query → back home; a too-short one → its notice.
  if (text === "") redirect(storeHref("/"));
  if (text.length < 3) return <SearchPage text={text} />;
  const defaultPageSize = (await getStoreConfig())?.gridPerPage || 12;
  const { listing, state } = await loadListing(query, defaultPageSize, (listingQuery) => searchProducts({ text, ...listingQuery }));
  return <SearchPage text={text} result={listing} links={{ path: storeHref(path), state, defaultPageSize, keep: { q: text } }} />;
}
